// Ends the case of a 差评 that a supervisor confirmed fraudulent (art. 23). The order (outbox kind
// END_FRAUD_CASE) commits with the review (infra/stores/fraud-review-store.ts); this drainer, in the server
// process like the case starter, delivers bad-review's message `rating-fraud-confirmed`. It starts the
// interrupting event sub-process 确认刷评: every task of the case is withdrawn (a called appeal review or
// consultation ends with it) and the case-close worker closes the case as 'fraud-confirmed' and stops its
// clocks. A case not started yet waits for its start; a case already closed needs nothing more.
import {
  createDrainLoop,
  ENGINE_UNREACHABLE,
  lockNextDue,
  markProcessed,
  scheduleRetry,
} from './drain-loop.ts';
import { END_FRAUD_CASE } from '../stores/fraud-review-store.ts';
import { isEngineUnreachable } from '../engine-rest.ts';
import { errorMessage } from '../error-message.ts';
import type { Db } from '../db.ts';
import type { EngineClient } from '../engine-rest.ts';

export const FRAUD_CONFIRMED_MESSAGE = 'rating-fraud-confirmed';

interface OutboxRow {
  id: string;
  case_id: string;
  attempts: number;
}

export interface FraudCaseEnderDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  log: (line: string) => void;
  intervalMs?: number;
}

export function createFraudCaseEnder({ db, engine, clock, log, intervalMs = 1000 }: FraudCaseEnderDeps) {
  /** One order in its own transaction; false when nothing is due or the engine is unreachable. */
  async function endNext(): Promise<boolean | typeof ENGINE_UNREACHABLE> {
    return db.transaction(async (trx) => {
      const now = clock();
      const row = await lockNextDue<OutboxRow>(trx, 'outbox', now, { kind: END_FRAUD_CASE });
      if (!row) return false;
      const { status } = await trx('cases').where({ id: row.case_id }).first<{ status: string }>('status');
      if (status === 'closed') {
        await markProcessed(trx, 'outbox', row, now, 'the case had closed');
        return true;
      }
      if (status === 'pending-start') {
        // Its start order comes first; this one is due again after the back-off.
        await scheduleRetry(trx, 'outbox', row, now, 'the case has not started yet');
        return true;
      }
      try {
        await engine.correlateMessage(FRAUD_CONFIRMED_MESSAGE, row.case_id, { fraudConfirmed: true });
        await markProcessed(trx, 'outbox', row, now);
        return true;
      } catch (error: unknown) {
        // Also when the process ended a moment ago (no execution waits for the message): the next attempt
        // finds the case closed.
        const message = errorMessage(error);
        await scheduleRetry(trx, 'outbox', row, now, message);
        log(`case ${row.case_id}: ending it (rating confirmed fraudulent) failed: ${message}`);
        return isEngineUnreachable(error) ? ENGINE_UNREACHABLE : false;
      }
    });
  }

  return createDrainLoop({ name: 'fraud case ender', next: endNext, intervalMs, log });
}

export type FraudCaseEnder = ReturnType<typeof createFraudCaseEnder>;
