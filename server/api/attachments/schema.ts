import { z } from 'zod';

export const caseParams = z.object({ id: z.uuid() });

export const attachmentParams = z.object({ id: z.uuid() });

/**
 * x-hcp-user: who uploads. Until accounts exist the caller names themselves here; a header cannot carry
 * Chinese characters as such, so the name may come percent-encoded (encodeURIComponent).
 */
export const uploadedByHeader = z
  .string()
  .transform((raw) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // not percent-encoded after all: take it as it is
    }
  })
  .pipe(z.string().trim().min(1).max(64));
