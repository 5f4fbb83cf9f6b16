// GET /api/departments: the departments (the engine's candidate groups) with their names, for the forms that
// choose one (assign a unit, pick consultation departments) and for showing names instead of ids.
import { Router } from 'express';
import { requireUser } from '../../auth/middleware.ts';
import type { Db } from '../../../infra/db.ts';

export function departmentRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/departments', requireUser, async (_request, response) => {
    const rows = await db('departments')
      .orderBy('id')
      .select('id', 'name', 'kind', 'region_code', 'accepts_cases');
    response.json({
      departments: rows.map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind,
        regionCode: row.region_code,
        acceptsCases: row.accepts_cases,
      })),
    });
  });
  return router;
}
