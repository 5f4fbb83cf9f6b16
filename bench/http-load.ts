// Closed-loop load for the benchmarks: `concurrency` loops, each sending its next request as soon as the
// last one answered, until the time is up. Bounded in time and in flight; stops by itself.
import http from 'node:http';

export interface LoadResult {
  done: number;
  failed: number;
  seconds: number;
  /** Latency of each successful request, ms. */
  latencies: number[];
  /** The first failure's status and body, to show why. */
  firstFailure?: string;
}

export interface PostLoad {
  port: number;
  path: string;
  concurrency: number;
  durationMs: number;
  /** The next body to post (with headers of its own), or undefined when there is nothing left to send. */
  nextBody: () => { body: string; headers: Record<string, string> } | undefined;
}

/** POSTs JSON over keep-alive connections (node:http: lighter than fetch, and the load shares the CPU). */
export async function postLoad({
  port,
  path,
  concurrency,
  durationMs,
  nextBody,
}: PostLoad): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const result: LoadResult = { done: 0, failed: 0, seconds: 0, latencies: [] };
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async () => {
    for (let next = nextBody(); next !== undefined && performance.now() < deadline; next = nextBody()) {
      const { body, headers } = next;
      const sent = performance.now();
      const answer = await post(agent, port, path, body, headers);
      if (answer.status === 201) {
        result.done += 1;
        result.latencies.push(performance.now() - sent);
      } else {
        result.failed += 1;
        result.firstFailure ??= `${answer.status} ${answer.body}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

function post(agent: http.Agent, port: number, path: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** The value below which `share` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}
