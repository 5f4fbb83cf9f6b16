// A notification as supervisors see it: the recipient only as its display form (a phone masked, never
// the stored or decrypted number), and a status instead of the outbox's columns.

export type NotificationStatus = 'queued' | 'sent' | 'failed-retrying';

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
  created_at: Date;
}

export function notificationStatus(
  row: Pick<NotificationListRow, 'sent_at' | 'attempts'>,
): NotificationStatus {
  if (row.sent_at) return 'sent';
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
    // When the dispatcher tries again; null once sent.
    nextAttemptAt: status === 'sent' ? null : row.available_at.toISOString(),
    sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}
