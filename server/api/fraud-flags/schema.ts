import { z } from 'zod';
import { recentListQuery } from '../list-query.ts';

export const fraudFlagsQuery = z.strictObject({
  // since: by default the last 7 days.
  ...recentListQuery,
  // open: flags of ratings not yet reviewed; reviewed: of ratings a supervisor confirmed or dismissed since
  // `since` (by the review's time, latest first).
  state: z.enum(['open', 'reviewed', 'all']).default('all'),
});
