// The app's database handle and its migrations (knex + pg).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';
import { inspect } from 'node:util';
import knexFactory from 'knex';
import type { Knex } from 'knex';

export type Db = Knex;

/** What a store's queries run on: the pool, or a transaction the caller holds. */
export type Executor = Db | Knex.Transaction;

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface DbOptions {
  /**
   * Give up connecting after this long (a command line tool that falls back to something else). The caller
   * reports a failed connection itself: knex's own warning of it is not printed.
   */
  connectTimeoutMs?: number;
}

export function createDb(databaseUrl: string, poolMax = 10, { connectTimeoutMs }: DbOptions = {}): Db {
  const timeouts =
    connectTimeoutMs === undefined
      ? {}
      : { acquireTimeoutMillis: connectTimeoutMs, createTimeoutMillis: connectTimeoutMs };
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: 0, max: poolMax, ...timeouts, afterCreate: isoDates },
    ...(connectTimeoutMs === undefined ? {} : { acquireConnectionTimeout: connectTimeoutMs }),
    log: knexLog(connectTimeoutMs !== undefined),
  });
}

/**
 * node-postgres reads dates and times as ISO text: a DateStyle set for the database or the role (`SQL, DMY`, say)
 * would have 28/11/2026 read wrongly or not at all. Every connection asks for ISO itself.
 */
function isoDates(
  connection: { query(sql: string, done: (error: Error | null) => void): void },
  done: (error: Error | null, connection: unknown) => void,
): void {
  connection.query(`set datestyle to 'ISO, YMD'`, (error) => done(error, connection));
}

const CONNECT_ERROR = 'Acquire connection error';

/**
 * knex's own messages go to standard error: by default it prints them on standard output, where a command's
 * answer goes (`$(hcp calendar add …)` took in a stack trace when the database was down). A caller that falls
 * back when the database cannot be reached says so itself, in Chinese; knex's warning of it is left out.
 */
function knexLog(quietConnectErrors: boolean): Knex.Config['log'] {
  const toStandardError = (message: unknown) =>
    console.error(typeof message === 'string' ? message : inspect(message, { depth: 5 }));
  return {
    warn(message: unknown) {
      if (quietConnectErrors && typeof message === 'string' && message.startsWith(CONNECT_ERROR)) return;
      toStandardError(message);
    },
    error: toStandardError,
    deprecate: toStandardError,
  };
}

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Loads the TypeScript migrations by explicit import, so knex needs no loader of its own. */
class TypeScriptMigrationSource implements Knex.MigrationSource<string> {
  getMigrations(): Promise<string[]> {
    const files = fs
      .readdirSync(migrationsDir)
      .filter((file) => /^\d{14}_[a-z0-9_]+\.ts$/.test(file))
      .sort();
    return Promise.resolve(files);
  }
  getMigrationName(migration: string): string {
    return migration;
  }
  async getMigration(migration: string): Promise<Knex.Migration> {
    const module = (await import(pathToFileURL(path.join(migrationsDir, migration)).href)) as MigrationModule;
    return { up: module.up, down: module.down };
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: new TypeScriptMigrationSource() })) as [
    number,
    string[],
  ];
  return applied;
}

export async function rollbackAll(db: Db): Promise<void> {
  await db.migrate.rollback({ migrationSource: new TypeScriptMigrationSource() }, true);
}
