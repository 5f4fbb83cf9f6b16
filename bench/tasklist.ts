// Benchmark (issue 6): the task list API, GET /api/tasks, with 50,000 open tasks across 200 departments.
// Goal: p95 under 150 ms.
//
// Seeds its own world (nothing is mocked): a fresh app database and engine database on the PostgreSQL named
// by DATABASE_URL (default postgres@127.0.0.1:5432), the real engine (engine/target/hcp-engine.jar, built
// when stale), the shipped models, 200 departments with one signed-in user each, 50,000 差评 through the
// real intake (the ledger, the cases) and, for each, a bad-review instance started before its verify task
// (the routing and the 12345 handover are not what is measured) with due dates spread over 1–20 working
// days. Then the server runs as a child process and BENCH_CONCURRENCY users page through 待办 with the
// list's filters for BENCH_SECONDS; beside it, the engine's own task query for one department, the floor
// under our answer.
// Run: npx tsx bench/tasklist.ts   (BENCH_TASKS, BENCH_DEPARTMENTS, BENCH_SECONDS, BENCH_CONCURRENCY;
// BENCH_KEEP=1 reuses a seeded world; the last line is the figure)
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { dropDatabase, ensureDatabase } from '../infra/postgres.ts';
import { withDatabase } from '../infra/database-urls.ts';
import { createDb, migrateToLatest, type Db } from '../infra/db.ts';
import { seedDemoData } from '../infra/seed/seed.ts';
import { hashPassword } from '../infra/passwords.ts';
import { DEMO_PASSWORD } from '../infra/seed/demo-data.ts';
import { startBenchEngine } from './bench-engine.ts';
import { signIn } from '../test/support/staff.ts';
import { createEngineClient } from '../infra/engine-rest.ts';
import { deployModels } from '../infra/deploy-models.ts';
import { toEngineVariables } from '../infra/engine-variables.ts';
import { createEvaluationIntake } from '../domain/evaluation/intake.ts';
import { createEvaluationStore } from '../infra/stores/evaluation-store.ts';
import { createProtector } from '../infra/protector.ts';
import { loadWorkingCalendar } from '../infra/deadlines.ts';
import { percentile } from './http-load.ts';
import { freePort, startServerProcess } from './server-process.ts';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APP_DATABASE = 'hcp_bench_tasklist';
const ENGINE_DATABASE = 'hcp_bench_tasklist_engine';
const TASKS = Number(process.env.BENCH_TASKS ?? 50_000);
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const KEEP = process.env.BENCH_KEEP === '1';
const ENGINE_PORT = Number(process.env.BENCH_ENGINE_PORT ?? 18980);

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const log = (line: string) => console.log(`[bench] ${line}`);
const departmentId = (index: number) => `bench-dept-${String(index).padStart(3, '0')}`;
const userId = (index: number) => `bench.user.${String(index).padStart(3, '0')}`;

async function seedOrganisation(db: Db): Promise<void> {
  await seedDemoData(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const indexes = Array.from({ length: DEPARTMENTS }, (_, index) => index);
  await db('departments').insert(
    indexes.map((index) => ({
      id: departmentId(index),
      name: `压测单位${index}`,
      kind: 'bureau',
      region_code: '610100',
      approval_department_id: 'xa-approval',
    })),
  );
  await db('service_items').insert(
    indexes.map((index) => ({
      code: `BENCH-${index}`,
      name: `压测事项${index}`,
      department_id: departmentId(index),
    })),
  );
  await db('users').insert(
    indexes.map((index) => ({
      id: userId(index),
      name: `压测用户${index}`,
      role: 'unit-staff',
      department_id: departmentId(index),
      email: `${userId(index)}@bench.example`,
      phone: '13900000000',
    })),
  );
  await db('user_departments').insert(
    indexes.map((index) => ({ user_id: userId(index), department_id: departmentId(index) })),
  );
  await db('user_credentials').insert(
    indexes.map((index) => ({ user_id: userId(index), password_hash: passwordHash })),
  );
}

/** 差评 through the real intake: the ledger row, the case (its start is ours, not the outbox's). */
async function seedRatings(db: Db): Promise<{ caseId: string; department: number }[]> {
  await db.raw(
    `insert into service_records (id, item_code, handling_department_id, channel, accepted_at, completed_at)
     select 'SR-T-' || g, 'BENCH-' || (g % ?), 'bench-dept-' || lpad((g % ?)::text, 3, '0'), 'window',
            now() - interval '2 days', now() - interval '1 day'
       from generate_series(0, ? - 1) g`,
    [DEPARTMENTS, DEPARTMENTS, TASKS],
  );
  const calendar = loadWorkingCalendar();
  const intake = createEvaluationIntake({
    store: createEvaluationStore(db),
    protector: createProtector('b'.repeat(64)),
    clock: () => new Date(),
    newId: randomUUID,
    workingCalendar: () => Promise.resolve(calendar),
  });
  const cases: { caseId: string; department: number }[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let index = next++; index < TASKS; index = next++) {
        const submitted = await intake.submit({
          serviceRecordId: `SR-T-${index}`,
          target: 'service',
          channel: 'window-device',
          level: 'dissatisfied',
          tags: ['业务不熟练'],
          text: '压测差评',
          realName: false,
        });
        cases.push({ caseId: submitted.id, department: index % DEPARTMENTS });
        if (cases.length % 10_000 === 0) log(`${cases.length} ratings stored`);
      }
    }),
  );
  log(`${TASKS} 差评 stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // The outbox would start them through routing; the bench starts them itself, straight at verification.
  await db('outbox').del();
  return cases;
}

async function startCases(engineUrl: string, db: Db, cases: { caseId: string; department: number }[]) {
  const calendar = loadWorkingCalendar();
  const now = new Date();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let index = next++; index < cases.length; index = next++) {
        const { caseId, department } = cases[index]!;
        const due = calendar.deadlineAfter(now, 1 + (index % 20)).due.toJSDate();
        const variables = toEngineVariables({
          responsibleGroup: departmentId(department),
          verifyDue: due,
          verifyRemindAt: new Date(due.getTime() - 3_600_000),
          caseId,
        });
        const response = await fetch(`${engineUrl}/engine-rest/process-definition/key/bad-review/start`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            businessKey: caseId,
            variables,
            startInstructions: [{ type: 'startBeforeActivity', activityId: 'Task_VerifyComplaint' }],
          }),
        });
        if (!response.ok) throw new Error(`start of ${caseId}: ${response.status} ${await response.text()}`);
        if ((index + 1) % 10_000 === 0) log(`${index + 1} instances started`);
      }
    }),
  );
  log(`${cases.length} instances started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await db.raw(
    `update cases c set status = 'open', opened_at = now(), routing_rule = 'handled-by',
            responsible_department_id = r.handling_department_id
       from evaluations e join service_records r on r.id = e.service_record_id
      where e.id = c.evaluation_id`,
  );
}

function get(agent: http.Agent, port: number, pathAndQuery: string, cookie?: string) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: pathAndQuery, headers: cookie ? { cookie } : {} },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The list as people use it: the first page, a filter, the next page, 已办. */
const QUERIES = [
  '/api/tasks?view=todo',
  '/api/tasks?view=todo&sla=at-risk',
  '/api/tasks?view=todo&page=2',
  '/api/tasks?view=todo&stage=Task_VerifyComplaint&sla=on-track',
  '/api/tasks?view=done',
];

async function load(port: number, cookies: string[], durationMs: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let failed = 0;
  let turn = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const index = turn++;
        const sent = performance.now();
        const status = await get(
          agent,
          port,
          QUERIES[index % QUERIES.length]!,
          cookies[index % cookies.length],
        );
        if (status === 200) latencies.push(performance.now() - sent);
        else failed += 1;
      }
    }),
  );
  agent.destroy();
  return { latencies, failed, seconds: (performance.now() - started) / 1000 };
}

/** The floor: the engine's own paged, sorted task query for one department, over REST. */
async function engineFloor(engineUrl: string, durationMs: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const port = Number(new URL(engineUrl).port);
  const latencies: number[] = [];
  let turn = 0;
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const group = departmentId(turn++ % DEPARTMENTS);
        const sent = performance.now();
        await get(
          agent,
          port,
          `/engine-rest/task?candidateGroup=${group}&sortBy=dueDate&sortOrder=asc&maxResults=20`,
        );
        latencies.push(performance.now() - sent);
      }
    }),
  );
  agent.destroy();
  return latencies;
}

const appUrl = withDatabase(SERVER_URL, APP_DATABASE);
if (!KEEP) {
  await dropDatabase(SERVER_URL, APP_DATABASE);
  await dropDatabase(SERVER_URL, ENGINE_DATABASE);
}
await ensureDatabase(SERVER_URL, APP_DATABASE);
const engine = await startBenchEngine({
  serverUrl: SERVER_URL,
  database: ENGINE_DATABASE,
  port: ENGINE_PORT,
  log,
});
const db = createDb(appUrl, 16);
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
try {
  await migrateToLatest(db);
  const seeded = Number((await db('cases').count<{ n: string }[]>({ n: '*' }))[0]?.n ?? 0) >= TASKS;
  if (!seeded) {
    await deployModels(createEngineClient({ baseUrl: `${engine.url}/engine-rest` }));
    await seedOrganisation(db);
    await startCases(engine.url, db, await seedRatings(db));
    await db.raw('vacuum analyze');
  }
  const open = await (await fetch(`${engine.url}/engine-rest/task/count`)).json();
  log(
    `open tasks in the engine: ${format.format((open as { count: number }).count)} across ${DEPARTMENTS} departments`,
  );

  const port = await freePort();
  server = await startServerProcess({ port, databaseUrl: appUrl, engineUrl: `${engine.url}/engine-rest` });
  const cookies = await Promise.all(
    Array.from({ length: Math.min(DEPARTMENTS, 40) }, (_, index) =>
      signIn(`http://127.0.0.1:${port}`, userId((index * 5) % DEPARTMENTS)).then(
        (session) => session.headers.cookie!,
      ),
    ),
  );
  await load(port, cookies, 5_000); // warm-up: JIT, pools, the engine's caches
  const floor = engineFloor(engine.url, 10_000);
  const floorSorted = [...(await floor)].sort((a, b) => a - b);
  const result = await load(port, cookies, SECONDS * 1000);
  if (result.failed > 0) throw new Error(`${result.failed} list requests failed`);
  const sorted = [...result.latencies].sort((a, b) => a - b);
  log(
    `engine's own task query (one department, page of 20): p50 ${percentile(floorSorted, 0.5).toFixed(0)} ms ` +
      `p95 ${percentile(floorSorted, 0.95).toFixed(0)} ms`,
  );
  console.log(
    `task list GET /api/tasks with ${format.format(TASKS)} open tasks / ${DEPARTMENTS} departments, ` +
      `${CONCURRENCY} users in flight: ${format.format(sorted.length / result.seconds)} req/s ` +
      `p50 ${percentile(sorted, 0.5).toFixed(0)} ms p95 ${percentile(sorted, 0.95).toFixed(0)} ms ` +
      `p99 ${percentile(sorted, 0.99).toFixed(0)} ms ` +
      `(engine task query alone: p95 ${percentile(floorSorted, 0.95).toFixed(0)} ms)`,
  );
} finally {
  await server?.stop();
  await db.destroy();
  await engine.stop();
}
