// Withdrawing the 12345 work order of a case that will see no rectification: it ended early (its 差评 confirmed
// fraudulent, art. 23), or its 差评 was not adopted after the unit's appeal (art. 19). 12345 makes no return visit
// for it. One place for every caller: bad-review's 确认刷评 step and its not-adopted path
// (workers/hotline-withdraw.ts), and a case on a process version from before 确认刷评
// (infra/outbox/fraud-case-ender.ts). The timeline's event says on which ground.
import { recordEvent } from '../stores/case-store.ts';
import { handoverStateOf, storeWorkOrderNumber } from '../stores/hotline-store.ts';
import type { HotlineClient } from './client.ts';
import type { Db, Executor } from '../db.ts';

/** Why a case's work order is void: its 差评 confirmed fraudulent, or not adopted after the unit's appeal. */
export type WithdrawalGround = 'fraud-confirmed' | 'not-adopted';

export const isWithdrawalGround = (value: unknown): value is WithdrawalGround =>
  value === 'fraud-confirmed' || value === 'not-adopted';

/** What 12345 is told: why the order is void (the rater's words or contact are not repeated). */
export const WITHDRAWAL_REASONS: Record<WithdrawalGround, string> = {
  'fraud-confirmed': '该差评经监督部门核查确认为刷评（恶意差评），差评处置已终止，请撤回工单，无需回访。',
  'not-adopted':
    '该差评经申诉复核不予采纳（无效或恶意差评），已告知评价人复核结论，无需整改，请撤回工单，无需回访。',
};

/**
 * Withdraws the case's work order and says so on its timeline once; throws (HotlineError) when 12345 could
 * not be told, for the caller to retry. Without a stored number it asks 12345 to withdraw the order it keeps
 * for the case by its reference (the handover's answer may have been lost after 12345 took the order), and
 * stores the number it answers — unless the case was never routed: no handover is tried without its responsible
 * unit, so 12345 is not needed. False when there was no order to withdraw.
 */
export async function withdrawWorkOrderOf(
  db: Db,
  client: HotlineClient,
  caseId: string,
  at: Date,
  ground: WithdrawalGround = 'fraud-confirmed',
): Promise<boolean> {
  const reason = WITHDRAWAL_REASONS[ground];
  const { workOrderNumber: stored, routed } = await handoverStateOf(db, caseId);
  if (stored) {
    const known = await client.withdrawWorkOrder({
      workOrderNumber: stored,
      caseId,
      reason,
    });
    await recordWithdrawal(db, caseId, { workOrderNumber: stored, known, ground }, at);
    return true;
  }
  if (!routed) return false;
  const answered = await client.withdrawWorkOrderOfCase({ caseId, reason });
  if (!answered) return false;
  await db.transaction(async (trx) => {
    // A handover that ran meanwhile may have stored its number first: the case keeps that one.
    const workOrderNumber = await storeWorkOrderNumber(trx, caseId, answered);
    const detail = { workOrderNumber, known: true, foundByReference: true, ground };
    await recordWithdrawal(trx, caseId, workOrderNumber === answered ? detail : { ...detail, answered }, at);
  });
  return true;
}

function recordWithdrawal(db: Executor, caseId: string, detail: Record<string, unknown>, at: Date) {
  return recordEvent(db, {
    caseId,
    kind: 'hotline-withdrawn',
    stage: 'hotline',
    detail,
    idempotencyKey: `hotline-withdrawn:${caseId}`,
    occurredAt: at,
  });
}
