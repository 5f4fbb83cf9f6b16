// 结案: the loop is closed; the case records its outcome (rectified, answered after a consultation,
// not adopted after an appeal, or closed by the approval department after an escalation).
import { caseOutcome } from '../domain/case/messages.ts';
import { recordEvent } from '../infra/stores/case-store.ts';
import { caseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'case-close';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return caseStepWorker(topic, lockDurationMs, async (caseId, task) => {
    const outcome = caseOutcome({
      appealDecision: task.variable('appealDecision'),
      escalationDecision: task.variable('escalationDecision'),
      consultationReply: task.variable('consultationReply'),
    });
    const now = clock();
    await db.transaction(async (trx) => {
      await trx('cases')
        .where({ id: caseId })
        .whereNot({ status: 'closed' })
        .update({ status: 'closed', outcome, closed_at: now });
      await recordEvent(trx, {
        caseId,
        kind: 'case-closed',
        stage: 'close',
        detail: { outcome },
        idempotencyKey: `case-closed:${caseId}`,
        occurredAt: now,
      });
    });
    return { kind: 'complete' };
  });
}
