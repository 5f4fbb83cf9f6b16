// `npm run seed` (scripts/seed.ts) never loads the demo organisation in production mode: it exits 2 and
// leaves the database as it was (issue 2). A development run on the same database is the control that
// the rows looked for are the ones the seed writes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../support/databases.ts';
import { createDb, migrateToLatest } from '../../infra/db.ts';
import type { Db } from '../../infra/db.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `npx tsx scripts/seed.ts` as an operator would, with this environment on top of ours. */
function runSeed(environment: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/seed.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}

async function demoRows(db: Db): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of ['departments', 'users', 'service_items'])
    rows[table] = Number((await db(table).count({ n: '*' }))[0]!.n);
  return rows;
}

describe('the demo data in production mode (issue 2)', () => {
  let url: string;
  let db: Db;

  before(async () => {
    url = await freshDatabase('hcp_test_db_seed_production');
    db = createDb(url, 2);
    await migrateToLatest(db);
  });

  after(() => db.destroy());

  it('given NODE_ENV=production, when npm run seed runs, then it exits 2 saying why and stores no demo row', async function () {
    this.timeout(60_000);
    const refused = await runSeed({
      NODE_ENV: 'production',
      DATABASE_URL: url,
      // A complete production configuration, so that the refusal is the seed's and not a config error.
      HCP_ENCRYPTION_KEY: 'ab'.repeat(32),
      HOTLINE_URL: 'http://127.0.0.1:1/hotline',
      HOTLINE_SECRET: 'a-production-hotline-secret',
      PUBLIC_BASE_URL: 'https://hcp.example',
    });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /生产模式下不加载演示数据/);
    assert.deepEqual(await demoRows(db), { departments: 0, users: 0, service_items: 0 });

    const loaded = await runSeed({ NODE_ENV: 'development', DATABASE_URL: url });
    assert.equal(loaded.code, 0, loaded.stderr);
    const rows = await demoRows(db);
    for (const [table, count] of Object.entries(rows)) assert.ok(count > 0, `development seeds ${table}`);
  });
});
