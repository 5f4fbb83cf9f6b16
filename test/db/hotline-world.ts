// The world of the db-tier hotline tests: a migrated database, the HTTP app (webhook included) and the
// 12345 simulator calling it back, and the handover and withdrawal workers pointed at the simulator. No
// engine: a port nothing listens on, which a refusal must never need.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createApp } from '../../server/app.ts';
import { createEngineClient } from '../../infra/engine-rest.ts';
import { createEvaluationIntake } from '../../domain/evaluation/intake.ts';
import { createEvaluationStore } from '../../infra/stores/evaluation-store.ts';
import { createProtector } from '../../infra/protector.ts';
import { createHotlineClient } from '../../infra/hotline/client.ts';
import { createWorker as createHandoverWorker } from '../../workers/hotline-handover.ts';
import { createWorker as createWithdrawWorker } from '../../workers/hotline-withdraw.ts';
import { startHotlineSimulator } from '../../hotline-simulator/index.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import { shippedCalendar } from '../support/calendar.ts';
import { shippedPlanner } from '../support/sla.ts';
import { deadlineCalculator, loadWorkingCalendar } from '../../infra/deadlines.ts';
import type { ExternalTask, Outcome } from '../../workers/adapter.ts';

export const SECRET = 'db-tier-hotline-secret';
/** The handover's back-off base here: 50 ms, 100 ms … */
export const RETRY_BASE_MS = 50;

export function workOrderNumberOf(outcome: Outcome): string {
  if (outcome.kind !== 'complete') assert.fail(`the handover did not complete: ${JSON.stringify(outcome)}`);
  return String(outcome.variables?.hotlineWorkOrderNumber);
}

/** A delivery of the hotline-handover task; `retries` as the engine reports them (null: the first). */
export function delivery(caseId: string, retries: number | null = null): ExternalTask {
  return {
    id: randomUUID(),
    topic: 'hotline-handover',
    businessKey: caseId,
    processInstanceId: randomUUID(),
    activityId: 'Task_HotlineHandover',
    retries,
    variable: () => undefined,
  };
}

export async function startHotlineWorld(databaseName: string) {
  const { db } = await freshAppDatabase(databaseName);
  const protector = createProtector('d'.repeat(64));
  const intake = createEvaluationIntake({
    store: createEvaluationStore(db),
    protector,
    clock: () => new Date(),
    newId: randomUUID,
    workingCalendar: shippedCalendar,
  });
  const engine = createEngineClient({ baseUrl: 'http://127.0.0.1:9/engine-rest', timeoutMs: 500 });
  const app = createApp({
    db,
    engine,
    intake,
    clock: () => new Date(),
    log: () => undefined,
    onCaseOpened: () => undefined,
    protector,
    hotlineSecret: SECRET,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const simulator = await startHotlineSimulator({ port: 0, secret: SECRET, callbackUrl: api });
  const worker = createHandoverWorker({
    db,
    protector,
    clock: () => new Date(),
    planner: shippedPlanner(deadlineCalculator(loadWorkingCalendar()), () => new Date()),
    hotline: {
      client: createHotlineClient({ baseUrl: simulator.url, secret: SECRET }),
      retryBaseMs: RETRY_BASE_MS,
    },
  });

  const withdrawWorker = createWithdrawWorker({
    db,
    clock: () => new Date(),
    hotline: {
      client: createHotlineClient({ baseUrl: simulator.url, secret: SECRET }),
      retryBaseMs: RETRY_BASE_MS,
    },
  });

  return {
    db,
    api,
    simulator,
    worker,
    withdrawWorker,

    /** A routed 差评 case (routing itself is case-route's business and tested there). */
    async routedCase({ realName = true } = {}): Promise<string> {
      const id = await openBadReviewCase(db, {
        realName,
        text: '答复不耐烦',
        rater: { name: '张三', phone: '13812345678' },
        protector,
      });
      await db('cases')
        .where({ id })
        .update({ status: 'open', responsible_department_id: 'xa-market', routing_rule: 'handled-by' });
      return id;
    },

    ordersOf: (caseId: string) => simulator.orders().filter((order) => order.externalReference === caseId),

    async stop() {
      await simulator.stop();
      await new Promise((resolve) => server.close(resolve));
      await db.destroy();
    },
  };
}

export type HotlineWorld = Awaited<ReturnType<typeof startHotlineWorld>>;
