// The HTTP application, built from its dependencies (wired in server/main.ts or a test).
import express from 'express';
import { z } from 'zod';
import { createErrorHandler, errorBody } from './errors.ts';
import { refuseUnstorableText } from './storable-text.ts';
import { healthRoutes } from './api/health/routes.ts';
import { serviceRecordRoutes } from './api/service-records/routes.ts';
import { evaluationRoutes } from './api/evaluations/routes.ts';
import { taskRoutes } from './api/tasks/routes.ts';
import { caseRoutes } from './api/cases/routes.ts';
import { departmentRoutes } from './api/departments/routes.ts';
import { calendarRoutes } from './api/calendar/routes.ts';
import { notificationRoutes } from './api/notifications/routes.ts';
import { hotlineWebhookRoutes } from './api/hotline/routes.ts';
import { attachmentRoutes } from './api/attachments/routes.ts';
import { importRoutes } from './api/imports/routes.ts';
import { fraudFlagRoutes } from './api/fraud-flags/routes.ts';
import { fraudReviewRoutes } from './api/fraud-flags/review-routes.ts';
import { revealContactRoutes } from './api/evaluations/reveal-contact.ts';
import { contactRevealRoutes } from './api/contact-reveals/routes.ts';
import { raterAnswerRoutes } from './api/evaluations/answer-routes.ts';
import { createFraudChecker, type FraudChecker } from '../infra/fraud/checker.ts';
import { DEFAULT_FRAUD_THRESHOLDS } from '../domain/fraud/thresholds.ts';
import type { HallNetwork } from '../domain/fraud/hall-networks.ts';
import { createAfterCommitFraudChecks } from '../infra/fraud/after-commit.ts';
import { evaluationTagRoutes } from './api/evaluation-tags/routes.ts';
import { qrRoutes } from './api/qr/routes.ts';
import { modelRoutes } from './api/models/routes.ts';
import { channelRoutes } from './api/channels/routes.ts';
import { ratingPageRoutes } from './pages/routes.ts';
import { statisticsPageRoutes } from './pages/statistics-page.ts';
import { pageErrorHandler, pageNotFound } from './pages/error-pages.ts';
import { statisticsRoutes } from './api/statistics/routes.ts';
import { cachedFigures, publishedFigures } from './api/statistics/published-figures.ts';
import { webUiRoutes } from './pages/web-ui-routes.ts';
import { authRoutes } from './auth/routes.ts';
import { sessionMiddleware } from './auth/middleware.ts';
import { createCalendarProvider, type CalendarProvider } from '../infra/calendar-provider.ts';
import { createStagePlanner } from '../infra/sla/stage-plan.ts';
import { slaPolicyRoutes } from './api/sla-policy/routes.ts';
import { createSlaPolicy } from '../infra/sla/policy.ts';
import { deadlineCalculator } from '../infra/deadlines.ts';
import type { Db } from '../infra/db.ts';
import type { EngineClient } from '../infra/engine-rest.ts';
import type { EvaluationIntake } from '../domain/evaluation/intake.ts';
import type { Protector } from '../infra/protector.ts';
import { createCodeAttempts, type CodeAttempts } from '../domain/evaluation/code-attempts.ts';
import { loadCodeTables, type CodeTables } from '../infra/code-table-files.ts';

export interface AppDeps {
  db: Db;
  engine: EngineClient;
  intake: EvaluationIntake;
  /** The working calendar in force (files + loaded notices); by default built over `db`. */
  calendars?: CalendarProvider;
  /** Partner systems' satisfaction and channel codes, by table id; by default the shipped tables. */
  codeTables?: CodeTables;
  clock: () => Date;
  onCaseOpened: () => void;
  /**
   * Encrypts applicants' phones given with a 办件 (art. 24), as the intake does raters'; decrypts for the
   * audited reveal; its lookup hash compares phones for the fraud signals.
   */
  protector: Protector;
  /** The fraud signals (art. 23) checked after each rating; by default over `db` and `protector`. */
  fraud?: FraudChecker;
  /** Pokes the invitation outbox (art. 10) after a commit that ordered something of it. */
  onInvitationOrder?: () => void;
  /** Pokes the drainer that ends the case of a 差评 confirmed fraudulent, after the review ordered it. */
  onFraudCaseEndOrder?: () => void;
  log: (line: string) => void;
  /** Shared secret with the 12345 hotline (HOTLINE_SECRET); unset: its webhook refuses every call. */
  hotlineSecret?: string;
  /** PUBLIC_BASE_URL: what QR codes encode; unset (tests): the origin a request came to. */
  publicBaseUrl?: string;
  /** SMS_INBOUND_TOKEN: the SMS gateway's token for forwarded replies; unset: /api/sms/inbound refuses all. */
  smsInboundToken?: string | undefined;
  /** TRUST_PROXY: whose X-Forwarded-For names a rater's IP (express `trust proxy`); unset: none. */
  trustProxy?: string | number | undefined;
  /** HALL_NETWORKS: the halls' guest Wi-Fi addresses, left out of the IP burst rule; by default none. */
  hallNetworks?: readonly HallNetwork[];
  /** Session cookies only over HTTPS (PUBLIC_BASE_URL starts with https:). */
  secureCookies?: boolean;
  /**
   * Wall-clock time for sessions (sign-in, idle and absolute timeouts), apart from `clock`, the business
   * time that tests move about; by default the real time.
   */
  sessionClock?: () => Date;
  /** Wrong 评价码 counted per 办件 and client (art. 11); by default the shipped limits, in this process. */
  codeAttempts?: CodeAttempts;
}

/**
 * The fraud checker of the app's after-commit checks, with the hall networks of its configuration; the server
 * process hands the same one to its scan (server/main.ts).
 */
export function appFraudChecker(
  deps: Pick<AppDeps, 'db' | 'protector' | 'clock' | 'hallNetworks'>,
): FraudChecker {
  return createFraudChecker({
    db: deps.db,
    lookupHash: (value) => deps.protector.lookupHash(value),
    clock: deps.clock,
    thresholds: { ...DEFAULT_FRAUD_THRESHOLDS, hallNetworks: deps.hallNetworks ?? [] },
  });
}

export function createApp(deps: AppDeps): express.Express {
  // Each 400's field problems (details[].problem) in Chinese, like its message: zod's own words, not English.
  z.config(z.locales.zhCN());
  const calendars = deps.calendars ?? createCalendarProvider({ db: deps.db });
  // One count for the API and the page: guessing on one counts on the other.
  const codeAttempts = deps.codeAttempts ?? createCodeAttempts();
  const policy = createSlaPolicy(deps.engine);
  const planner = createStagePlanner({
    policy,
    deadlines: deadlineCalculator(calendars),
    clock: deps.clock,
  });
  // The published figures (art. 25), one cache for the API and the page.
  const publishedFiguresOfMonth = cachedFigures((period, now) => publishedFigures(deps.db, period, now));
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  // The 12345 webhook checks its signature over the raw body: it reads the body before express.json does.
  app.use('/api', hotlineWebhookRoutes(deps));
  app.use(express.json({ limit: '1mb' }));
  // The pages read their query themselves and treat such text as absent: they answer in HTML, not JSON.
  app.use('/api', refuseUnstorableText());
  const api = express.Router();
  // Staff sign in (issue 6): response.locals.user for the routes below; CSRF checked under a session.
  const sessionClock = deps.sessionClock ?? (() => new Date());
  api.use(sessionMiddleware({ db: deps.db, clock: sessionClock }));
  api.use(authRoutes({ db: deps.db, clock: sessionClock, secureCookies: deps.secureCookies ?? false }));
  api.use(healthRoutes(deps));
  api.use(serviceRecordRoutes(deps));
  const fraud = deps.fraud ?? appFraudChecker(deps);
  // Best effort after commit, in batches: a failure is logged; the server's scan checks the rating again.
  const fraudChecks = createAfterCommitFraudChecks(fraud, deps.log);
  const onEvaluationStored = fraudChecks.stored;
  api.use(evaluationRoutes({ ...deps, onEvaluationStored, codeAttempts, wallClock: sessionClock }));
  // The rater reads the answers to their 差评 by the rating's id, without signing in (art. 17).
  api.use(raterAnswerRoutes(deps));
  // Window devices, partner platforms, SMS replies (art. 12–13): the same intake, their own keys.
  api.use(channelRoutes({ ...deps, codeTables: deps.codeTables ?? loadCodeTables(), onEvaluationStored }));
  api.use(revealContactRoutes(deps));
  api.use(contactRevealRoutes(deps));
  api.use(fraudFlagRoutes(deps));
  api.use(fraudReviewRoutes(deps));
  api.use(taskRoutes({ ...deps, planner, calendars }));
  api.use(slaPolicyRoutes({ policy }));
  api.use(caseRoutes(deps));
  api.use(departmentRoutes(deps));
  api.use(calendarRoutes({ ...deps, calendars }));
  api.use(notificationRoutes(deps));
  api.use(attachmentRoutes(deps));
  api.use(importRoutes({ ...deps, calendars, onEvaluationStored }));
  api.use(evaluationTagRoutes(deps));
  api.use(qrRoutes(deps));
  api.use(modelRoutes(deps));
  api.use(statisticsRoutes({ figures: publishedFiguresOfMonth, clock: deps.clock }));
  api.use((_request, response) => {
    const reply = errorBody('request.not_found');
    response.status(reply.status).json(reply.body);
  });
  app.use('/api', api);
  // Pages for people, outside /api: the rating page a QR code opens.
  app.use(ratingPageRoutes({ ...deps, calendars, codeAttempts, wallClock: sessionClock }));
  // The published figures (art. 25), for anyone.
  app.use(statisticsPageRoutes({ figures: publishedFiguresOfMonth, clock: deps.clock }));
  // The task list and the modeler (Vite builds).
  app.use(webUiRoutes());
  app.use(pageNotFound());
  app.use(pageErrorHandler(deps.log));
  app.use(createErrorHandler(deps.log));
  backgroundWork.set(app, fraudChecks.settled);
  return app;
}

const backgroundWork = new WeakMap<express.Express, () => Promise<void>>();

/**
 * Resolves once the app's work after a response is done (the after-commit fraud checks): wait for it after
 * closing the server and before closing the database, so no check is left waiting for a connection.
 */
export function backgroundWorkSettled(app: express.Express): Promise<void> {
  return backgroundWork.get(app)?.() ?? Promise.resolve();
}
