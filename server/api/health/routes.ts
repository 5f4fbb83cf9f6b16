// GET /api/health: 200 only when the database and the engine both answer; otherwise 503 naming which is
// down and why.
import { Router } from 'express';
import { EngineError, isEngineUnreachable } from '../../../infra/engine-rest.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import { errorMessage } from '../../../infra/error-message.ts';

type Probe = { state: 'up' } | { state: 'down'; reason: string };

async function probe(check: () => Promise<unknown>, reasonOf: (error: unknown) => string): Promise<Probe> {
  try {
    await check();
    return { state: 'up' };
  } catch (error: unknown) {
    return { state: 'down', reason: reasonOf(error) };
  }
}

/** Why the engine did not answer as the workers and the case starter need it to. */
function engineDownReason(error: unknown): string {
  if (error instanceof EngineError && error.status === 401)
    return '认证失败：ENGINE_ADMIN_USER / ENGINE_ADMIN_PASSWORD 与引擎的用户不符';
  if (error instanceof EngineError) return `引擎应答错误 ${error.status}`;
  if (isEngineUnreachable(error)) return '无法连接';
  return errorMessage(error);
}

export function healthRoutes({ db, engine }: { db: Db; engine: EngineClient }): Router {
  const router = Router();
  router.get('/health', async (_request, response) => {
    const [database, engineState] = await Promise.all([
      probe(
        () => db.raw('select 1').timeout(2000),
        () => '无法连接',
      ),
      // Not GET /engine: the engine's auth filter lets that one through without credentials. A list of
      // definitions needs them (every /engine-rest path but /engine does) and reads the engine's database.
      probe(
        () => engine.definitions('process', { latestVersion: 'true', maxResults: '1' }),
        engineDownReason,
      ),
    ]);
    const down = [
      ...(database.state === 'down' ? [`数据库不可用（${database.reason}）`] : []),
      ...(engineState.state === 'down' ? [`流程引擎不可用（${engineState.reason}）`] : []),
    ];
    response.status(down.length ? 503 : 200).json({
      status: down.length ? 'degraded' : 'ok',
      database: database.state,
      engine: engineState.state,
      ...(down.length ? { message: down.join('；') } : {}),
    });
  });
  return router;
}
