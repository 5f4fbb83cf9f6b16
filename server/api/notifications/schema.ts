import { z } from 'zod';

/** GET /api/notifications: one case's messages, or (without caseId) the latest across all cases. */
export const notificationListQuery = z.strictObject({
  caseId: z.uuid().optional(),
});

export type NotificationListQuery = z.infer<typeof notificationListQuery>;
