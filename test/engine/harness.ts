// The engine tier's shared world, started once per test run (mochaGlobalSetup in hooks.ts): a fresh app
// database and engine database, the real Operaton engine, the deployed models, a worker process's
// composition root and the HTTP server, all in this process except the engine.
import { buildEngineIfStale, startEngineProcess } from '../../infra/engine-process.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { deployModels } from '../../infra/deploy-models.ts';
import { startWorkers } from '../../workers/main.ts';
import { startServer } from '../../server/main.ts';
import { freshAppDatabase, freshDatabase } from '../support/databases.ts';
import type { Db } from '../../infra/db.ts';
import type { EngineClient } from '../../infra/engine-rest.ts';
import type { RunningEngine } from '../../infra/engine-process.ts';
import type { RunningWorkers } from '../../workers/main.ts';
import type { RunningServer } from '../../server/main.ts';

const ENGINE_PORT = Number(process.env.ENGINE_TEST_PORT ?? 18080);
const APP_DATABASE = 'hcp_test_engine_tier';
const ENGINE_DATABASE = 'hcp_test_engine_tier_engine';

export interface Harness {
  db: Db;
  engine: EngineClient;
  apiUrl: string;
  /** Stops the engine (the rest keeps running); startEngine brings it back on the same port. */
  stopEngine(): Promise<void>;
  startEngine(): Promise<void>;
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
      logFile: '/tmp/hcp-test-engine.log',
    });
  };
  await startEngine();
  const engine = createEngineClient({ baseUrl: `http://127.0.0.1:${ENGINE_PORT}/engine-rest` });
  await deployModels(engine);
  const environment = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: appUrl,
    ENGINE_URL: `http://127.0.0.1:${ENGINE_PORT}`,
  } as NodeJS.ProcessEnv;
  const workers: RunningWorkers = startWorkers(environment);
  const server: RunningServer = await startServer(environment, 0);
  harness = {
    db,
    engine,
    apiUrl: `http://127.0.0.1:${server.port}`,
    stopEngine: async () => {
      await engineProcess?.stop();
      engineProcess = undefined;
    },
    startEngine,
  };
  shutdown = async () => {
    await server.stop();
    await workers.stop();
    await engineProcess?.stop();
    await db.destroy();
  };
}

export async function stopHarness(): Promise<void> {
  await shutdown?.();
}
