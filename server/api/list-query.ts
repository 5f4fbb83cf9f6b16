// The query fields every list of recent records takes (fraud flags, the contact-reveal audit): from when, as
// ISO 8601 with an offset, and how many at most.
import { z } from 'zod';

export const recentListQuery = {
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
};
