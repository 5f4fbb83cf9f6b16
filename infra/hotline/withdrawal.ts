// Withdrawing the 12345 work order of a case that ended early (its 差评 confirmed fraudulent, art. 23): 12345
// makes no return visit for it. One place for both ways a case ends early: bad-review's 确认刷评 step
// (workers/hotline-withdraw.ts) and a case on a process version from before it (infra/outbox/fraud-case-ender.ts).
import { recordEvent } from '../stores/case-store.ts';
import { storeWorkOrderNumber, workOrderNumberOf } from '../stores/hotline-store.ts';
import type { HotlineClient } from './client.ts';
import type { Db } from '../db.ts';

/** What 12345 is told: why the order is void (the rater's words or contact are not repeated). */
export const WITHDRAWAL_REASON =
  '该差评经监督部门核查确认为刷评（恶意差评），差评处置已终止，请撤回工单，无需回访。';

/**
 * Withdraws the case's work order and says so on its timeline once; throws (HotlineError) when 12345 could
 * not be told, for the caller to retry. Without a stored number (the handover's answer was lost after 12345
 * took the order, or the case never reached 12345) it asks 12345 to withdraw the order it keeps for the case
 * by its reference, and stores the number it answers. False when there was no order to withdraw.
 */
export async function withdrawWorkOrderOf(
  db: Db,
  client: HotlineClient,
  caseId: string,
  at: Date,
): Promise<boolean> {
  const stored = await workOrderNumberOf(db, caseId);
  let workOrderNumber = stored;
  let known: boolean;
  if (stored) {
    known = await client.withdrawWorkOrder({ workOrderNumber: stored, caseId, reason: WITHDRAWAL_REASON });
  } else {
    workOrderNumber = (await client.withdrawWorkOrderOfCase({ caseId, reason: WITHDRAWAL_REASON })) ?? null;
    if (!workOrderNumber) return false;
    known = true;
  }
  await db.transaction(async (trx) => {
    if (!stored) await storeWorkOrderNumber(trx, caseId, workOrderNumber!);
    await recordEvent(trx, {
      caseId,
      kind: 'hotline-withdrawn',
      stage: 'hotline',
      detail: { workOrderNumber, known, ...(stored ? {} : { foundByReference: true }) },
      idempotencyKey: `hotline-withdrawn:${caseId}`,
      occurredAt: at,
    });
  });
  return true;
}
