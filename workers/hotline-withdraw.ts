// 撤回12345工单: a case ended early — its 差评 confirmed fraudulent (bad-review's event sub-process 确认刷评, art. 23) —
// or a 差评 not adopted after the unit's appeal (art. 19) withdraws the work order 12345 holds for it
// (infra/hotline/withdrawal.ts), so no operator calls the rater back about a 差评 that is not to be rectified.
// Without a stored number 12345 is asked by the case's reference (contract 1c), unless the case never had a
// responsible unit (no handover can have been tried). Retried with the handover's back-off while 12345 is away;
// a repeated withdrawal is answered as done.
import {
  isWithdrawalGround,
  withdrawWorkOrderOf,
  type WithdrawalGround,
} from '../infra/hotline/withdrawal.ts';
import { caseStepWorker } from './adapter.ts';
import { attemptNumber, handoverRetryDelayMs, HANDOVER_RETRIES } from './hotline-handover.ts';
import { errorMessage } from '../infra/error-message.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'hotline-withdraw';
export const lockDurationMs = 30_000;

export function createWorker({
  db,
  hotline,
  clock,
}: Pick<WorkerDeps, 'db' | 'hotline' | 'clock'>): TopicWorker {
  return caseStepWorker(
    topic,
    lockDurationMs,
    async (caseId, task) => {
      // The model says why (bad-review's input parameter `withdrawal`); none: the 确认刷评 step, as before it
      // was named. Anything else is a model's mistake, never told to 12345 as 刷评.
      const named = task.variable('withdrawal');
      if (named !== undefined && named !== null && !isWithdrawalGround(named)) {
        return { kind: 'failure', message: `unknown withdrawal ground: ${String(named)}` };
      }
      const ground: WithdrawalGround = isWithdrawalGround(named) ? named : 'fraud-confirmed';
      try {
        await withdrawWorkOrderOf(db, hotline.client, caseId, clock(), ground);
      } catch (error: unknown) {
        return {
          kind: 'failure',
          message: errorMessage(error),
          retryTimeoutMs: handoverRetryDelayMs(attemptNumber(task), hotline.retryBaseMs),
        };
      }
      return { kind: 'complete' };
    },
    { retries: HANDOVER_RETRIES },
  );
}
