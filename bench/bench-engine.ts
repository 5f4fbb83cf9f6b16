// The real engine for the benchmarks that need it: its own database on the bench's PostgreSQL server,
// the jar built when stale, REST without auth on a port of its own, the log under /tmp.
import { buildEngineIfStale, startEngineProcess, type RunningEngine } from '../infra/engine-process.ts';
import { ensureDatabase } from '../infra/postgres.ts';
import { withDatabase } from '../infra/database-urls.ts';

export async function startBenchEngine({
  serverUrl,
  database,
  port,
  log,
}: {
  serverUrl: string;
  database: string;
  port: number;
  log: (line: string) => void;
}): Promise<RunningEngine> {
  await ensureDatabase(serverUrl, database);
  buildEngineIfStale(log);
  return startEngineProcess({
    databaseUrl: withDatabase(serverUrl, database),
    port,
    restAuth: false,
    adminUser: 'admin',
    adminPassword: 'admin',
    log,
    logFile: `/tmp/hcp-bench-engine-${port}.log`,
  });
}
