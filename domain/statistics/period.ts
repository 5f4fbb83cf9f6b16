// The period published figures cover (art. 25) and units are ranked over (art. 26–28): a calendar month in
// Beijing time, [its first day 00:00, the next month's first day 00:00) in Asia/Shanghai, whatever the
// server's zone.
import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { CALENDAR_ZONE, toShanghaiDateTime } from '../calendar/shanghai-time.ts';

export interface StatisticsPeriod {
  /** "2026-11" */
  month: string;
  /** "2026年11月" */
  label: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** No rating system ran before this; an earlier month is a typing error. */
const FIRST_YEAR = 2019;

function periodStarting(start: DateTime): StatisticsPeriod {
  return {
    month: start.toFormat('yyyy-LL'),
    label: start.toFormat("yyyy'年'M'月'"),
    from: start.toJSDate(),
    to: start.plus({ months: 1 }).toJSDate(),
  };
}

/** The month `text` names ("2026-11"); none given: the month `now` is in, in Beijing time. */
export function monthPeriod(text: string | undefined, now: Date): StatisticsPeriod {
  if (text === undefined) {
    return periodStarting(toShanghaiDateTime(now).startOf('month'));
  }
  const match = MONTH.exec(text);
  const year = match ? Number(match[1]) : NaN;
  if (!match || year < FIRST_YEAR) throw new DomainError('statistics.bad_month', { month: text });
  const start = DateTime.fromObject({ year, month: Number(match[2]), day: 1 }, { zone: CALENDAR_ZONE });
  if (start.toJSDate() > now) throw new DomainError('statistics.future_month', { month: text });
  return periodStarting(start);
}

/** The month before. */
export function previousPeriod(period: StatisticsPeriod): StatisticsPeriod {
  return periodStarting(toShanghaiDateTime(period.from).minus({ months: 1 }));
}
