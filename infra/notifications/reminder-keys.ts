// The idempotency keys of art. 10's reminder SMS (workers/invitation-reminder.ts), and what a key names, so the
// dispatcher can ask at the moment of sending whether the reminder is still wanted (./reminder-relevance.ts).
import { shanghaiDateOf } from '../../domain/calendar/shanghai-time.ts';

const PREFIX = 'evaluation-reminder:';
const BATCH_PREFIX = `${PREFIX}batch:`;

/** The reminder of one 办件. */
export function reminderKeyOf(serviceRecordId: string): string {
  return `${PREFIX}${serviceRecordId}`;
}

/**
 * The one reminder the 办件 of a batch share (art. 9: one rating applies to all) when sent to the same phone
 * (`phoneLookup`: its lookup hash) with the same end of window: a 办件 of the batch completed weeks later has a
 * window of its own and gets an SMS of its own, not the old one's, long past.
 */
export function batchReminderKeyOf(batchId: string, phoneLookup: string, windowClosesAt: Date): string {
  return `${BATCH_PREFIX}${batchId}:${phoneLookup}:${shanghaiDateOf(windowClosesAt)}`;
}

/** A batch's reminder names the day its windows end (windowDate, YYYY-MM-DD), unless written before that was in its key. */
export type ReminderTarget = { serviceRecordId: string } | { batchId: string; windowDate?: string };

/** The key a batch's reminder had before the window's date was part of it (a deployment's older rows). */
export function legacyBatchReminderKeyOf(batchId: string, phoneLookup: string): string {
  return `${BATCH_PREFIX}${batchId}:${phoneLookup}`;
}

/**
 * What a reminder's key names; undefined for any other notification. A batch's key written before the
 * window's date was part of it (evaluation-reminder:batch:<batch>:<phone>) is read too.
 */
export function reminderTargetOf(idempotencyKey: string): ReminderTarget | undefined {
  if (!idempotencyKey.startsWith(PREFIX)) return undefined;
  if (!idempotencyKey.startsWith(BATCH_PREFIX)) {
    return { serviceRecordId: idempotencyKey.slice(PREFIX.length) };
  }
  const rest = idempotencyKey.slice(BATCH_PREFIX.length);
  const dated = /:(\d{4}-\d{2}-\d{2})$/.exec(rest);
  const withoutDate = dated ? rest.slice(0, dated.index) : rest;
  const phoneAt = withoutDate.lastIndexOf(':');
  if (phoneAt <= 0) return undefined;
  const batchId = withoutDate.slice(0, phoneAt);
  return dated ? { batchId, windowDate: dated[1]! } : { batchId };
}
