// Benchmark (issue 5): single ratings over HTTP, POST /api/evaluations, sustained, beside the raw PostgreSQL
// rate of single-row INSERTs into a plain table at the same concurrency, in the same run.
// Goal: ≥ 2,000 ratings/s with p99 < 50 ms on this 2-core machine.
// The server runs as a child process (`node --import tsx server/main.ts`), so the load generator does not
// share its event loop; every rating is 满意 or 非常满意, so no case opens. By default the engine is
// unreachable (an outage: the outboxes pause and retry); with BENCH_WITH_ENGINE=1 the real engine runs with
// the shipped models and the server's invitation outbox tells it of every rating while the load goes on
// (each order one or two engine calls, after the rating's commit). The database hcp_bench_ratings (and
// hcp_bench_ratings_engine) on the server named by DATABASE_URL (default postgres@127.0.0.1:5432) is dropped
// and rebuilt each run.
// Run: npx tsx bench/rating-http.ts   (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_WITH_ENGINE; the last line is
// the figure)
import pg from 'pg';
import { dropDatabase, ensureDatabase } from '../infra/postgres.ts';
import { withDatabase } from '../infra/database-urls.ts';
import { createDb, migrateToLatest, type Db } from '../infra/db.ts';
import { seedDemoData } from '../infra/seed/seed.ts';
import { percentile, postLoad, type LoadResult } from './http-load.ts';
import { freePort, startServerProcess } from './server-process.ts';
import { startBenchEngine } from './bench-engine.ts';
import { createEngineClient } from '../infra/engine-rest.ts';
import { deployModels } from '../infra/deploy-models.ts';
import { postgresCpuSeconds, processCpuSeconds } from './cpu.ts';
import { createProtector } from '../infra/protector.ts';
import { readConfig } from '../infra/config.ts';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'hcp_bench_ratings';
const DATABASE_URL = withDatabase(SERVER_URL, DATABASE);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARM_UP_MS = 3_000;
// Each rating needs its own 办件 (a second rating of one is refused); enough for 10,000/s.
const RECORDS = (SECONDS + WARM_UP_MS / 1000) * 10_000;

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const WITH_ENGINE = process.env.BENCH_WITH_ENGINE === '1';
const ENGINE_DATABASE = `${DATABASE}_engine`;

/** The real engine on a fresh database of its own, with the shipped models deployed. */
async function startEngineWithModels() {
  await dropDatabase(SERVER_URL, ENGINE_DATABASE);
  const engine = await startBenchEngine({
    serverUrl: SERVER_URL,
    database: ENGINE_DATABASE,
    port: Number(process.env.BENCH_ENGINE_PORT ?? 18982),
    log: (line) => console.log(line),
  });
  await deployModels(createEngineClient({ baseUrl: `${engine.url}/engine-rest` }));
  return engine;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitingOrders(db: Db): Promise<number> {
  const [row] = await db('invitation_outbox').whereNull('processed_at').count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

async function prepareDatabase(): Promise<void> {
  await dropDatabase(SERVER_URL, DATABASE);
  await ensureDatabase(SERVER_URL, DATABASE);
  const db = createDb(DATABASE_URL, 2);
  try {
    await migrateToLatest(db);
    await seedDemoData(db);
    // Registered directly in the database: the 办件 API is not what is measured.
    await db.raw(
      `insert into service_records (id, item_code, handling_department_id, channel, accepted_at)
       select 'SR-B-' || g, 'XA-SC-0001', 'xa-market', 'window', now() from generate_series(0, ? - 1) g`,
      [RECORDS],
    );
    await db.raw(
      'create table bench_inserts (id bigserial primary key, payload text not null, at timestamptz not null default now())',
    );
    await db.raw('vacuum analyze');
  } finally {
    await db.destroy();
  }
}

/** The same concurrency, each client sending one autocommitted single-row INSERT after another. */
async function rawInserts(): Promise<number> {
  const clients = Array.from(
    { length: CONCURRENCY },
    () => new pg.Client({ connectionString: DATABASE_URL }),
  );
  await Promise.all(clients.map((client) => client.connect()));
  let done = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        await client.query('insert into bench_inserts (payload) values ($1)', ['满意']);
        done += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.end()));
  return done / seconds;
}

/**
 * The next rating, each of its own 办件 with the 评价码 from its receipt (the server's keys come from the same
 * environment); undefined when they run out (the load then stops early).
 */
function ratings(): () => { body: string; headers: Record<string, string> } | undefined {
  const receipts = createProtector(readConfig(process.env).encryptionKeys);
  let next = 0;
  return () => {
    const index = next++;
    if (index >= RECORDS) return undefined;
    return {
      body: JSON.stringify({
        serviceRecordId: `SR-B-${index}`,
        ratingCode: receipts.ratingCode(`SR-B-${index}`),
        channel: 'qr-code',
        level: index % 2 === 0 ? 'very-satisfied' : 'satisfied',
      }),
      // A phone of its own each, as QR ratings come from raters' phones, seen through a reverse proxy on
      // this machine (TRUST_PROXY=loopback); else all would come from one IP, a fraud burst.
      headers: { 'x-forwarded-for': `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}` },
    };
  };
}

function summary(result: LoadResult) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    rate: result.done / result.seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
  };
}

await prepareDatabase();
const raw = await rawInserts();
console.log(`raw PostgreSQL: ${format.format(raw)} single-row inserts/s at ${CONCURRENCY} in flight`);

const engine = WITH_ENGINE ? await startEngineWithModels() : undefined;
const port = await freePort();
// Without the engine nothing listens at ENGINE_URL: the outboxes pause and retry, ratings are never held up.
const server = await startServerProcess({
  port,
  databaseUrl: DATABASE_URL,
  engineUrl: engine ? `${engine.url}/engine-rest` : 'http://127.0.0.1:9/engine-rest',
});
try {
  const nextBody = ratings();
  const load = { port, path: '/api/evaluations', concurrency: CONCURRENCY, nextBody };
  await postLoad({ ...load, durationMs: WARM_UP_MS }); // JIT, pools and caches warm
  const cpuBefore = { server: processCpuSeconds(server.pid), postgres: postgresCpuSeconds() };
  const result = await postLoad({ ...load, durationMs: SECONDS * 1000 });
  const cpu = {
    server: processCpuSeconds(server.pid) - cpuBefore.server,
    postgres: postgresCpuSeconds() - cpuBefore.postgres,
  };
  if (result.failed > 0) throw new Error(`${result.failed} ratings failed; first: ${result.firstFailure}`);
  const { rate, p50, p99 } = summary(result);
  console.log(
    `${format.format(result.done)} ratings in ${result.seconds.toFixed(1)} s at ${CONCURRENCY} in flight`,
  );
  // What a rating costs, less bent by a busy machine than the rate: the server's and PostgreSQL's CPU (all its
  // processes here, so the background work of the load's window too) over the ratings of the measured run.
  const perRating = (cpuSeconds: number) => ((cpuSeconds * 1e6) / result.done).toFixed(0);
  console.log(
    `CPU per rating: server ${perRating(cpu.server)} µs, PostgreSQL ${perRating(cpu.postgres)} µs (Linux /proc)`,
  );
  if (engine) {
    // The orders run behind the ratings (after each commit, one drainer): how far behind at the end, and
    // how long after the load until the last is carried out.
    const ended = Date.now();
    const db = createDb(DATABASE_URL, 1);
    try {
      console.log(
        `invitation orders still waiting when the load ended: ${format.format(await waitingOrders(db))}`,
      );
      while ((await waitingOrders(db)) > 0 && Date.now() - ended < 300_000) await sleep(500);
    } finally {
      await db.destroy();
    }
    console.log(
      `all invitation orders carried out ${((Date.now() - ended) / 1000).toFixed(1)} s after the load`,
    );
  }
  console.log(
    `ratings over HTTP${engine ? ' (engine running)' : ''}: ${format.format(rate)}/s p50 ${p50.toFixed(0)} ms ` +
      `p99 ${p99.toFixed(0)} ms (raw PostgreSQL single-row inserts: ${format.format(raw)}/s)`,
  );
} finally {
  await server.stop();
  await engine?.stop();
}
