// 撤回12345工单: a case ended early — its 差评 confirmed fraudulent (bad-review's event sub-process 确认刷评,
// art. 23) — withdraws the work order 12345 holds for it, so no operator calls the rater back about a 差评
// that is not to be rectified. A case that never reached 12345 has nothing to withdraw. Retried with the
// handover's back-off while 12345 is away; a repeated withdrawal is answered as done.
import { recordEvent } from '../infra/stores/case-store.ts';
import { caseStepWorker } from './adapter.ts';
import { attemptNumber, handoverRetryDelayMs, HANDOVER_RETRIES } from './hotline-handover.ts';
import { errorMessage } from '../infra/error-message.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'hotline-withdraw';
export const lockDurationMs = 30_000;

/** What 12345 is told: why the order is void (the rater's words or contact are not repeated). */
export const WITHDRAWAL_REASON =
  '该差评经监督部门核查确认为刷评（恶意差评），差评处置已终止，请撤回工单，无需回访。';

export function createWorker({
  db,
  hotline,
  clock,
}: Pick<WorkerDeps, 'db' | 'hotline' | 'clock'>): TopicWorker {
  return caseStepWorker(
    topic,
    lockDurationMs,
    async (caseId, task) => {
      const found = await db('cases')
        .where({ id: caseId })
        .first<{ hotline_work_order_number: string | null } | undefined>('hotline_work_order_number');
      if (!found) return { kind: 'failure', message: `case ${caseId} not found` };
      const workOrderNumber = found.hotline_work_order_number;
      if (!workOrderNumber) return { kind: 'complete' };
      let known: boolean;
      try {
        known = await hotline.client.withdrawWorkOrder({
          workOrderNumber,
          caseId,
          reason: WITHDRAWAL_REASON,
        });
      } catch (error: unknown) {
        return {
          kind: 'failure',
          message: errorMessage(error),
          retryTimeoutMs: handoverRetryDelayMs(attemptNumber(task), hotline.retryBaseMs),
        };
      }
      await recordEvent(db, {
        caseId,
        kind: 'hotline-withdrawn',
        stage: 'hotline',
        detail: { workOrderNumber, known },
        idempotencyKey: `hotline-withdrawn:${caseId}`,
        occurredAt: clock(),
      });
      return { kind: 'complete' };
    },
    { retries: HANDOVER_RETRIES },
  );
}
