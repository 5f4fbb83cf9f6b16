// 超期督办: a stage's deadline passed while its task is open. The case goes on; the clock turns
// overdue, the timeline says so, and those who answer for the owner department's casework (OVERDUE_ROLES) and
// the supervisors get an e-mail.
import { isSlaStage } from '../domain/case/sla-policy.ts';
import { escalationMessage, OVERDUE_ROLES, STAGE_OWNER } from '../domain/case/messages.ts';
import { markClockOverdue, openClock, recordEvent } from '../infra/stores/case-store.ts';
import { notifyCaseSupervisors, notifyStageOwners } from './support/stage-owners.ts';
import { openCaseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'sla-overdue';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId, task) => {
    const stage = task.variable('stage');
    if (!isSlaStage(stage)) return { kind: 'failure', message: `unknown SLA stage: ${String(stage)}` };
    const running = await openClock(db, caseId, stage);
    if (!running) return { kind: 'complete' };
    const key = `sla-overdue:${caseId}:${stage}:${running.round}`;
    await db.transaction(async (trx) => {
      await markClockOverdue(trx, caseId, stage);
      await recordEvent(trx, {
        caseId,
        kind: 'sla-overdue',
        stage,
        detail: { round: running.round },
        idempotencyKey: key,
        occurredAt: clock(),
      });
      const message = escalationMessage(caseId, stage, new Date(running.due_at));
      await notifyStageOwners(trx, {
        caseId,
        stage,
        roles: OVERDUE_ROLES[STAGE_OWNER[stage]],
        message,
        idempotencyKey: key,
        task,
      });
      await notifyCaseSupervisors(trx, { caseId, message, idempotencyKey: key });
    });
    return { kind: 'complete' };
  });
}
