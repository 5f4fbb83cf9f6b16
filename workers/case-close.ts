// 结案: the loop is closed; the case records its outcome (rectified, answered after a consultation,
// not adopted after an appeal, or closed by the approval department after an escalation). A case ended
// early, its rating confirmed fraudulent (the event sub-process 确认刷评), also stops the clocks of the
// stages it withdrew.
import { caseOutcome } from '../domain/case/messages.ts';
import { closeCase } from '../infra/stores/case-store.ts';
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
    await db.transaction((trx) => closeCase(trx, caseId, outcome, clock()));
    return { kind: 'complete' };
  });
}
