// `npm start`: everything on one machine. PostgreSQL (embedded under .data/ unless DATABASE_URL is
// set), the engine (built when stale, unless ENGINE_URL points at one), migrations, demo data in
// development, the models, then the workers and the HTTP server as child processes. Ctrl-C stops all.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnvFileIfPresent, readConfig, engineRestUrl, engineCredentials } from '../infra/config.ts';
import { databaseName, engineDatabaseName, withDatabase } from '../infra/database-urls.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../infra/postgres.ts';
import { buildEngineIfStale, startEngineProcess, waitForEngine } from '../infra/engine-process.ts';
import type { RunningEngine } from '../infra/engine-process.ts';
import { createDb, migrateToLatest } from '../infra/db.ts';
import { createEngineClient } from '../infra/engine-rest.ts';
import { deployModels, warmUpEngine } from '../infra/deploy-models.ts';
import { hasDemoData, seedDemoData } from '../infra/seed/seed.ts';
import { buildUisIfStale } from '../infra/ui-build.ts';
import { DEFAULT_STATE_FILE, startHotlineSimulator } from '../hotline-simulator/index.ts';
import { errorMessage } from '../infra/error-message.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, '.data');
const log = (line: string) => console.log(`[start] ${line}`);
const startedAt = Date.now();
const stops: (() => Promise<void>)[] = [];

function runChild(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  stops.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
  return child;
}

let stopping = false;
let stopped: Promise<void> | undefined;
/** Stops every child in reverse order of start. A second Ctrl-C while stopping waits for the first. */
function shutdown(code: number): Promise<void> {
  if (!stopped) {
    stopping = true;
    log('stopping …');
    stopped = (async () => {
      for (const stop of stops.reverse()) {
        await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
      }
      process.exit(code);
    })();
  }
  return stopped;
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

async function main() {
  loadEnvFileIfPresent();
  const config = readConfig();
  fs.mkdirSync(path.join(DATA_DIR, 'logs'), { recursive: true });

  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log(`DATABASE_URL is not set: embedded PostgreSQL under .data/pg on port ${config.embeddedPostgresPort}`);
    const embedded = await startEmbeddedPostgres(DATA_DIR, config.embeddedPostgresPort);
    stops.push(embedded.stop);
    databaseUrl = withDatabase(embedded.serverUrl, 'hcp');
  }
  await ensureDatabase(databaseUrl, databaseName(databaseUrl));

  let engine: RunningEngine | undefined;
  if (config.externalEngineUrl) {
    log(`ENGINE_URL is set: using the engine at ${config.externalEngineUrl}`);
    await waitForEngine(engineRestUrl(config), 60_000);
  } else {
    buildEngineIfStale(log);
    const engineDatabase = engineDatabaseName(databaseUrl, config.engineDatabase);
    await ensureDatabase(databaseUrl, engineDatabase);
    log(
      `starting the engine on ${config.engineBindAddress}:${config.enginePort} (database ${engineDatabase}; log .data/logs/engine.log)`,
    );
    engine = await startEngineProcess({
      databaseUrl: withDatabase(databaseUrl, engineDatabase),
      port: config.enginePort,
      bindAddress: config.engineBindAddress,
      restAuth: config.engineRestAuth,
      adminUser: config.engineAdminUser,
      adminPassword: config.engineAdminPassword,
      log,
      logFile: path.join(DATA_DIR, 'logs', 'engine.log'),
    });
    stops.push(engine.stop);
  }

  const db = createDb(databaseUrl, 2);
  const applied = await migrateToLatest(db);
  log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  if (config.mode === 'development') {
    // Idempotent: the first start loads the demo organisation; later starts add demo rows added since.
    const first = !(await hasDemoData(db));
    await seedDemoData(db);
    if (first)
      log('first start in development: demo organisation and accounts loaded (password hcp-demo-2026)');
  }
  await db.destroy();

  const engineClient = createEngineClient({
    baseUrl: engineRestUrl(config),
    credentials: engineCredentials(config),
  });
  // The task list and the modeler (Vite), built when missing or older than their sources.
  await buildUisIfStale(log);
  const deployed = await deployModels(engineClient);
  log(deployed.length ? `models deployed: ${deployed.join(', ')}` : 'models unchanged: no new versions');
  await warmUpEngine(engineClient).catch((error: unknown) => log(`engine warm-up skipped: ${String(error)}`));

  // No 12345 system configured: in development, the simulator stands in (never in production, where
  // readConfig requires HOTLINE_URL). It starts before the children so their first handover finds it.
  let hotlineUrl = config.hotlineUrl;
  if (!hotlineUrl && config.mode !== 'production') {
    const simulator = await startHotlineSimulator({
      port: config.hotlineSimulatorPort,
      secret: config.hotlineSecret,
      callbackUrl: `http://127.0.0.1:${config.port}`,
      stateFile: DEFAULT_STATE_FILE,
    });
    stops.push(simulator.stop);
    hotlineUrl = simulator.url;
    log(`HOTLINE_URL is not set: the 12345 hotline simulator runs at ${simulator.url}/`);
  }

  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    ENGINE_URL: config.externalEngineUrl ?? engine?.url,
    HOTLINE_URL: hotlineUrl,
  };
  runChild('workers', 'workers/main.ts', childEnv);
  runChild('server', 'server/main.ts', childEnv);

  const engineBase = config.externalEngineUrl ?? engine?.url ?? '';
  log(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  log(`  API                 http://127.0.0.1:${config.port}/api/health`);
  log(
    `  rating page         http://127.0.0.1:${config.port}/rate?window=xa-hall-w01  (a window's QR code; a receipt's carries its 办件's 评价码)`,
  );
  log(`  task list (待办)     http://127.0.0.1:${config.port}/tasklist/  (demo users: docs/tasklist-api.md)`);
  log(`  modeler             http://127.0.0.1:${config.port}/modeler/  (process owner zhou.jie)`);
  log(`  engine REST         ${engineRestUrl(config)}`);
  log(`  Cockpit / Tasklist  ${engineBase}/operaton/app/  (user ${config.engineAdminUser})`);
  log(
    `  12345 hotline       ${hotlineUrl}${config.hotlineUrl ? '' : '/  (simulator: work orders, return visits)'}`,
  );
  log('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  console.error(`[start] failed: ${errorMessage(error)}`);
  void shutdown(1);
});
