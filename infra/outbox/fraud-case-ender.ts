// Ends the case of a 差评 that a supervisor confirmed fraudulent (art. 23). The order (outbox kind
// END_FRAUD_CASE) commits with the review (infra/stores/fraud-review-store.ts); this drainer, in the server
// process like the case starter, delivers bad-review's message `rating-fraud-confirmed`. It starts the
// interrupting event sub-process 确认刷评: every task of the case is withdrawn (a called appeal review or
// consultation ends with it) and the case-close worker closes the case as 'fraud-confirmed' and stops its
// clocks. A case not started yet waits for its start; a case already closed needs nothing more; a case on
// a process version without 确认刷评 is ended from outside (endWithoutTheMessage).
import {
  createDrainLoop,
  ENGINE_UNREACHABLE,
  lockNextDue,
  markProcessed,
  scheduleRetry,
} from './drain-loop.ts';
import { END_FRAUD_CASE } from '../stores/fraud-review-store.ts';
import { isEngineUnreachable, isMessageNotAwaited } from '../engine-rest.ts';
import { BAD_REVIEW_PROCESS_KEY } from './case-starter.ts';
import { closeCase } from '../stores/case-store.ts';
import { errorMessage } from '../error-message.ts';
import type { Db } from '../db.ts';
import type { EngineClient } from '../engine-rest.ts';
import type { Knex } from 'knex';

export const FRAUD_CONFIRMED_MESSAGE = 'rating-fraud-confirmed';
/** bad-review's event sub-process the message starts. */
const FRAUD_CONFIRMED_SUB_PROCESS = 'SubProcess_FraudConfirmed';

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
  /**
   * Nothing waited for the message. The case runs on a version of bad-review deployed before 确认刷评 (a
   * running instance stays on its version): it is ended from outside — its called appeal review or
   * consultation with it — and closed here as the event sub-process would have. Or it is already in 确认刷评
   * (the message came before, its order not marked done): that ends it. Or its instance is gone (ended by
   * hand in the cockpit): the case is closed here.
   */
  async function endWithoutTheMessage(trx: Knex.Transaction, caseId: string, now: Date): Promise<void> {
    const [running] = await engine.processInstances({
      businessKey: caseId,
      processDefinitionKey: BAD_REVIEW_PROCESS_KEY,
    });
    if (running) {
      const tree = await engine.activityInstanceTree(running.id);
      if (tree.childActivityInstances.some((child) => child.activityId === FRAUD_CONFIRMED_SUB_PROCESS))
        return;
      await engine.deleteProcessInstance(running.id);
      log(`case ${caseId}: its process version has no 确认刷评; the instance was ended from outside`);
    }
    await closeCase(trx, caseId, 'fraud-confirmed', now);
  }

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
        if (isMessageNotAwaited(error)) {
          await endWithoutTheMessage(trx, row.case_id, now);
          await markProcessed(trx, 'outbox', row, now, 'no execution awaited the message');
          return true;
        }
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
