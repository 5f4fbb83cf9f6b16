// The HTTP server as a child process for the benchmarks, so the load generator does not share its event loop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

export interface ServerProcess {
  /** The child's process id (its CPU time: bench/cpu.ts). */
  pid: number;
  stop(): Promise<void>;
}

/** `node --import tsx server/main.ts` on `port`, resolved once it listens. */
export async function startServerProcess({
  port,
  databaseUrl,
  engineUrl,
}: {
  port: number;
  databaseUrl: string;
  engineUrl: string;
}): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS: extra Node options for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], {
    // The load generator stands for a reverse proxy on this machine: its X-Forwarded-For is the rater's IP.
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      ENGINE_URL: engineUrl,
      TRUST_PROXY: 'loopback',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read with a listener, not `for await`: breaking out of that would destroy the pipe, and the server's
  // next log line (its outbox retries) would die of EPIPE. Kept draining so the pipe never fills.
  let output = '';
  child.stdout!.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      if (output.length < 10_000) output += chunk;
      if (output.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
