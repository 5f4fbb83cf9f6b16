// A stand-in for the city's 12345 hotline system, for development (`npm start` runs it when HOTLINE_URL
// is unset) and tests. It speaks docs/hotline-contract.md; it is not part of a production deployment.
import type { Server } from 'node:http';
import path from 'node:path';
import { createSimulatorApp } from './routes.ts';
import { createWorkOrderBook } from './work-orders.ts';
import type { WorkOrder } from './work-orders.ts';

/** Where the simulator of `npm start` (and of hotline-simulator/main.ts) keeps its work orders. */
export const DEFAULT_STATE_FILE = path.join(import.meta.dirname, '..', '.data', 'hotline-simulator.json');

export interface HotlineSimulatorOptions {
  /** 0: any free port (kept across setAvailable(false/true)). */
  port: number;
  secret: string;
  /** Our system's base URL; its webhook is {callbackUrl}/api/hotline/webhook. Settable later. */
  callbackUrl?: string | undefined;
  /** Keeps the work orders across restarts (./work-orders.ts); none: in memory only. */
  stateFile?: string | undefined;
}

export interface HotlineSimulator {
  url: string;
  orders(): WorkOrder[];
  setCallbackUrl(url: string): void;
  /** false: stop listening, as in an outage (connections are refused); true: listen again, orders kept. */
  setAvailable(available: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startHotlineSimulator({
  port,
  secret,
  callbackUrl,
  stateFile,
}: HotlineSimulatorOptions): Promise<HotlineSimulator> {
  const book = createWorkOrderBook({ stateFile });
  const pending = new Set<Promise<unknown>>();
  let currentCallbackUrl = callbackUrl;
  let stopped = false;
  const app = createSimulatorApp({
    book,
    secret,
    callbackUrl: () => currentCallbackUrl,
    track(delivery) {
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
    },
    stopping: () => stopped,
  });

  let server: Server | undefined;
  let boundPort = port;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const listening = app.listen(boundPort, '127.0.0.1');
      listening.once('listening', () => {
        const address = listening.address();
        if (typeof address === 'object' && address) boundPort = address.port;
        server = listening;
        resolve();
      });
      listening.once('error', reject);
    });
  const close = async () => {
    const closing = server;
    server = undefined;
    if (!closing) return;
    await new Promise<void>((resolve) => {
      closing.close(() => resolve());
      // Keep-alive connections would otherwise keep answering during a simulated outage.
      closing.closeAllConnections();
    });
  };

  await listen();
  return {
    url: `http://127.0.0.1:${boundPort}`,
    orders: () => book.list(),
    setCallbackUrl(url) {
      currentCallbackUrl = url;
    },
    async setAvailable(available) {
      if (stopped) throw new Error('the hotline simulator is stopped');
      if (available && !server) await listen();
      if (!available) await close();
    },
    async stop() {
      stopped = true;
      await close();
      await Promise.allSettled([...pending]);
    },
  };
}
