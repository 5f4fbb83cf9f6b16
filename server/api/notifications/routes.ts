// GET /api/notifications?caseId=…: what the system told whom about a case, and whether it went out —
// for supervisors checking that reminders and answers were really sent.
import { Router } from 'express';
import { notificationListQuery } from './schema.ts';
import { presentNotification } from './presenter.ts';
import type { NotificationListRow } from './presenter.ts';
import { requireRole } from '../../auth/middleware.ts';
import type { Db } from '../../../infra/db.ts';

const LIST_LIMIT = 200;

export function notificationRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/notifications', requireRole('supervisor', 'admin'), async (request, response) => {
    const { caseId } = notificationListQuery.parse(request.query);
    const query = db('notifications')
      .select<NotificationListRow[]>(
        'id',
        'channel',
        'recipient_masked',
        'subject',
        'body',
        'case_id',
        'attempts',
        'available_at',
        'sent_at',
        'last_error',
        'created_at',
      )
      .limit(LIST_LIMIT);
    // A case's messages in the order they were queued, like its timeline; the whole outbox newest first.
    if (caseId) query.where({ case_id: caseId }).orderBy('id', 'asc');
    else query.orderBy('id', 'desc');
    response.json({ notifications: (await query).map(presentNotification) });
  });
  return router;
}
