// 记录未评 (art. 10): the rating window is over without a rating. 未评 is recorded as its own state in
// unrated_service_records — never as a rating: Xi'an has no default ratings (art. 11). A rating that came
// in while its message was still on the way counts; then nothing is recorded. The check and the record are
// made under the ledger lock, so no rating is appended between them; one judged before and appended after
// is refused by the ledger unless it was given within the window (migrations/20261209100000).
// The window may end later than the timer that brought this step: a holiday notice lengthened it while the
// engine could not be told (the move stays queued, infra/invitation-window-recompute.ts) and the overdue
// timer fired first. Then nothing is recorded and the process waits again, until the window's end as stored
// (ratingWindowOpen, windowClosesAt: evaluation-invitation.bpmn, whose input waitsAgainWhileOpen says so); an
// instance of an older version of the model, which cannot, has this task come back when the window ends.
import { invitationOf, isRated, recordUnrated } from '../infra/stores/invitation-store.ts';
import { lockLedger } from '../infra/stores/evaluation-store.ts';
import { keyedStepWorker, UNWATCHED_STEP_RETRIES } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'invitation-unrated';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return keyedStepWorker(
    topic,
    lockDurationMs,
    '办件 id',
    async (serviceRecordId, task) => {
      const invitation = await invitationOf(db, serviceRecordId);
      if (!invitation)
        return { kind: 'failure', message: `办件 ${serviceRecordId} has no invitation schedule` };
      const closes = invitation.window_closes_at;
      const now = clock();
      if (now.getTime() < closes.getTime() && !(await isRated(db, serviceRecordId))) {
        if (task.variable('waitsAgainWhileOpen') === true) {
          return { kind: 'complete', variables: { ratingWindowOpen: true, windowClosesAt: closes } };
        }
        // An instance of the model from before it could wait again: this task itself waits for the end.
        return {
          kind: 'failure',
          message: `办件 ${serviceRecordId}: its rating window is open until ${closes.toISOString()}`,
          retryTimeoutMs: closes.getTime() - now.getTime() + 1000,
          keepRetries: true,
        };
      }
      await db.transaction(async (trx) => {
        await lockLedger(trx);
        if (!(await isRated(trx, serviceRecordId))) {
          await recordUnrated(trx, serviceRecordId, closes, clock());
        }
      });
      return { kind: 'complete', variables: { ratingWindowOpen: false } };
    },
    { retries: UNWATCHED_STEP_RETRIES },
  );
}
