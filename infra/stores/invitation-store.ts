// The art. 10 invitation of a 办件 in PostgreSQL: its schedule, whether the 办件 was rated meanwhile, the
// reminder, and 未评. Every write is keyed by the 办件 id: workers run at least once.
import type { Db, Executor } from '../db.ts';
import {
  START_SKIPPED_AS_RATED,
  startOrderKey,
  type InvitationSchedule,
} from '../../domain/evaluation/invitation.ts';
import { ANY_OF_TEXT_LIST, textArrayLiteral } from './text-array.ts';

export interface InvitationRow {
  service_record_id: string;
  completed_at: Date;
  reminder_at: Date;
  window_closes_at: Date;
  window_provisional: boolean;
  reminded_at: Date | null;
  reminder_skipped: string | null;
}

/** Why no reminder was sent; 'window-over' only in rows written before a late reminder got a window of its own. */
export type ReminderSkipped = 'rated' | 'no-phone' | 'window-over';

export async function completionOf(db: Executor, serviceRecordId: string) {
  const row = await db('service_records').where({ id: serviceRecordId }).first<
    | {
        completed_at: Date | null;
        applicant_phone_encrypted: string | null;
        batch_id: string | null;
      }
    | undefined
  >('completed_at', 'applicant_phone_encrypted', 'batch_id');
  return (
    row && {
      completedAt: row.completed_at,
      applicantPhoneEncrypted: row.applicant_phone_encrypted,
      batchId: row.batch_id,
    }
  );
}

/**
 * The 办件 among `ids` whose invitation process was started: its one start order ran and did not find the
 * 办件 rated. Only such an invitation waits for the message that its 办件 was rated; a 办件 without a start
 * order was never reported completed, and a pending start order will see the rating and not start.
 */
export async function startedInvitations(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await db.raw<{ rows: { service_record_id: string }[] }>(
    `select service_record_id from invitation_outbox
      where key = ${ANY_OF_TEXT_LIST} and processed_at is not null and last_error is distinct from ?`,
    [textArrayLiteral(ids.map(startOrderKey)), START_SKIPPED_AS_RATED],
  );
  return new Set(result.rows.map((row) => row.service_record_id));
}

export function invitationOf(db: Executor, serviceRecordId: string): Promise<InvitationRow | undefined> {
  return db('evaluation_invitations').where({ service_record_id: serviceRecordId }).first<InvitationRow>();
}

/** Stores the schedule once; a repeated delivery gets the first one back, so the timers never move. */
export async function storeSchedule(
  db: Db,
  serviceRecordId: string,
  completedAt: Date,
  schedule: InvitationSchedule,
  now: Date,
): Promise<InvitationRow> {
  await db('evaluation_invitations')
    .insert({
      service_record_id: serviceRecordId,
      completed_at: completedAt,
      reminder_at: schedule.reminderAt,
      window_closes_at: schedule.windowClosesAt,
      window_provisional: schedule.windowProvisional,
      scheduled_at: now,
    })
    .onConflict('service_record_id')
    .ignore();
  const stored = await invitationOf(db, serviceRecordId);
  if (!stored) throw new Error(`办件 ${serviceRecordId}: invitation schedule not stored`);
  return stored;
}

/** Was the 办件's service rated (its own rating, its batch's or its theme's)? A platform rating is not that. */
export async function isRated(db: Executor, serviceRecordId: string): Promise<boolean> {
  const rating = await db('service_record_ratings')
    .where({ service_record_id: serviceRecordId, target: 'service' })
    .first();
  return rating !== undefined;
}

/**
 * A reminder sent late (art. 10): its moment becomes the reminder's, and the window counted from it, with
 * whether it is provisional — a holiday notice recomputes a provisional window from the reminder's moment.
 */
export async function lengthenWindow(
  db: Executor,
  serviceRecordId: string,
  sentAt: Date,
  window: { windowClosesAt: Date; windowProvisional: boolean },
): Promise<void> {
  await db('evaluation_invitations')
    .where({ service_record_id: serviceRecordId })
    .where('window_closes_at', '<', window.windowClosesAt)
    .update({
      reminder_at: sentAt,
      window_closes_at: window.windowClosesAt,
      window_provisional: window.windowProvisional,
    });
}

export async function markReminded(db: Executor, serviceRecordId: string, at: Date): Promise<void> {
  await db('evaluation_invitations')
    .where({ service_record_id: serviceRecordId })
    .whereNull('reminded_at')
    .whereNull('reminder_skipped')
    .update({ reminded_at: at });
}

export async function markReminderSkipped(
  db: Executor,
  serviceRecordId: string,
  reason: ReminderSkipped,
): Promise<void> {
  await db('evaluation_invitations')
    .where({ service_record_id: serviceRecordId })
    .whereNull('reminded_at')
    .whereNull('reminder_skipped')
    .update({ reminder_skipped: reason });
}

/** 未评: its own row, never a rating (art. 10; art. 11: no default ratings). */
export async function recordUnrated(
  db: Executor,
  serviceRecordId: string,
  windowClosedAt: Date,
  now: Date,
): Promise<void> {
  await db('unrated_service_records')
    .insert({ service_record_id: serviceRecordId, window_closed_at: windowClosedAt, recorded_at: now })
    .onConflict('service_record_id')
    .ignore();
}
