// The notification outbox's two entry points for workers and routes: enqueue a message inside the
// caller's own transaction (so the message commits with the state change it reports, or not at all),
// and find whom to tell. Sending is the dispatcher's business (dispatcher.ts), never the caller's.
import type { Executor } from '../db.ts';
import { maskPhone } from '../../domain/evaluation/masking.ts';
import { USER_ROLES } from '../../domain/organisation/roles.ts';

export type NotificationChannel = 'email' | 'sms';

export interface NewNotification {
  channel: NotificationChannel;
  /**
   * An e-mail address, a staff phone number, raterOfCase(caseId) for the rater's phone, or
   * applicantOfServiceRecord(id) for the phone the applicant of a 办件 gave (art. 10 reminders).
   */
  to: string;
  /** E-mail subject; for SMS it is kept for the record only (an SMS carries the body alone). */
  subject: string;
  body: string;
  caseId: string | null;
  /** The same key enqueues one message however often it is asked (workers run at least once). */
  idempotencyKey: string;
}

const RATER_OF_CASE = 'rater-of-case:';

/**
 * The rater of a case as an SMS recipient. The rater's phone is personal data that the rating keeps
 * encrypted; callers never decrypt it: the row gets the encrypted phone and its mask, and only the
 * dispatcher decrypts, at the moment of sending.
 */
export function raterOfCase(caseId: string): string {
  return `${RATER_OF_CASE}${caseId}`;
}

const APPLICANT_OF_SERVICE_RECORD = 'applicant-of-service-record:';

/** The applicant of a 办件 as an SMS recipient: encrypted like a rater's phone, decrypted only at sending. */
export function applicantOfServiceRecord(serviceRecordId: string): string {
  return `${APPLICANT_OF_SERVICE_RECORD}${serviceRecordId}`;
}

export class NotificationRecipientError extends Error {}

async function applicantRecipient(executor: Executor, n: NewNotification): Promise<StoredRecipient> {
  const id = n.to.slice(APPLICANT_OF_SERVICE_RECORD.length);
  if (n.channel !== 'sms') {
    throw new NotificationRecipientError(`an applicant is reached by SMS, not ${n.channel}`);
  }
  const record = await executor('service_records')
    .where({ id })
    .first<{ encrypted: string | null; masked: string | null } | undefined>(
      'applicant_phone_encrypted as encrypted',
      'applicant_phone_masked as masked',
    );
  if (!record?.encrypted) throw new NotificationRecipientError(`办件 ${id}: the applicant left no phone`);
  return { recipient: record.encrypted, recipient_encrypted: true, recipient_masked: record.masked ?? '***' };
}

interface StoredRecipient {
  recipient: string;
  recipient_encrypted: boolean;
  recipient_masked: string;
}

async function storedRecipient(executor: Executor, n: NewNotification): Promise<StoredRecipient> {
  if (n.to.startsWith(APPLICANT_OF_SERVICE_RECORD)) return applicantRecipient(executor, n);
  if (n.to.startsWith(RATER_OF_CASE)) {
    const caseId = n.to.slice(RATER_OF_CASE.length);
    if (n.channel !== 'sms') {
      throw new NotificationRecipientError(`a rater is reached by SMS, not ${n.channel}`);
    }
    const rater = await executor('case_ratings as cr')
      .where('cr.case_id', caseId)
      .first<{ encrypted: string | null; masked: string | null } | undefined>(
        'cr.rater_phone_encrypted as encrypted',
        'cr.rater_phone_masked as masked',
      );
    if (!rater?.encrypted) throw new NotificationRecipientError(`case ${caseId}: the rater left no phone`);
    return { recipient: rater.encrypted, recipient_encrypted: true, recipient_masked: rater.masked ?? '***' };
  }
  // Staff addresses come from `users` as entered. A wrong one fails at sending and shows as
  // failed-retrying to supervisors; refusing it here would fail the caller's case step instead.
  const to = n.to.trim();
  if (!to) throw new NotificationRecipientError('no recipient');
  const masked = n.channel === 'sms' ? maskPhone(to) : to;
  return { recipient: to, recipient_encrypted: false, recipient_masked: masked };
}

/**
 * Queues one message; a second call with the same idempotency key changes nothing (the first call's
 * content stands). Throws NotificationRecipientError when there is nobody to send to (no recipient, a
 * rater who left no phone): a caller's mistake, which its transaction should not commit.
 */
export async function enqueueNotification(executor: Executor, n: NewNotification): Promise<void> {
  const recipient = await storedRecipient(executor, n);
  await executor('notifications')
    .insert({
      channel: n.channel,
      ...recipient,
      subject: n.subject,
      body: n.body,
      case_id: n.caseId,
      idempotency_key: n.idempotencyKey,
    })
    .onConflict('idempotency_key')
    .ignore();
}

export interface Contact {
  userId: string;
  name: string;
  role: string;
  departmentId: string;
  email: string | null;
  phone: string | null;
}

/**
 * The users holding any of `roles`, working in `departmentId` when given (their home department or another
 * of theirs); supervisors, for one, belong to no unit they supervise: ask for them without a department. A misspelt role throws rather than
 * silently notifying nobody.
 */
export async function contactsOf(
  executor: Executor,
  { departmentId, roles }: { departmentId?: string; roles: readonly string[] },
): Promise<Contact[]> {
  const unknown = roles.filter((role) => !(USER_ROLES as readonly string[]).includes(role));
  if (unknown.length) throw new Error(`unknown user role(s): ${unknown.join(', ')}`);
  const query = executor('users').whereIn('role', roles).orderBy('id');
  // The departments they work in, their home one among them (user_departments, as their session reads it).
  if (departmentId !== undefined) {
    query.whereIn(
      'id',
      executor('user_departments').where({ department_id: departmentId }).select('user_id'),
    );
  }
  const rows = await query.select<
    {
      id: string;
      name: string;
      role: string;
      department_id: string;
      email: string | null;
      phone: string | null;
    }[]
  >('id', 'name', 'role', 'department_id', 'email', 'phone');
  return rows.map((row) => ({
    userId: row.id,
    name: row.name,
    role: row.role,
    departmentId: row.department_id,
    email: row.email,
    phone: row.phone,
  }));
}
