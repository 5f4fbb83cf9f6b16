// A notification as supervisors see it: the recipient only as its display form (a phone masked, never
// the stored or decrypted number), and a status instead of the outbox's columns.

export type NotificationStatus = 'queued' | 'sent' | 'failed-retrying' | 'withdrawn';

export interface NotificationListRow {
  id: string;
  channel: 'email' | 'sms';
  recipient_masked: string;
  subject: string;
  body: string;
  case_id: string | null;
  attempts: number;
  available_at: Date;
  sent_at: Date | null;
  last_error: string | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  created_at: Date;
}

export function notificationStatus(
  row: Pick<NotificationListRow, 'sent_at' | 'attempts' | 'withdrawn_at'>,
): NotificationStatus {
  if (row.sent_at) return 'sent';
  if (row.withdrawn_at) return 'withdrawn';
  return row.attempts > 0 ? 'failed-retrying' : 'queued';
}

export function presentNotification(row: NotificationListRow) {
  const status = notificationStatus(row);
  return {
    id: Number(row.id),
    caseId: row.case_id,
    channel: row.channel,
    recipient: row.recipient_masked,
    subject: row.subject,
    body: row.body,
    status,
    attempts: row.attempts,
    lastError: row.last_error,
    // When the dispatcher tries again; null once sent or withdrawn.
    nextAttemptAt: status === 'sent' || status === 'withdrawn' ? null : row.available_at.toISOString(),
    // Why a message no longer wanted when its turn came was not sent (a reminder of a 办件 rated meanwhile).
    withdrawnReason: row.withdrawn_reason,
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}
