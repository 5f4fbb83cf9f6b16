// The HTTP app over a fresh, migrated database, with the intake's clock under the test's control; no
// engine (nothing listens at its address) and no outbox drained: what is stored is what the test reads.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createApp } from '../../server/app.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createEvaluationIntake } from '../../domain/evaluation/intake.ts';
import { createEvaluationStore } from '../../infra/stores/evaluation-store.ts';
import { createProtector } from '../../infra/protector.ts';
import { freshAppDatabase } from './databases.ts';
import { shippedCalendar } from './calendar.ts';
import type { Db } from '../../infra/db.ts';

export interface RatingApi {
  db: Db;
  api: string;
  /** The intake's and the app's clock. */
  setNow(now: Date): void;
  stop(): Promise<void>;
}

export async function startRatingApi(database: string): Promise<RatingApi> {
  const { db } = await freshAppDatabase(database);
  let now = new Date();
  const protector = createProtector('d'.repeat(64));
  const intake = createEvaluationIntake({
    store: createEvaluationStore(db),
    protector,
    clock: () => now,
    newId: randomUUID,
    workingCalendar: shippedCalendar,
  });
  const app = createApp({
    db,
    engine: createEngineClient({ baseUrl: 'http://127.0.0.1:9/engine-rest', timeoutMs: 500 }),
    intake,
    protector,
    clock: () => now,
    log: () => undefined,
    onCaseOpened: () => undefined,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  return {
    db,
    api: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    setNow: (value) => {
      now = value;
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}
