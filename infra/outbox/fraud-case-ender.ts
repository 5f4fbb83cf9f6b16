// Ends the case of a 差评 that a supervisor confirmed fraudulent (art. 23). The order (outbox kind
// END_FRAUD_CASE) commits with the review (infra/stores/fraud-review-store.ts); this drainer, in the server
// process like the case starter, delivers bad-review's message `rating-fraud-confirmed`. It starts the
// interrupting event sub-process 确认刷评: every task of the case is withdrawn (a called appeal review or
// consultation ends with it), 12345's work order is withdrawn, and the case-close worker closes the case as
// 'fraud-confirmed' and stops its clocks. A case not started yet waits for its start; a case already closed
// needs nothing more; a case on a process version without 确认刷评 is ended from outside (endWithoutTheMessage).
import { createOutboxDrainer, type OutboxDrainerDeps } from './drain-loop.ts';
import { END_FRAUD_CASE } from '../stores/fraud-review-store.ts';
import { isMessageNotAwaited } from '../engine-rest.ts';
import { BAD_REVIEW_PROCESS_KEY, type CaseOrderRow } from './case-starter.ts';
import { closeCase } from '../stores/case-store.ts';
import { withdrawWorkOrderOf } from '../hotline/withdrawal.ts';
import type { HotlineClient } from '../hotline/client.ts';
import type { Knex } from 'knex';

export const FRAUD_CONFIRMED_MESSAGE = 'rating-fraud-confirmed';
/** bad-review's event sub-process the message starts. */
export const FRAUD_CONFIRMED_SUB_PROCESS = 'SubProcess_FraudConfirmed';

export interface FraudCaseEnderDeps extends OutboxDrainerDeps {
  /** 12345, to withdraw the work order of a case ended from outside (the 确认刷评 step does it otherwise). */
  hotline: HotlineClient;
}

export function createFraudCaseEnder(deps: FraudCaseEnderDeps) {
  const { db, engine, hotline, log } = deps;

  /**
   * Nothing waited for the message. The case runs on a version of bad-review deployed before 确认刷评 (a
   * running instance stays on its version): it is ended from outside — its called appeal review or
   * consultation with it — and closed here as the event sub-process would have, its 12345 work order
   * withdrawn. Or it is already in 确认刷评 (the message came before, its order not marked done): that ends
   * it. Or its instance is gone (ended by hand in the cockpit): the case is closed here.
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
      // 12345 first: should it be away, the order is retried with the instance still there.
      await withdrawWorkOrderOf(db, hotline, caseId, now);
      await engine.deleteProcessInstance(running.id);
      log(`case ${caseId}: its process version has no 确认刷评; the instance was ended from outside`);
    }
    await closeCase(trx, caseId, 'fraud-confirmed', now);
  }

  return createOutboxDrainer<CaseOrderRow>(deps, {
    name: 'fraud case ender',
    table: 'outbox',
    where: { kind: END_FRAUD_CASE },
    describe: (row) => `case ${row.case_id}: ending it (rating confirmed fraudulent)`,
    async carryOut(trx, row, now) {
      const { status } = await trx('cases').where({ id: row.case_id }).first<{ status: string }>('status');
      if (status === 'closed') return { done: true, note: 'the case had closed' };
      // Its start order comes first; this one is due again after the back-off.
      if (status === 'pending-start') {
        return { done: false, error: 'the case has not started yet', waiting: true };
      }
      try {
        await engine.correlateMessage(FRAUD_CONFIRMED_MESSAGE, row.case_id, { fraudConfirmed: true });
        return { done: true };
      } catch (error: unknown) {
        if (!isMessageNotAwaited(error)) throw error;
      }
      await endWithoutTheMessage(trx, row.case_id, now);
      return { done: true, note: 'no execution awaited the message' };
    },
  });
}

export type FraudCaseEnder = ReturnType<typeof createFraudCaseEnder>;
