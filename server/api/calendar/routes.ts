// The working calendar at runtime:
//   POST /api/calendar/notices      load a State Council notice (or a regional layer) and recompute
//   GET  /api/calendar/notices      every load: who, when, which year or region
//   GET  /api/calendar/provisional  open clocks whose due date is provisional, and open invitations whose
//                                   rating window is (supervisors: their jurisdiction's; admins: all)
import { Router } from 'express';
import { CalendarDataError } from '../../../domain/calendar/index.ts';
import { DomainError } from '../../../domain/errors.ts';
import { loadNotice, type NoticeLoadDeps } from '../../../infra/calendar-notices.ts';
import { listLoads } from '../../../infra/stores/calendar-notice-store.ts';
import { provisionalClockList } from '../../../infra/stores/sla-recompute-store.ts';
import { provisionalWindowList } from '../../../infra/stores/invitation-recompute-store.ts';
import {
  presentLoad,
  presentLoadResult,
  presentProvisionalClock,
  presentProvisionalWindow,
} from './presenter.ts';
import { noticeFileBody } from './schema.ts';
import { currentUser, requireRole, requireUser } from '../../auth/middleware.ts';
import { jurisdictionDepartmentIds } from '../../auth/jurisdiction.ts';

export function calendarRoutes(deps: NoticeLoadDeps): Router {
  const router = Router();

  // Who loads a notice is recorded with it; only admins load the calendar everyone's deadlines stand on.
  router.post('/calendar/notices', requireRole('admin'), async (request, response) => {
    const loadedBy = currentUser(response).id;
    const file = noticeFileBody.parse(request.body);
    const result = await loadNotice(deps, file, loadedBy).catch((error: unknown) => {
      // The calendar's own issues (day, rule, JSON pointer) become the details of one catalogue entry.
      if (error instanceof CalendarDataError) {
        throw new DomainError('calendar.invalid_notice', { issues: error.issues });
      }
      throw error;
    });
    // 200, not 201, when the same file was already the latest load: nothing new was stored.
    response.status(result.load.alreadyLoaded ? 200 : 201).json(presentLoadResult(result));
  });

  router.get('/calendar/notices', requireUser, async (_request, response) => {
    response.json({ notices: (await listLoads(deps.db)).map(presentLoad) });
  });

  // Supervisors (their jurisdiction's departments) and admins (all): a case id is its rater's key to the
  // answers (GET /api/evaluations/:id/answer), so no one else may list them.
  router.get('/calendar/provisional', requireRole('supervisor', 'admin'), async (_request, response) => {
    const user = currentUser(response);
    const departments = user.role === 'admin' ? undefined : await jurisdictionDepartmentIds(deps.db, user);
    const [clocks, invitations] = await Promise.all([
      provisionalClockList(deps.db, departments),
      provisionalWindowList(deps.db, departments),
    ]);
    response.json({
      clocks: clocks.map(presentProvisionalClock),
      invitations: invitations.map(presentProvisionalWindow),
    });
  });

  return router;
}
