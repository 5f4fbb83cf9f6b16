// 结案: the loop is closed; the case records its outcome (rectified, answered after a consultation,
// not adopted after an appeal, or closed by the approval department after an escalation). A case ended
// early, its rating confirmed fraudulent (the event sub-process 确认刷评), also stops the clocks of the
// stages it withdrew.
import { caseOutcome } from '../domain/case/messages.ts';
import { recordEvent, stopRunningClocks } from '../infra/stores/case-store.ts';
import { caseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'case-close';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return caseStepWorker(topic, lockDurationMs, async (caseId, task) => {
    const outcome = caseOutcome({
      fraudConfirmed: task.variable('fraudConfirmed'),
      appealDecision: task.variable('appealDecision'),
      escalationDecision: task.variable('escalationDecision'),
      consultationReply: task.variable('consultationReply'),
    });
    const now = clock();
    const endedEarly = outcome === 'fraud-confirmed';
    await db.transaction(async (trx) => {
      // Ended early, the case may already read closed: the 结案 step the message interrupted had written
      // its outcome before it could complete. The early end is what happened, so it is what stays.
      const notYetClosedSo = endedEarly
        ? trx.raw('outcome is distinct from ?', [outcome])
        : trx.raw("status <> 'closed'");
      const closedNow = await trx('cases')
        .where({ id: caseId })
        .where(notYetClosedSo)
        .update({ status: 'closed', outcome, closed_at: now });
      // A repeated delivery, or a 结案 the early end overtook (the case already reads fraud-confirmed).
      if (closedNow === 0) return;
      if (endedEarly) await stopRunningClocks(trx, caseId, now);
      await recordEvent(trx, {
        caseId,
        kind: 'case-closed',
        stage: 'close',
        detail: { outcome },
        idempotencyKey: endedEarly ? `case-closed:${outcome}:${caseId}` : `case-closed:${caseId}`,
        occurredAt: now,
      });
    });
    return { kind: 'complete' };
  });
}
