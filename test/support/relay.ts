// An HTTP relay between a process under test and one of its peers (the engine, the 12345 hotline). It
// forwards every request as it came and records it with the peer's answer, so that a test sees what a
// worker process sent and what the peer did with it even after the process died. It can hold an answer
// back: the peer has acted, the caller never learns it (a process killed in the middle of a call).
import http from 'node:http';

export interface RelayedCall {
  method: string;
  /** Path and query, as the caller sent them. */
  path: string;
  requestBody: string;
  /** The peer's answer; null while the peer has not answered. */
  status: number | null;
  responseBody: string | null;
  /** The answer was kept from the caller. */
  held: boolean;
}

export interface Relay {
  url: string;
  /** Every call in the order it came, answered or not. */
  calls: RelayedCall[];
  /** Keeps the peer's answers to the calls that match from their callers; undefined: answers all. */
  holdAnswers(match: ((call: RelayedCall) => boolean) | undefined): void;
  /** Resolves once the peer has answered every call forwarded so far (a long poll's included). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

// Hop-by-hop headers and those that fetch sets itself.
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function forwardedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    forwarded[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return forwarded;
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `target`: the peer's origin, e.g. http://127.0.0.1:18080. */
export async function startRelay(target: string): Promise<Relay> {
  const calls: RelayedCall[] = [];
  const pending = new Set<Promise<void>>();
  let hold: ((call: RelayedCall) => boolean) | undefined;

  async function relay(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const call: RelayedCall = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      requestBody: body.toString('utf8'),
      status: null,
      responseBody: null,
      held: false,
    };
    calls.push(call);
    call.held = hold?.(call) ?? false;
    // No timeout and no abort when the caller goes away: the peer keeps the request (a long poll stays
    // open at the engine after its worker died), and the relay waits for the answer like the peer would.
    let answer: Response;
    try {
      answer = await fetch(`${target}${call.path}`, {
        method: call.method,
        headers: forwardedHeaders(request.headers),
        body: call.method === 'GET' || call.method === 'HEAD' ? null : body,
      });
    } catch (error: unknown) {
      call.status = 502;
      call.responseBody = String(error);
      if (!response.destroyed) response.writeHead(502).end();
      return;
    }
    const answerBody = Buffer.from(await answer.arrayBuffer());
    call.status = answer.status;
    call.responseBody = answerBody.toString('utf8');
    if (call.held || response.destroyed) return;
    const contentType = answer.headers.get('content-type');
    response.writeHead(answer.status, contentType ? { 'content-type': contentType } : {});
    response.end(answerBody);
  }

  const server = http.createServer((request, response) => {
    const relayed = relay(request, response)
      // The caller went away while sending: nothing reached the peer, nothing to answer.
      .catch(() => void response.destroy())
      .finally(() => pending.delete(relayed));
    pending.add(relayed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const idle = async () => {
    while (pending.size > 0) await Promise.allSettled([...pending]);
  };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    holdAnswers(match) {
      hold = match;
    },
    idle,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Held answers keep their callers' connections open: close them with the relay.
        server.closeAllConnections();
      });
      await idle();
    },
  };
}
