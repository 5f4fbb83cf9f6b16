// 短信提醒评价 (art. 10): 24 hours after completion and still no rating, the applicant gets an SMS asking for a
// rating within 5 working days, with the link to its rating page (its SMS 评价码 in the address, so a rating by
// it is stored as by SMS). Nothing is sent when the 办件 was rated meanwhile (the message may not have reached
// the engine yet) or when the applicant left no phone; the reason is kept. One sent later than it fell due
// (the engine or the database was down) counts the five working days from when it is sent
// (windowOfLateReminder). The 办件 of a batch whose windows end the same day get one SMS between them
// (reminderKeys); a queued one no longer wanted when its turn comes is withdrawn by the dispatcher
// (infra/notifications/reminder-relevance.ts). It hands the engine the window as stored now: a holiday notice
// loaded since the schedule was computed may have moved it (infra/invitation-window-recompute.ts), and the
// window's timer is created right after this task from windowClosesAt.
import { reminderSms, windowOfLateReminder } from '../domain/evaluation/invitation.ts';
import { ratingPageUrl } from '../domain/evaluation/rating-links.ts';
import { applicantOfServiceRecord, enqueueNotification } from '../infra/notifications/outbox.ts';
import {
  completionOf,
  invitationOf,
  isRated,
  lengthenWindow,
  markReminded,
  markReminderSkipped,
  type ReminderSkipped,
} from '../infra/stores/invitation-store.ts';
import { keyedStepWorker, UNWATCHED_STEP_RETRIES } from './adapter.ts';
import { phoneLookup } from '../domain/fraud/phone.ts';
import {
  batchReminderKeyOf,
  legacyBatchReminderKeyOf,
  reminderKeyOf,
} from '../infra/notifications/reminder-keys.ts';
import type { Executor } from '../infra/db.ts';
import type { Protector } from '../infra/protector.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'invitation-reminder';
export const lockDurationMs = 30_000;

/**
 * One reminder per occasion: the 办件 of a batch (art. 9: one rating applies to all) whose windows end the same
 * day share one SMS to the same phone — the first of them to fall due sends it, the rest are marked reminded by
 * it; one completed later, with a window of its own, gets its own. The phone is keyed by its lookup hash in its
 * normal form: two phones that only look alike masked get one each.
 */
function reminderKeys(
  serviceRecordId: string,
  completion: { batchId: string | null; applicantPhoneEncrypted: string | null } | undefined,
  windowClosesAt: Date,
  protector: Pick<Protector, 'decrypt' | 'lookupHash'>,
): { key: string; legacyKey?: string } {
  if (!completion?.batchId || !completion.applicantPhoneEncrypted)
    return { key: reminderKeyOf(serviceRecordId) };
  const phone =
    phoneLookup(protector.decrypt(completion.applicantPhoneEncrypted), protector.lookupHash) ?? '';
  return {
    key: batchReminderKeyOf(completion.batchId, phone, windowClosesAt),
    legacyKey: legacyBatchReminderKeyOf(completion.batchId, phone),
  };
}

/**
 * A batch's reminder queued in the last day under the key batches had before the window's date was in it:
 * the 办件 of the batch completed that day share it, as they would have before (a deployment mid-day).
 */
async function sharedUnderLegacyKey(trx: Executor, legacyKey: string | undefined, now: Date) {
  if (!legacyKey) return false;
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const row = await trx('notifications')
    .where({ idempotency_key: legacyKey })
    .where('created_at', '>', since)
    .first('id');
  return row !== undefined;
}

export function createWorker({
  db,
  clock,
  calendars,
  protector,
  publicBaseUrl,
  smsRepliesAccepted = false,
}: WorkerDeps): TopicWorker {
  return keyedStepWorker(
    topic,
    lockDurationMs,
    '办件 id',
    async (serviceRecordId) => {
      const stored = await invitationOf(db, serviceRecordId);
      if (!stored) return { kind: 'failure', message: `办件 ${serviceRecordId} has no invitation schedule` };
      const now = clock();
      const rated = await isRated(db, serviceRecordId);
      // The 办件's phone and batch are read only for a reminder that may go out.
      const applicant = rated ? undefined : await completionOf(db, serviceRecordId);
      const skipped: ReminderSkipped | undefined = rated
        ? 'rated'
        : applicant?.applicantPhoneEncrypted
          ? undefined
          : 'no-phone';
      let invitation = stored;
      if (skipped) {
        await markReminderSkipped(db, serviceRecordId, skipped);
      } else {
        // Sent later than it fell due (an outage): the rater still gets five working days from now.
        const late =
          stored.reminded_at === null
            ? windowOfLateReminder(
                await calendars.current(),
                { windowClosesAt: stored.window_closes_at },
                now,
              )
            : undefined;
        await db.transaction(async (trx) => {
          if (late) {
            await lengthenWindow(trx, serviceRecordId, now, late);
            invitation = (await invitationOf(trx, serviceRecordId))!;
          }
          const keys = reminderKeys(serviceRecordId, applicant, invitation.window_closes_at, protector);
          if (!(await sharedUnderLegacyKey(trx, keys.legacyKey, now)))
            await enqueueNotification(trx, {
              channel: 'sms',
              to: applicantOfServiceRecord(serviceRecordId),
              subject: '评价提醒',
              body: reminderSms(serviceRecordId, invitation.window_closes_at, {
                repliesAccepted: smsRepliesAccepted,
                ratingUrl: ratingPageUrl(publicBaseUrl, {
                  serviceRecordId,
                  ratingCode: protector.smsRatingCode(serviceRecordId),
                }),
              }),
              caseId: null,
              idempotencyKey: keys.key,
            });
          await markReminded(trx, serviceRecordId, now);
        });
      }
      return {
        kind: 'complete',
        variables: {
          windowClosesAt: invitation.window_closes_at,
          windowProvisional: invitation.window_provisional,
        },
      };
    },
    { retries: UNWATCHED_STEP_RETRIES },
  );
}
