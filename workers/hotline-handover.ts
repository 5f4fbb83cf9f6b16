// 转12345热线: the 差评 becomes a 营商环境类 work order at the 12345 hotline (art. 16), whose return visit
// (art. 18) later comes back as the message return-visit-result (server/api/hotline/). One order per
// case: the case id is the external reference, and the hotline answers the existing order for it, so a
// redelivery or a crash after the hotline took the order creates no second one. While 12345 is away the case waits
// here, before its verification: once the handover goes through, the verify clock starts again from then.
import { HOTLINE_CATEGORY } from '../infra/hotline/client.ts';
import { loadHandoverCase, storeWorkOrderNumber } from '../infra/stores/hotline-store.ts';
import { recordEvent } from '../infra/stores/case-store.ts';
import { workOrderDescription, workOrderTitle } from '../domain/case/hotline-work-order.ts';
import { openCaseStepWorker } from './adapter.ts';
import { restartStageClock, stageVariables } from '../infra/sla/stage-plan.ts';
import type { Knex } from 'knex';
import type { ExternalTask, Outcome, TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';
import type { HandoverCase } from '../infra/stores/hotline-store.ts';
import { errorMessage } from '../infra/error-message.ts';

export const topic = 'hotline-handover';
export const lockDurationMs = 30_000;
/**
 * Failed deliveries before an incident. With the default base of 10 s (HOTLINE_RETRY_BASE_MS) the delays
 * are 10 s, 20 s, 40 s … then 5 min each: over an hour of hotline outage loses no work order.
 */
export const HANDOVER_RETRIES = 20;
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * Does the rater's contact go to 12345 with the work order? Only a real-name rater agreed to be contacted by name
 * (art. 18), and only what they left; anonymous ones stay anonymous (art. 24).
 */
function handsOverContact(found: HandoverCase): boolean {
  return found.realName && Boolean(found.raterPhoneEncrypted ?? found.raterNameEncrypted);
}

/** Back-off before the next delivery after the attempt-th failure (1-based). */
export function handoverRetryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
}

/** 1 on the first delivery; the engine reports null retries then, and one fewer after each failure. */
export function attemptNumber(task: ExternalTask): number {
  return HANDOVER_RETRIES - (task.retries ?? HANDOVER_RETRIES) + 1;
}

/** When the case was handed over, as its timeline keeps it (the first delivery that got through). */
async function handoverTime(trx: Knex.Transaction, caseId: string, fallback: Date): Promise<Date> {
  const event = await trx('case_events')
    .where({ idempotency_key: `hotline-handover:${caseId}` })
    .first<{ occurred_at: Date } | undefined>('occurred_at');
  return event ? new Date(event.occurred_at) : fallback;
}

export function createWorker({
  db,
  protector,
  hotline,
  clock,
  planner,
}: Pick<WorkerDeps, 'db' | 'protector' | 'hotline' | 'clock' | 'planner'>): TopicWorker {
  const retryLater = (task: ExternalTask, message: string): Outcome => ({
    kind: 'failure',
    message,
    retryTimeoutMs: handoverRetryDelayMs(attemptNumber(task), hotline.retryBaseMs),
  });

  const contactOf = (found: HandoverCase) => {
    if (!handsOverContact(found)) return { raterRealName: null, raterPhone: undefined };
    return {
      raterRealName: found.raterNameEncrypted ? protector.decrypt(found.raterNameEncrypted) : null,
      raterPhone: found.raterPhoneEncrypted ? protector.decrypt(found.raterPhoneEncrypted) : undefined,
    };
  };

  return openCaseStepWorker(
    db,
    topic,
    lockDurationMs,
    async (caseId, task) => {
      const found = await loadHandoverCase(db, caseId);
      if (!found) return { kind: 'failure', message: `case ${caseId} not found` };
      if (!found.responsibleDepartmentId) {
        return { kind: 'failure', message: `case ${caseId} has no responsible unit yet (case-route first)` };
      }
      let workOrderNumber = found.workOrderNumber;
      let created = false;
      if (!workOrderNumber) {
        try {
          const receipt = await hotline.client.createWorkOrder({
            caseId,
            category: HOTLINE_CATEGORY,
            title: workOrderTitle(found),
            description: workOrderDescription(found),
            responsibleDepartment: found.responsibleDepartmentName,
            ...contactOf(found),
          });
          workOrderNumber = receipt.workOrderNumber;
          created = receipt.created;
        } catch (error: unknown) {
          return retryLater(task, errorMessage(error));
        }
      }
      const received = workOrderNumber;
      const now = clock();
      const stored = await db.transaction(async (trx) => {
        const number = await storeWorkOrderNumber(trx, caseId, received);
        await recordEvent(trx, {
          caseId,
          kind: 'hotline-handover',
          stage: 'hotline',
          // art. 24: the timeline says whether the rater's name and phone went to 12345 with the order.
          detail: {
            workOrderNumber: number,
            category: HOTLINE_CATEGORY,
            created,
            contactHandedOver: handsOverContact(found),
          },
          idempotencyKey: `hotline-handover:${caseId}`,
          occurredAt: now,
        });
        // The verification waited for 12345 (the task comes after this step): after a failed attempt, its
        // clock starts again when the handover went through, not when the case was routed. At the handover's
        // recorded time, so a redelivery hands the engine the same dates.
        const verify =
          attemptNumber(task) > 1
            ? await restartStageClock(trx, caseId, 'verify', planner, await handoverTime(trx, caseId, now))
            : undefined;
        return { number, verify };
      });
      return {
        kind: 'complete',
        variables: {
          hotlineWorkOrderNumber: stored.number,
          ...(stored.verify ? stageVariables(stored.verify) : {}),
        },
      };
    },
    { retries: HANDOVER_RETRIES },
  );
}
