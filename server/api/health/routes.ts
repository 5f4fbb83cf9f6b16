// GET /api/health: 200 only when the database and the engine both answer; otherwise 503 naming which.
import { Router } from 'express';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await check();
    return 'up';
  } catch {
    return 'down';
  }
}

export function healthRoutes({ db, engine }: { db: Db; engine: EngineClient }): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const [database, engineState] = await Promise.all([
      probe(() => db.raw('select 1').timeout(2000)),
      probe(() => engine.engines()),
    ]);
    const healthy = database === 'up' && engineState === 'up';
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'degraded',
      database,
      engine: engineState,
      ...(healthy ? {} : { message: `${database === 'down' ? '数据库' : '流程引擎'}不可用` }),
    });
  });
  return router;
}
