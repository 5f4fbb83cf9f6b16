// The HTTP application, built from its dependencies (wired in server/main.ts or a test).
import express from 'express';
import { createErrorHandler, errorBody } from './errors.ts';
import { healthRoutes } from './api/health/routes.ts';
import { serviceRecordRoutes } from './api/service-records/routes.ts';
import { evaluationRoutes } from './api/evaluations/routes.ts';
import { taskRoutes } from './api/tasks/routes.ts';
import { caseRoutes } from './api/cases/routes.ts';
import { calendarRoutes } from './api/calendar/routes.ts';
import { createCalendarProvider, type CalendarProvider } from '../infra/calendar-provider.ts';
import type { Db } from '../infra/db.ts';
import type { EngineClient } from '../infra/engine-rest.ts';
import type { EvaluationIntake } from '../domain/evaluation/intake.ts';

export interface AppDeps {
  db: Db;
  engine: EngineClient;
  intake: EvaluationIntake;
  /** The working calendar in force (files + loaded notices); by default built over `db`. */
  calendars?: CalendarProvider;
  clock: () => Date;
  onCaseOpened: () => void;
  log: (line: string) => void;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  const api = express.Router();
  api.use(healthRoutes(deps));
  api.use(serviceRecordRoutes(deps));
  api.use(evaluationRoutes(deps));
  api.use(taskRoutes(deps));
  api.use(caseRoutes(deps));
  api.use(calendarRoutes({ ...deps, calendars: deps.calendars ?? createCalendarProvider({ db: deps.db }) }));
  api.use((_request, response) => {
    const reply = errorBody('request.not_found');
    response.status(reply.status).json(reply.body);
  });
  app.use('/api', api);
  app.use(createErrorHandler(deps.log));
  return app;
}
