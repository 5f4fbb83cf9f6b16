// The task list's routes (issue 6), every one behind a signed-in session: lists, actions, completion.
import { Router } from 'express';
import { requireUser } from '../../auth/middleware.ts';
import { taskListRoutes } from './list-routes.ts';
import { taskActionRoutes } from './action-routes.ts';
import { taskCompleteRoute } from './complete-route.ts';
import { createSendBackTargets } from './send-back-targets.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import type { StagePlanner } from '../../../infra/sla/stage-plan.ts';
import type { CalendarSource } from '../../../infra/calendar-provider.ts';
import type { Protector } from '../../../infra/protector.ts';

export function taskRoutes(deps: {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  planner: StagePlanner;
  calendars: CalendarSource;
  protector: Protector;
}): Router {
  const sendBackTargets = createSendBackTargets(deps.engine);
  const router = Router();
  router.use(['/tasks', '/colleagues'], requireUser);
  router.use(taskListRoutes({ ...deps, sendBackTargets }));
  router.use(taskActionRoutes({ ...deps, sendBackTargets }));
  router.use(taskCompleteRoute(deps));
  return router;
}
