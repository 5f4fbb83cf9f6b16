// Test databases on the server named by DATABASE_URL (CI: the machine's PostgreSQL), or the local
// default. Each tier gets its own fresh database per run; the app's own database is never touched.
import assert from 'node:assert/strict';
import { ensureDatabase, dropDatabase } from '../../infra/postgres.ts';
import { withDatabase } from '../../infra/database-urls.ts';
import { createDb, migrateToLatest } from '../../infra/db.ts';
import { seedDemoData } from '../../infra/seed/seed.ts';
import type { Db } from '../../infra/db.ts';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// Two runs on one server (a developer's and a CI clone's) keep apart with HCP_TEST_DB_PREFIX.
const PREFIX = process.env.HCP_TEST_DB_PREFIX ?? 'hcp_test';

export async function freshDatabase(requested: string): Promise<string> {
  const name = requested.replace(/^hcp_test/, PREFIX);
  await dropDatabase(SERVER_URL, name);
  await ensureDatabase(SERVER_URL, name);
  return withDatabase(SERVER_URL, name);
}

/** A fresh, migrated database with the demo organisation. */
export async function freshAppDatabase(name: string): Promise<{ url: string; db: Db }> {
  const url = await freshDatabase(name);
  const db = createDb(url, 5);
  await migrateToLatest(db);
  await seedDemoData(db);
  return { url, db };
}

/** Runs `work` in a transaction that is always rolled back (a migration's down and up, a superuser's change). */
export async function rolledBack(db: Db, work: (trx: Db) => Promise<void>): Promise<void> {
  const undo = new Error('rolled back on purpose');
  await assert.rejects(
    db.transaction(async (trx) => {
      await work(trx);
      throw undo;
    }),
    (error) => error === undo,
  );
}
