// The engine tier's shared world, started once per test run (mochaGlobalSetup in hooks.ts): a fresh app
// database and engine database, the real Operaton engine, the deployed models, a worker process's
// composition root and the HTTP server, all in this process except the engine.
import { buildEngineIfStale, startEngineProcess } from '../../infra/engine-process.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { deployModels } from '../../infra/deploy-models.ts';
import { startWorkers } from '../../workers/main.ts';
import { startServer } from '../../server/main.ts';
import { freshAppDatabase, freshDatabase } from '../support/databases.ts';
import { startSmsPeer, startSmtpPeer } from '../support/mail-peers.ts';
import { startHotlineSimulator } from '../../hotline-simulator/index.ts';
import type { HotlineSimulator } from '../../hotline-simulator/index.ts';
import type { ReceivedMail, ReceivedSms } from '../support/mail-peers.ts';
import type { Db } from '../../infra/db.ts';
import type { EngineClient } from '../../infra/engine-rest.ts';
import type { RunningEngine } from '../../infra/engine-process.ts';
import type { RunningWorkers } from '../../workers/main.ts';
import type { RunningServer } from '../../server/main.ts';
import { createProtector, type Protector } from '../../infra/protector.ts';
import { readConfig } from '../../infra/config.ts';

const ENGINE_PORT = Number(process.env.ENGINE_TEST_PORT ?? 18080);
const HOTLINE_PORT = Number(process.env.HOTLINE_TEST_PORT ?? 18012);
const HOTLINE_SECRET = 'engine-tier-hotline-secret';
const APP_DATABASE = 'hcp_test_engine_tier';
const ENGINE_DATABASE = 'hcp_test_engine_tier_engine';

export interface Harness {
  db: Db;
  engine: EngineClient;
  apiUrl: string;
  /** Every mail the server's notification dispatcher delivered to the in-process SMTP server. */
  mailbox: ReceivedMail[];
  /** Every SMS it delivered to the in-process SMS gateway. */
  smsInbox: ReceivedSms[];
  /** The 12345 hotline simulator the workers hand cases over to; setAvailable(false) is an outage. */
  hotline: HotlineSimulator;
  /** The secret it shares with the server, to sign webhook calls in tests. */
  hotlineSecret: string;
  /** Stops the engine (the rest keeps running); startEngine brings it back on the same port. */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
  /**
   * Stops the worker process's polling; resolves once its last long poll has come back from the engine,
   * so that no task is taken in its name afterwards. startWorkers starts a new one.
   */
  stopWorkers(): Promise<void>;
  startWorkers(): void;
  /** The environment the worker and server processes were given. */
  environment: NodeJS.ProcessEnv;
  /** The server's protector (its configured keys): the 评价码 of the 办件 tests rate. */
  protector: Protector;
}

let harness: Harness | undefined;
let shutdown: (() => Promise<void>) | undefined;

let engineDatabase: string | undefined;

/** The engine tier's engine database, for tests that start a second engine on it. */
export function engineDatabaseUrl(): string {
  if (!engineDatabase) throw new Error('engine harness not started (test/engine/hooks.ts)');
  return engineDatabase;
}

export function getHarness(): Harness {
  if (!harness) throw new Error('engine harness not started (test/engine/hooks.ts)');
  return harness;
}

export async function startHarness(): Promise<void> {
  buildEngineIfStale((line) => console.log(line));
  const { url: appUrl, db } = await freshAppDatabase(APP_DATABASE);
  const engineUrl = await freshDatabase(ENGINE_DATABASE);
  engineDatabase = engineUrl;
  let engineProcess: RunningEngine | undefined;
  const startEngine = async () => {
    engineProcess = await startEngineProcess({
      databaseUrl: engineUrl,
      port: ENGINE_PORT,
      restAuth: false,
      adminUser: 'admin',
      adminPassword: 'admin',
      log: () => undefined,
      logFile: `/tmp/hcp-test-engine-${ENGINE_PORT}.log`,
    });
  };
  await startEngine();
  const engine = createEngineClient({ baseUrl: `http://127.0.0.1:${ENGINE_PORT}/engine-rest` });
  // A model that does not deploy ends the run here: stop the engine rather than leave it running.
  await deployModels(engine).catch(async (error: unknown) => {
    await engineProcess?.stop();
    throw error;
  });
  // The peers of the server's notifications, so that messages really go out and can be read back.
  const smtp = await startSmtpPeer();
  const smsGateway = await startSmsPeer();
  // The 12345 hotline: it calls back the server, which starts later; its URL is set below.
  const hotline = await startHotlineSimulator({ port: HOTLINE_PORT, secret: HOTLINE_SECRET });
  const environment = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: appUrl,
    ENGINE_URL: `http://127.0.0.1:${ENGINE_PORT}`,
    SMTP_URL: smtp.url,
    SMS_GATEWAY_URL: smsGateway.url,
    SMS_GATEWAY_TOKEN: smsGateway.token,
    HOTLINE_URL: hotline.url,
    HOTLINE_SECRET,
    // A failed handover retries after 200 ms, 400 ms … instead of 10 s, 20 s …: outage tests stay fast.
    HOTLINE_RETRY_BASE_MS: '200',
  } as NodeJS.ProcessEnv;
  let workers: RunningWorkers | undefined = startWorkers(environment);
  const server: RunningServer = await startServer(environment, 0);
  hotline.setCallbackUrl(`http://127.0.0.1:${server.port}`);
  harness = {
    db,
    engine,
    apiUrl: `http://127.0.0.1:${server.port}`,
    mailbox: smtp.mailbox,
    smsInbox: smsGateway.smsInbox,
    hotline,
    hotlineSecret: HOTLINE_SECRET,
    stopEngine: async () => {
      await engineProcess?.stop();
      engineProcess = undefined;
    },
    startEngine,
    stopWorkers: async () => {
      await workers?.stop({ drain: true });
      workers = undefined;
    },
    startWorkers: () => {
      workers ??= startWorkers(environment);
    },
    environment,
    protector: createProtector(readConfig(environment).encryptionKeys),
  };
  shutdown = async () => {
    await server.stop();
    await workers?.stop();
    await engineProcess?.stop();
    await Promise.all([smtp.stop(), smsGateway.stop(), hotline.stop()]);
    await db.destroy();
  };
}

export async function stopHarness(): Promise<void> {
  await shutdown?.();
}
