import { z } from 'zod';

export const fraudFlagsQuery = z.strictObject({
  // ISO 8601 with an offset; default: the last 7 days.
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  // open: flags of ratings not yet reviewed; reviewed: of ratings a supervisor confirmed or dismissed since
  // `since` (by the review's time, latest first).
  state: z.enum(['open', 'reviewed', 'all']).default('all'),
});
