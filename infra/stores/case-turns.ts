// Turns on a case: completions of one case's tasks take turns (server/api/tasks/complete-route.ts), and a
// worker that reads the case waits for a completion under way to commit (workers/adapter.ts).
import type { Knex } from 'knex';
import type { Db } from '../db.ts';

/** A lock per key in the transaction, held until it ends (pg_advisory_xact_lock of the key's hash). */
export async function lockForTransaction(trx: Knex.Transaction, key: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [key]);
}

/**
 * Completions of one case's tasks take turns by this lock, held by the completing transaction from before it
 * asks the engine to complete the task until it commits (server/api/tasks/complete-route.ts).
 */
export async function takeCaseTurn(trx: Knex.Transaction, caseId: string): Promise<void> {
  await lockForTransaction(trx, `task-complete:${caseId}`);
}

/**
 * Waits for a completion of one of the case's tasks under way to commit. The engine hands out the next
 * external task as soon as the completion's engine call returns, while what the form wrote (the assigned
 * unit, a clock) is still uncommitted: a worker that read before the commit would act on the case as it was.
 */
export async function awaitCaseTurn(db: Db, caseId: string): Promise<void> {
  await db.transaction((trx) => takeCaseTurn(trx, caseId));
}
