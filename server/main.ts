// Composition root of the HTTP server process: configuration, database, engine client, the outbox
// drainers (case starts, invitation messages, ends of cases whose rating was confirmed fraudulent,
// notifications), the fraud scan every five minutes and the express app. Run alone with `npm run server`; `npm start` runs it too.
import { createDeadlineMoveRetrier } from '../infra/outbox/deadline-move-retrier.ts';
import { randomUUID } from 'node:crypto';
import { loadEnvFileIfPresent, readConfig, engineRestUrl, engineCredentials } from '../infra/config.ts';
import { configuredHotlineClient } from '../infra/hotline/client.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createDb } from '../infra/db.ts';
import { createEngineClient } from '../infra/engine-rest.ts';
import { createProtector } from '../infra/protector.ts';
import { createEvaluationStore } from '../infra/stores/evaluation-store.ts';
import { createCaseStarter } from '../infra/outbox/case-starter.ts';
import { createInvitationOutbox } from '../infra/outbox/invitation-outbox.ts';
import { createFraudCaseEnder } from '../infra/outbox/fraud-case-ender.ts';
import { createConfiguredNotificationDispatcher } from '../infra/notifications/configured.ts';
import { createEvaluationIntake } from '../domain/evaluation/intake.ts';
import { createCalendarProvider } from '../infra/calendar-provider.ts';
import { loadCodeTables } from '../infra/code-table-files.ts';
import { errorMessage } from '../infra/error-message.ts';
import { partnersWithoutCodeTable } from '../infra/stores/channel-registry.ts';
import { createFraudScanLoop } from '../infra/fraud/scan-loop.ts';
import { appFraudChecker, backgroundWorkSettled, createApp } from './app.ts';
import type { Server } from 'node:http';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

export async function startServer(
  environment: NodeJS.ProcessEnv = process.env,
  port?: number,
): Promise<RunningServer> {
  const config = readConfig(environment);
  const log = (line: string) => console.log(`[server] ${line}`);
  const clock = () => new Date();
  // Alone and without DATABASE_URL: the embedded PostgreSQL that `npm start` runs on this machine.
  const db = createDb(appDatabaseUrl(config));
  const engine = createEngineClient({
    baseUrl: engineRestUrl(config),
    credentials: engineCredentials(config),
    timeoutMs: 5000,
  });
  const starter = createCaseStarter({ db, engine, clock, log });
  const invitations = createInvitationOutbox({ db, engine, clock, log });
  const hotline = configuredHotlineClient(config);
  const fraudCaseEnder = createFraudCaseEnder({ db, engine, hotline, clock, log });
  // Sends the notification outbox (e-mail, SMS); unconfigured channels stay queued, logged at start.
  const notifications = createConfiguredNotificationDispatcher(config, { db, clock, log });
  const calendars = createCalendarProvider({ db });
  const deadlineMoves = createDeadlineMoveRetrier({ db, engine, calendars, clock, log });
  const codeTables = loadCodeTables({ extraDir: config.codeTablesDir });
  const orphans = await partnersWithoutCodeTable(db, codeTables.keys()).catch(async (error: unknown) => {
    await db.destroy();
    throw new Error(
      `cannot read partner_systems (is the database up and migrated? npm run migrate): ${errorMessage(error)}`,
    );
  });
  if (orphans.length > 0) {
    await db.destroy();
    throw new Error(
      `partner systems name code tables that are not loaded: ${orphans.map((partner) => `${partner.id} → ${partner.codeTable}`).join(', ')} (code-tables/, CODE_TABLES_DIR)`,
    );
  }
  const protector = createProtector(config.encryptionKeys);
  const intake = createEvaluationIntake({
    store: createEvaluationStore(db),
    protector,
    clock,
    // Random, not time-ordered (infra/record-ids.ts): a rating's id is its rater's only key to the answers
    // of a 差评 (GET /api/evaluations/:id/answer), so it must not tell when it was made nor be near another.
    newId: randomUUID,
    workingCalendar: () => calendars.current(),
  });
  // The after-commit checks (in the app) and the scan that catches what they missed share one checker.
  const fraud = appFraudChecker({ db, protector, clock, hallNetworks: config.hallNetworks });
  const fraudScans = createFraudScanLoop({ fraud, clock, log });
  const app = createApp({
    db,
    engine,
    fraud,
    intake,
    calendars,
    codeTables,
    clock,
    log,
    onCaseOpened: () => void starter.poke(),
    protector,
    onInvitationOrder: () => void invitations.poke(),
    onFraudCaseEndOrder: () => void fraudCaseEnder.poke(),
    hotlineSecret: config.hotlineSecret,
    publicBaseUrl: config.publicBaseUrl,
    trustProxy: config.trustProxy,
    hallNetworks: config.hallNetworks,
    secureCookies: config.publicBaseUrl?.startsWith('https:') ?? false,
    smsInboundToken: config.smsInboundToken,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(port ?? config.port, '127.0.0.1', () => resolve(listening));
  });
  starter.start();
  invitations.start();
  fraudCaseEnder.start();
  notifications.start();
  deadlineMoves.start();
  fraudScans.start();
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.port,
    async stop() {
      await starter.stop();
      await invitations.stop();
      await fraudCaseEnder.stop();
      await notifications.stop();
      await deadlineMoves.stop();
      await fraudScans.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backgroundWorkSettled(app);
      await db.destroy();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadEnvFileIfPresent();
  const running = await startServer();
  console.log(`[server] listening on http://127.0.0.1:${running.port}`);
  const shutdown = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
