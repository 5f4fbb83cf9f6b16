// When a partner platform says its rater rated (GB/T 39046 table 9: 评价时间). A platform that queues its
// ratings (an outage, a nightly push) sends them later than they were given; stamped with their arrival, a
// rating given inside its window would be refused as too late, and the ledger's time would be wrong. Written
// as ISO 8601 with its offset, or as GB/T 39046 writes it (YYYYMMDDThhmmss, Beijing time). Never later than now
// (a clock a few minutes ahead aside), never older than REPORTED_RATING_MAX_AGE_DAYS: a partner's backlog, not
// its archive. The rules of art. 10 then judge the rating at that time, as a paper form's date is judged.
import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { CALENDAR_ZONE } from '../calendar/shanghai-time.ts';
import { REPORTING_CLOCK_SKEW_MS } from './invitation.ts';

export const REPORTED_RATING_MAX_AGE_DAYS = 30;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const GB_T_39046 = /^\d{8}T\d{6}$/;

export function reportedRatingTime(text: string, now: Date): Date {
  const written = text.trim();
  const parsed = ISO_WITH_OFFSET.test(written)
    ? DateTime.fromISO(written, { setZone: true })
    : GB_T_39046.test(written)
      ? DateTime.fromFormat(written, "yyyyMMdd'T'HHmmss", { zone: CALENDAR_ZONE })
      : undefined;
  if (!parsed?.isValid) throw new DomainError('evaluation.rated_at_invalid', { ratedAt: written });
  const at = parsed.toJSDate();
  const tooLate = at.getTime() > now.getTime() + REPORTING_CLOCK_SKEW_MS;
  const tooOld = at.getTime() < now.getTime() - REPORTED_RATING_MAX_AGE_DAYS * 24 * 3_600_000;
  if (tooLate || tooOld) {
    throw new DomainError('evaluation.rated_at_out_of_range', {
      ratedAt: at.toISOString(),
      maxAgeDays: REPORTED_RATING_MAX_AGE_DAYS,
    });
  }
  return at;
}
