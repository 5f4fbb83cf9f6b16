// The engine as a child process: build its jar with Maven when missing or stale, start it on the
// project's PostgreSQL, wait until its REST API answers, stop it.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toJdbc } from './database-urls.ts';
import { localEngineUrl } from './config.ts';

export const ENGINE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'engine');
export const ENGINE_JAR = path.join(ENGINE_DIR, 'target', 'hcp-engine.jar');

function newestSourceMtime(): number {
  const inputs = [path.join(ENGINE_DIR, 'pom.xml'), path.join(ENGINE_DIR, 'install-spin-json.sh')];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else inputs.push(full);
    }
  };
  walk(path.join(ENGINE_DIR, 'src'));
  return Math.max(...inputs.map((file) => fs.statSync(file).mtimeMs));
}

export function engineJarIsStale(): boolean {
  return !fs.existsSync(ENGINE_JAR) || fs.statSync(ENGINE_JAR).mtimeMs < newestSourceMtime();
}

/** Builds the jar when missing or older than its sources; a fresh jar is reused as it is. */
export function buildEngineIfStale(log: (line: string) => void): void {
  if (!engineJarIsStale()) return;
  log('building the engine (Maven; the first build downloads its dependencies) …');
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { cwd: ENGINE_DIR, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
  };
  run('bash', ['install-spin-json.sh']);
  run('mvn', ['-B', '-q', '-DskipTests', 'package']);
  // Maven keeps the jar's old mtime when nothing changed; touch it so the staleness check settles.
  const now = new Date();
  fs.utimesSync(ENGINE_JAR, now, now);
}

export interface EngineProcessOptions {
  databaseUrl: string; // the engine's own database
  port: number;
  /** ENGINE_BIND_ADDRESS, validated by readConfig; 127.0.0.1 (this machine only) when not given. */
  bindAddress?: string;
  restAuth: boolean;
  adminUser: string;
  adminPassword: string;
  log: (line: string) => void;
  logFile?: string;
}

export interface RunningEngine {
  url: string;
  stop(): Promise<void>;
}

/** Whether the PostgreSQL server of `databaseUrl` accepts a TCP connection (within a second). */
export function acceptsConnections(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 5432) });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForEngine(restUrl: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`engine exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(`${restUrl}/engine`, { signal: AbortSignal.timeout(2000) });
      // 401 means it is up with basic auth on.
      if (response.ok || response.status === 401) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`engine did not answer at ${restUrl} within ${timeoutMs / 1000} s`);
}

export async function startEngineProcess(options: EngineProcessOptions): Promise<RunningEngine> {
  const jdbc = toJdbc(options.databaseUrl);
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  const out = options.logFile ? fs.openSync(options.logFile, 'a') : 'inherit';
  const child = spawn('java', ['-Xmx768m', '-jar', ENGINE_JAR], {
    cwd: ENGINE_DIR,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      ENGINE_PORT: String(options.port),
      // Explicit, so an unchecked ENGINE_BIND_ADDRESS in the environment never reaches the engine.
      ENGINE_BIND_ADDRESS: bindAddress,
      ENGINE_JDBC_URL: jdbc.jdbcUrl,
      ENGINE_DB_USER: jdbc.user,
      ENGINE_DB_PASSWORD: jdbc.password,
      ENGINE_REST_AUTH: String(options.restAuth),
      ENGINE_ADMIN_USER: options.adminUser,
      ENGINE_ADMIN_PASSWORD: options.adminPassword,
    },
  });
  const url = localEngineUrl(bindAddress, options.port);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForEngine(`${url}/engine-rest`, 180_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    /**
     * SIGTERM, then SIGKILL after 15 s — or as soon as the engine's database server refuses connections:
     * on Ctrl-C the terminal stops an embedded PostgreSQL at the same moment, and an engine without its
     * database has nothing left to finish (its transactions are gone with the server) but would wait on
     * its connection pool phase after phase.
     */
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const deadline = Date.now() + 15_000;
      const watch = (async () => {
        while (child.exitCode === null && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          if (child.exitCode === null && !(await acceptsConnections(options.databaseUrl))) break;
        }
        if (child.exitCode === null) child.kill('SIGKILL');
      })();
      await exited;
      await watch;
    },
  };
}
