// 计算评价时限 (art. 10): the reminder 24 hours after completion (at once for a completion reported later than that),
// and the end of the rating window, the 5th working day after the reminder's date under the calendar in force
// (provisional when it reaches a year without a loaded notice). Stored once; the engine's two timers wait on the
// dates.
import { invitationSchedule } from '../domain/evaluation/invitation.ts';
import { completionOf, invitationOf, storeSchedule } from '../infra/stores/invitation-store.ts';
import { keyedStepWorker, UNWATCHED_STEP_RETRIES } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'invitation-schedule';
export const lockDurationMs = 30_000;

export function createWorker({ db, calendars, clock }: WorkerDeps): TopicWorker {
  return keyedStepWorker(
    topic,
    lockDurationMs,
    '办件 id',
    async (serviceRecordId) => {
      let row = await invitationOf(db, serviceRecordId);
      if (!row) {
        const record = await completionOf(db, serviceRecordId);
        if (!record?.completedAt) {
          return { kind: 'failure', message: `办件 ${serviceRecordId} is unknown or not completed` };
        }
        // A completion reported late is reminded now, with its whole window ahead (art. 10).
        const now = clock();
        const schedule = invitationSchedule(await calendars.current(), record.completedAt, now);
        row = await storeSchedule(db, serviceRecordId, record.completedAt, schedule, now);
      }
      return {
        kind: 'complete',
        variables: {
          reminderAt: row.reminder_at,
          windowClosesAt: row.window_closes_at,
          windowProvisional: row.window_provisional,
        },
      };
    },
    { retries: UNWATCHED_STEP_RETRIES },
  );
}
