// GET /api/notifications?caseId=…: what the system told whom about a case, and whether it went out —
// for supervisors checking that reminders and answers were really sent. A supervisor sees a case's messages
// only if they may see the case (else 404 case.not_found), and in the whole list only those of cases whose
// rated or responsible unit is in their jurisdiction, and those of no case sent to their own address (the
// 刷评线索 notices, infra/fraud/flag-notices.ts); an admin sees every message.
import { casesWatchedBy } from '../../../infra/stores/jurisdiction-store.ts';
import { Router } from 'express';
import { notificationListQuery } from './schema.ts';
import { presentNotification } from './presenter.ts';
import type { NotificationListRow } from './presenter.ts';
import { currentUser, requireRole } from '../../auth/middleware.ts';
import { assertCaseVisible } from '../../auth/case-access.ts';
import { jurisdictionDepartmentIds } from '../../auth/jurisdiction.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import type { Db } from '../../../infra/db.ts';

const LIST_LIMIT = 200;

export function notificationRoutes({ db, engine }: { db: Db; engine: EngineClient }): Router {
  const router = Router();
  router.get('/notifications', requireRole('supervisor', 'admin'), async (request, response) => {
    const { caseId } = notificationListQuery.parse(request.query);
    const user = currentUser(response);
    if (caseId) await assertCaseVisible({ db, engine }, user, caseId);
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
        'withdrawn_at',
        'withdrawn_reason',
        'created_at',
      )
      .limit(LIST_LIMIT);
    // A case's messages in the order they were queued, like its timeline; the whole outbox newest first.
    if (caseId) query.where({ case_id: caseId }).orderBy('id', 'asc');
    else {
      query.orderBy('id', 'desc');
      if (user.role !== 'admin') {
        const departments = await jurisdictionDepartmentIds(db, user);
        const own = await db('users').where({ id: user.id }).first<{ email: string | null }>('email');
        query.where((visible) => {
          visible.whereIn('case_id', casesWatchedBy(db, departments));
          // And the messages of no case sent to the supervisor themselves (the hourly 刷评线索 notice).
          const email = own?.email?.trim();
          if (email) {
            visible.orWhere((mine) => {
              mine
                .whereNull('case_id')
                .where({ channel: 'email', recipient: email, recipient_encrypted: false });
            });
          }
        });
      }
    }
    response.json({ notifications: (await query).map(presentNotification) });
  });
  return router;
}
