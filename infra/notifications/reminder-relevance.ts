// Is a reminder SMS (art. 10) still wanted at the moment it would be sent? One queued while the SMS gateway was
// down or not configured may go out days later: by then the 办件 may have been rated, or its window may be over
// (未评 recorded), and "请于…前评价" would tell the applicant a date already past. The dispatcher withdraws such a
// row instead, keeping why (infra/notifications/dispatcher.ts).
import { reminderTargetOf } from './reminder-keys.ts';
import type { Executor } from '../db.ts';

export const REMINDER_NO_LONGER_WANTED = {
  rated: '办件已评价，评价提醒不再发送',
  windowOver: '评价期已结束，评价提醒不再发送',
} as const;

/**
 * Why the notification keyed `idempotencyKey` is no longer to be sent, or null when it is (any notification
 * but a reminder; a reminder while one of the 办件 it names still waits for a rating within its window).
 */
export async function reminderWithdrawalReason(
  executor: Executor,
  idempotencyKey: string,
  now: Date,
): Promise<string | null> {
  const target = reminderTargetOf(idempotencyKey);
  if (!target) return null;
  const [column, value] =
    'serviceRecordId' in target ? ['sr.id', target.serviceRecordId] : ['sr.batch_id', target.batchId];
  // A batch's reminder speaks for the 办件 whose windows end the day it names.
  const windowDate = 'windowDate' in target ? target.windowDate : undefined;
  const sameWindow = windowDate
    ? ` and to_char(i.window_closes_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') = ?`
    : '';
  const result = await executor.raw<{ rows: { invited: number; rated: number; open: number }[] }>(
    `select count(*)::int as invited,
            count(*) filter (where rated.is_rated)::int as rated,
            count(*) filter (where not rated.is_rated and u.service_record_id is null
                               and i.window_closes_at > ?)::int as open
       from service_records sr
       join evaluation_invitations i on i.service_record_id = sr.id
       left join unrated_service_records u on u.service_record_id = sr.id
       cross join lateral (select exists (select 1 from service_record_ratings r
                                           where r.service_record_id = sr.id and r.target = 'service') as is_rated) rated
      where ${column} = ?${sameWindow}`,
    windowDate ? [now, value, windowDate] : [now, value],
  );
  const counts = result.rows[0]!;
  if (counts.invited === 0 || counts.open > 0) return null;
  return counts.rated > 0 ? REMINDER_NO_LONGER_WANTED.rated : REMINDER_NO_LONGER_WANTED.windowOver;
}
