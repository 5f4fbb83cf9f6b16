// GET /api/fraud-flags?since=…&limit=…&state=open|reviewed|all: fraud signals (art. 23) for supervisors, those of
// ratings whose 办件's handling unit is in the supervisor's jurisdiction (an admin's: all), each with its rating's
// review (or null). open and all: flags raised since, oldest first; reviewed: flags of ratings reviewed since,
// the latest review first. A flag is a reason to look, not a verdict: the rating stays as it is and
// counts until a review confirms the fraud (review-routes.ts).
import { Router } from 'express';
import { fraudFlagsQuery } from './schema.ts';
import { presentFraudFlag, type FraudFlagRow } from './presenter.ts';
import { currentUser, requireRole } from '../../auth/middleware.ts';
import { jurisdictionDepartmentIds } from '../../auth/jurisdiction.ts';
import { FRAUD_REVIEW_DECISIONS } from '../../../domain/fraud/review.ts';
import type { Db } from '../../../infra/db.ts';

const DEFAULT_SINCE_MS = 7 * 24 * 60 * 60 * 1000;

export function fraudFlagRoutes({ db, clock }: { db: Db; clock: () => Date }): Router {
  const router = Router();
  router.get('/fraud-flags', requireRole('supervisor', 'admin'), async (request, response) => {
    const query = fraudFlagsQuery.parse(request.query);
    const since = query.since ? new Date(query.since) : new Date(clock().getTime() - DEFAULT_SINCE_MS);
    const user = currentUser(response);
    const flags = db('fraud_flags as f')
      .join('evaluations as e', 'e.id', 'f.evaluation_id')
      .join('service_records as sr', 'sr.id', 'e.service_record_id')
      .leftJoin('evaluation_decisions as d', (join) =>
        join
          .on('d.evaluation_id', 'f.evaluation_id')
          .onIn('d.decision', Object.values(FRAUD_REVIEW_DECISIONS)),
      )
      .leftJoin('users as ru', 'ru.id', 'd.decided_by')
      .leftJoin('institutions as inst', 'inst.id', 'sr.institution_id')
      // A 差评 opened a case (not one imported as archive): the screen links to it.
      .leftJoin('cases as c', 'c.evaluation_id', 'f.evaluation_id')
      .limit(query.limit)
      .select<FraudFlagRow[]>(
        'f.id',
        'f.evaluation_id',
        'f.signal',
        'f.reasons',
        'f.details',
        'f.created_at',
        'e.level',
        'e.channel',
        'e.rated_at',
        'e.tags',
        'e.text',
        'e.rater_name_masked',
        'e.rater_phone_masked',
        'e.service_record_id',
        'sr.handling_department_id',
        'sr.institution_id',
        'inst.name as institution_name',
        'c.id as case_id',
        'c.status as case_status',
        'd.decision as review_decision',
        'd.basis as review_basis',
        'd.decided_by as reviewed_by',
        'ru.name as reviewer_name',
        'd.decided_at as reviewed_at',
      );
    if (query.state === 'reviewed') {
      // The reviews made since, newest first: what a supervisor looks back on.
      flags
        .where('d.decided_at', '>=', since)
        .orderBy([
          { column: 'd.decided_at', order: 'desc' },
          { column: 'f.evaluation_id' },
          { column: 'f.id' },
        ]);
    } else {
      flags.where('f.created_at', '>=', since).orderBy([{ column: 'f.created_at' }, { column: 'f.id' }]);
      // Open: neither reviewed nor not adopted after appeal (out of the statistics already, nothing to decide).
      if (query.state === 'open') {
        flags
          .whereNull('d.id')
          .whereNotExists(
            db('evaluation_decisions as na')
              .select(db.raw('1'))
              .whereRaw('na.evaluation_id = f.evaluation_id')
              .where('na.decision', 'not-adopted'),
          );
      }
    }
    if (user.role !== 'admin') {
      flags.whereIn('sr.handling_department_id', await jurisdictionDepartmentIds(db, user));
    }
    const rows = await flags;
    response.json({ since: since.toISOString(), flags: rows.map(presentFraudFlag) });
  });
  return router;
}
