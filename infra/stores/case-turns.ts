// Turns on a case: completions of one case's tasks take turns (server/api/tasks/complete-route.ts), and a
// worker that reads the case waits for a completion under way to commit (workers/adapter.ts).
import type { Knex } from 'knex';
import type { Executor } from '../db.ts';

const CASE_TURN = (caseId: string) => `task-complete:${caseId}`;

/**
 * A lock per key in the transaction, held until it ends (pg_advisory_xact_lock of the key's hash). Outside a
 * transaction the statement is its own: the lock is taken once free and let go at once.
 */
export async function lockForTransaction(executor: Executor, key: string): Promise<void> {
  await executor.raw('select pg_advisory_xact_lock(hashtext(?))', [key]);
}

/**
 * Completions of one case's tasks take turns by this lock, held by the completing transaction from before it
 * asks the engine to complete the task until it commits (server/api/tasks/complete-route.ts).
 */
export async function takeCaseTurn(trx: Knex.Transaction, caseId: string): Promise<void> {
  await lockForTransaction(trx, CASE_TURN(caseId));
}

/**
 * Waits for a completion of one of the case's tasks under way to commit. The engine hands out the next
 * external task as soon as the completion's engine call returns, while what the form wrote (the assigned
 * unit, a clock) is still uncommitted: a worker that read before the commit would act on the case as it was.
 */
export async function awaitCaseTurn(db: Executor, caseId: string): Promise<void> {
  // One statement, its own transaction: it waits for the holder, then lets go (no BEGIN and COMMIT around it).
  await lockForTransaction(db, CASE_TURN(caseId));
}
