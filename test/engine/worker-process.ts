// A worker process as `npm run workers` starts it (node --import tsx workers/main.ts), for tests that kill
// one for real. Its output is kept for the failure message of a test that waited for it in vain.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { eventually } from '../support/fixtures.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Resolves with the worker id it polls as, once it says so. */
  polling(): Promise<string>;
  /** Sends the signal and resolves once the process is gone (at once if it already is). */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startWorkerProcess(environment: NodeJS.ProcessEnv): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: REPO_ROOT,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    pid: child.pid!,
    polling: () =>
      eventually(
        async () => {
          if (!running()) throw new Error(`the worker process ended:\n${output}`);
          return /\[workers\] polling as (\S+)/.exec(output)?.[1];
        },
        { timeoutMs: 30_000, what: `worker process ${child.pid} to poll` },
      ),
    async kill(signal) {
      if (running()) child.kill(signal);
      await exited;
    },
  };
}
