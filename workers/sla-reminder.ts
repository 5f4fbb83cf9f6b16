// 提醒即将超期: the reminder timer of a stage fired (default at 60 % of its time). The clock turns
// at risk and the stage's owners get an e-mail; the task goes on.
import { isSlaStage } from '../domain/case/sla-policy.ts';
import { reminderMessage } from '../domain/case/messages.ts';
import { markClockAtRisk, openClock, recordEvent } from '../infra/stores/case-store.ts';
import { notifyStageOwners } from './support/stage-owners.ts';
import { openCaseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'sla-reminder';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId, task) => {
    const stage = task.variable('stage');
    if (!isSlaStage(stage)) return { kind: 'failure', message: `unknown SLA stage: ${String(stage)}` };
    const running = await openClock(db, caseId, stage);
    if (!running) return { kind: 'complete' }; // done meanwhile: nothing to remind of
    await db.transaction(async (trx) => {
      await markClockAtRisk(trx, caseId, stage);
      await recordEvent(trx, {
        caseId,
        kind: 'sla-reminded',
        stage,
        detail: { round: running.round },
        idempotencyKey: `sla-reminded:${caseId}:${stage}:${running.round}`,
        occurredAt: clock(),
      });
      await notifyStageOwners(trx, {
        caseId,
        stage,
        roles: ['unit-staff', 'approval-reviewer', 'approval-coordinator', 'hotline-operator'],
        message: reminderMessage(caseId, stage, new Date(running.due_at)),
        idempotencyKey: `sla-reminded:${caseId}:${stage}:${running.round}`,
        task,
      });
    });
    return { kind: 'complete' };
  });
}
