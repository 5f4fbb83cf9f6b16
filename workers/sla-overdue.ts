// 标记超期: a stage's deadline passed while its task is still open. The case goes on; the clock
// turns overdue and the timeline says so.
import { markClockOverdue, recordEvent } from '../infra/stores/case-store.ts';
import type { SlaStage } from '../domain/case/sla-policy.ts';
import { caseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'sla-overdue';
export const lockDurationMs = 30_000;

const STAGES: readonly SlaStage[] = ['verify', 'rectify'];

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return caseStepWorker(topic, lockDurationMs, async (caseId, task) => {
    const stage = task.variable('stage');
    if (!STAGES.includes(stage as SlaStage))
      return { kind: 'failure', message: `unknown SLA stage: ${String(stage)}` };
    await db.transaction(async (trx) => {
      await markClockOverdue(trx, caseId, stage as SlaStage);
      await recordEvent(trx, {
        caseId,
        kind: 'sla-overdue',
        stage: stage as SlaStage,
        idempotencyKey: `sla-overdue:${caseId}:${String(stage)}`,
        occurredAt: clock(),
      });
    });
    return { kind: 'complete' };
  });
}
