// 登记回访结果: the return visit's result (art. 18) arrived — recorded by a 12345 operator in the task
// list, or posted back by the hotline system (message return-visit-result). Either way it is written to
// the timeline and the return-visit clock stops.
import { isReturnVisitResult } from '../domain/case/return-visit.ts';
import { recordEvent, stopClock } from '../infra/stores/case-store.ts';
import { openCaseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'return-visit-record';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId, task) => {
    const result = task.variable('returnVisitResult');
    if (!isReturnVisitResult(result)) {
      return { kind: 'failure', message: `no valid return-visit result: ${String(result)}` };
    }
    const round = Number(task.variable('rectificationRound') ?? 1);
    const now = clock();
    await db.transaction(async (trx) => {
      await stopClock(trx, caseId, 'return-visit', now);
      await recordEvent(trx, {
        caseId,
        kind: 'return-visit-recorded',
        stage: 'return-visit',
        detail: {
          result,
          note: task.variable('returnVisitNote') ?? null,
          source: task.variable('returnVisitSource') ?? 'operator',
          round,
        },
        idempotencyKey: `return-visit-recorded:${caseId}:${round}`,
        occurredAt: now,
      });
    });
    return { kind: 'complete' };
  });
}
