// GET /api/cases/:id: one case with its rating (contact masked), 办件 (or, 综合点评, the rated institution,
// item or platform), timeline, clocks and answers — for those
// who may see it (server/auth/case-access.ts); GET /api/cases/:id/progress: where its processes stand.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { findFraudReview } from '../../../infra/stores/fraud-review-store.ts';
import { presentCase } from './presenter.ts';
import { currentUser, requireUser } from '../../auth/middleware.ts';
import { visibleCaseId } from '../../auth/case-access.ts';
import { userNames } from '../tasks/task-rows.ts';
import { caseProgress } from './progress.ts';
import { caseCommentRoutes } from './comment-routes.ts';
import { answersOfCase } from '../../../infra/stores/rater-answer-store.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';

export function caseRoutes(deps: { db: Db; engine: EngineClient; clock: () => Date }): Router {
  const { db, engine } = deps;
  const router = Router();
  router.use(['/cases', '/process-definitions'], requireUser);

  router.get('/cases/:id', async (request, response) => {
    const id = await visibleCaseId(deps, currentUser(response), request.params.id);
    const found = await db('cases as c')
      .leftJoin('departments as d', 'd.id', 'c.responsible_department_id')
      .where('c.id', id)
      .first('c.*', 'd.name as responsible_department_name');
    if (!found) throw new DomainError('case.not_found', { id });
    const [evaluation, events, clocks, answers, fraudReview] = await Promise.all([
      db('case_ratings as cr')
        .leftJoin('service_items as i', 'i.code', 'cr.item_code')
        .leftJoin('institutions as n', 'n.id', 'cr.institution_id')
        .leftJoin('platforms as p', 'p.id', 'cr.platform_id')
        .leftJoin('departments as h', 'h.id', 'cr.unit_department_id')
        .leftJoin('departments as b', 'b.id', 'p.builder_department_id')
        .where('cr.case_id', id)
        .first(
          'cr.*',
          'i.name as item_name',
          'n.name as institution_name',
          'p.name as platform_name',
          'h.name as unit_department_name',
          'p.builder_department_id',
          'b.name as builder_department_name',
        ),
      db('case_events')
        .where({ case_id: id })
        .orderBy([{ column: 'occurred_at' }, { column: 'id' }]),
      db('sla_clocks').where({ case_id: id }).orderBy('started_at'),
      answersOfCase(db, id),
      // A supervisor's review of the rating as fraud (art. 23) concerns whoever handles or reviews its case.
      // A case's id is its rating's; a 综合点评 has none (fraud reviews are of evaluations only).
      findFraudReview(db, id),
    ]);
    const names = await userNames(
      db,
      events.map((event) => event.actor as string | null),
    );
    response.json(presentCase({ found, evaluation, events, clocks, answers, names, fraudReview }));
  });

  router.get('/cases/:id/progress', async (request, response) => {
    const id = await visibleCaseId(deps, currentUser(response), request.params.id);
    response.json({ processes: await caseProgress(engine, id) });
  });

  router.get('/process-definitions/:id/xml', async (request, response) => {
    const id = z.string().trim().min(1).max(128).parse(request.params.id);
    try {
      response.json(await engine.processDefinitionXml(id));
    } catch {
      throw new DomainError('process_definition.not_found', { id });
    }
  });

  router.use(caseCommentRoutes(deps));
  return router;
}
