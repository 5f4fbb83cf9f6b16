// Composition root of a worker process: one process serves every topic in workers/registry.ts. Run
// alone with `npm run workers` (several on several machines scale out); `npm start` runs one too.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadEnvFileIfPresent, readConfig, engineRestUrl, engineCredentials } from '../infra/config.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createDb } from '../infra/db.ts';
import { deadlineCalculator } from '../infra/deadlines.ts';
import { createCalendarProvider } from '../infra/calendar-provider.ts';
import { createProtector } from '../infra/protector.ts';
import { configuredHotlineClient } from '../infra/hotline/client.ts';
import { startWorkerHost } from './adapter.ts';
import { createEngineClient } from '../infra/engine-rest.ts';
import { createStagePlanner } from '../infra/sla/stage-plan.ts';
import { createSlaPolicy } from '../infra/sla/policy.ts';
import { createTopicWorkers } from './registry.ts';

export interface RunningWorkers {
  workerId: string;
  /**
   * Stops polling and closes the database pool. drain: first waits for the long poll still open at the
   * engine (up to its 10 s timeout) and for the tasks it brings, so that nothing is taken afterwards in
   * this process's name; without it (Ctrl-C) the process ends at once and such a task comes back after
   * its lock.
   */
  stop(options?: { drain?: boolean }): Promise<void>;
}

/** Unique per process: a shared id would let one process complete another's locked task. */
export function uniqueWorkerId(prefix: string | undefined): string {
  return `${prefix ?? 'hcp-worker'}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

export function startWorkers(environment: NodeJS.ProcessEnv = process.env): RunningWorkers {
  const config = readConfig(environment);
  // Alone and without DATABASE_URL: the embedded PostgreSQL that `npm start` runs on this machine.
  const db = createDb(appDatabaseUrl(config));
  const workerId = uniqueWorkerId(config.workerId);
  const clock = () => new Date();
  const calendars = createCalendarProvider({ db });
  const deadlines = deadlineCalculator(calendars);
  const engine = createEngineClient({
    baseUrl: engineRestUrl(config),
    credentials: engineCredentials(config),
  });
  const planner = createStagePlanner({ policy: createSlaPolicy(engine), deadlines, clock });
  // The first 差评 after a start would otherwise pay for this process's first database connection, its
  // first engine call and the calendar's first load inside its routing step. Reads only; an engine or
  // database not up yet just leaves it to the first task.
  void planner.plan('verify').catch(() => undefined);
  const host = startWorkerHost({
    baseUrl: engineRestUrl(config),
    workerId,
    credentials: engineCredentials(config),
    workers: createTopicWorkers({
      db,
      deadlines,
      calendars,
      clock,
      planner,
      maxRectificationRounds: config.maxRectificationRounds,
      smsRepliesAccepted: config.smsInboundToken !== undefined,
      protector: createProtector(config.encryptionKeys),
      publicBaseUrl: config.publicBaseUrl,
      hotline: {
        client: configuredHotlineClient(config),
        retryBaseMs: config.hotlineRetryBaseMs,
      },
    }),
    log: (line) => console.log(`[workers] ${line}`),
  });
  return {
    workerId,
    async stop({ drain = false } = {}) {
      host.stop();
      if (drain) await host.idle();
      await db.destroy();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadEnvFileIfPresent();
  const running = startWorkers();
  console.log(`[workers] polling as ${running.workerId}`);
  const shutdown = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
