// The HTTP app over a fresh, migrated database, with the intake's clock under the test's control; no
// engine (nothing listens at its address) and no outbox drained: what is stored is what the test reads.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { backgroundWorkSettled, createApp } from '../../server/app.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createEvaluationIntake } from '../../domain/evaluation/intake.ts';
import { createEvaluationStore } from '../../infra/stores/evaluation-store.ts';
import { createProtector } from '../../infra/protector.ts';
import { freshAppDatabase } from './databases.ts';
import { shippedCalendar } from './calendar.ts';
import type { Db } from '../../infra/db.ts';
import type { Protector } from '../../infra/protector.ts';
import type { CodeTables } from '../../infra/code-table-files.ts';
import type { HallNetwork } from '../../domain/fraud/hall-networks.ts';

export interface RatingApi {
  db: Db;
  /** The fresh database's URL (for commands such as `hcp fraud scan`). */
  url: string;
  api: string;
  protector: Protector;
  /** The intake's and the app's clock. */
  setNow(now: Date): void;
  stop(): Promise<void>;
}

export interface RatingApiOptions {
  onCaseOpened?: () => void;
  hotlineSecret?: string;
  /** Token of forwarded SMS replies (POST /api/sms/inbound). */
  smsInboundToken?: string;
  /** Sessions' wall clock (sign-in timeouts); by default the real time. */
  sessionClock?: () => Date;
  /** Partner systems' code tables; by default the shipped ones. */
  codeTables?: CodeTables;
  /** HALL_NETWORKS: the halls' guest Wi-Fi addresses; by default none. */
  hallNetworks?: readonly HallNetwork[];
}

export async function startRatingApi(database: string, options: RatingApiOptions = {}): Promise<RatingApi> {
  const { db, url } = await freshAppDatabase(database);
  // The real clock until a test fixes the time with setNow.
  let fixed: Date | undefined;
  const clock = () => fixed ?? new Date();
  const protector = createProtector('d'.repeat(64));
  const intake = createEvaluationIntake({
    store: createEvaluationStore(db),
    protector,
    clock,
    newId: randomUUID,
    workingCalendar: shippedCalendar,
  });
  const app = createApp({
    db,
    engine: createEngineClient({ baseUrl: 'http://127.0.0.1:9/engine-rest', timeoutMs: 500 }),
    intake,
    protector,
    clock,
    log: () => undefined,
    onCaseOpened: options.onCaseOpened ?? (() => undefined),
    ...(options.hotlineSecret ? { hotlineSecret: options.hotlineSecret } : {}),
    smsInboundToken: options.smsInboundToken,
    ...(options.sessionClock ? { sessionClock: options.sessionClock } : {}),
    ...(options.codeTables ? { codeTables: options.codeTables } : {}),
    ...(options.hallNetworks ? { hallNetworks: options.hallNetworks } : {}),
    // Tests stand for the reverse proxy: an X-Forwarded-For they send is a rater's IP.
    trustProxy: 'loopback',
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  return {
    db,
    url,
    protector,
    api: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    setNow: (value) => {
      fixed = value;
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await backgroundWorkSettled(app);
      await db.destroy();
    },
  };
}
