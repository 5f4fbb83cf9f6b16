// x-hcp-user: who acts (uploads evidence, loads a notice). Until accounts exist (the task list's issue)
// the caller names themselves in this header. Header values cannot carry Chinese characters as such,
// so the name may come percent-encoded (encodeURIComponent).
import { z } from 'zod';

export const actingUserHeader = z
  .string()
  .transform((raw) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // not percent-encoded after all: take it as it is
    }
  })
  .pipe(z.string().trim().min(1).max(64));
