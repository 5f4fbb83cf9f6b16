import { z } from 'zod';

/**
 * x-hcp-user: who loads the notice. Until accounts exist (a separate issue) the caller names themselves
 * here; it is recorded as calendar_notices.loaded_by and as the actor of every moved due date. Header
 * values cannot carry Chinese characters as such, so the name may come percent-encoded (encodeURIComponent).
 */
export const loadedByHeader = z
  .string()
  .transform((raw) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // not percent-encoded after all: take it as it is
    }
  })
  .pipe(z.string().trim().min(1).max(64));

/**
 * The body is the calendar file itself (a notice like calendars/cn/2027.json, or a regional layer like
 * calendars/regions/xian.json). Its content is checked by the calendar's own validation, which names the
 * day and the rule of every problem, rather than by a second, weaker schema here.
 */
export const noticeFileBody = z.unknown();

export type LoadedBy = z.infer<typeof loadedByHeader>;
