// GET /api/cases/:id: one case with its rating (contact masked), 办件, timeline, clocks and answer.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { presentCase } from './presenter.ts';
import type { Db } from '../../../infra/db.ts';

const params = z.object({ id: z.uuid() });

export function caseRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/cases/:id', async (request, response) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new DomainError('case.not_found');
    const id = parsed.data.id;
    const found = await db('cases').where({ id }).first();
    if (!found) throw new DomainError('case.not_found', { id });
    const [evaluation, events, clocks, answer] = await Promise.all([
      db('evaluations as e')
        .join('service_records as r', 'r.id', 'e.service_record_id')
        .where('e.id', found.evaluation_id)
        .first('e.*', 'r.item_code', 'r.handling_department_id', 'r.channel as service_channel'),
      db('case_events')
        .where({ case_id: id })
        .orderBy([{ column: 'occurred_at' }, { column: 'id' }]),
      db('sla_clocks').where({ case_id: id }).orderBy('started_at'),
      db('rater_answers').where({ case_id: id }).first(),
    ]);
    response.json(presentCase({ found, evaluation, events, clocks, answer }));
  });
  return router;
}
