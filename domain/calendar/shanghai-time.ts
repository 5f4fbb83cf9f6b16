// The only place that turns instants into calendar days and back. Always zone Asia/Shanghai, explicitly,
// so the process time zone (TZ) never changes an answer.
import { DateTime } from 'luxon';
import { CalendarUsageError } from './errors.ts';
import type { InstantInput, IsoDate } from './types.ts';

export const CALENDAR_ZONE = 'Asia/Shanghai';

/**
 * Reads an instant in zone Asia/Shanghai. ISO strings with an offset or Z keep their instant; strings without
 * one are Shanghai wall-clock time ('2026-02-12' is the start of that day in Shanghai).
 */
export function toShanghaiDateTime(input: InstantInput): DateTime {
  let value: DateTime;
  if (DateTime.isDateTime(input)) value = input.setZone(CALENDAR_ZONE);
  else if (input instanceof Date) value = DateTime.fromJSDate(input, { zone: CALENDAR_ZONE });
  else if (typeof input === 'string') value = DateTime.fromISO(input, { zone: CALENDAR_ZONE });
  else value = DateTime.invalid('unsupported input');
  if (!value.isValid) {
    throw new CalendarUsageError(
      'calendar.invalid_instant',
      `「${String(input)}」不是有效的时间：请使用 ISO 8601 格式，例如 2026-02-12T10:00:00+08:00`,
    );
  }
  return value;
}

/** An instant as people here read it: 2026-12-01 23:59:59, Beijing time. */
export function shanghaiDateTimeText(input: InstantInput): string {
  return toShanghaiDateTime(input).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** A date as raters read it: 2026年11月27日, Beijing time. */
export function shanghaiDateText(input: InstantInput): string {
  return toShanghaiDateTime(input).toFormat('yyyy年M月d日');
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDateOf(input: InstantInput): IsoDate {
  return toShanghaiDateTime(input).toFormat('yyyy-MM-dd');
}

function atShanghaiTime(date: IsoDate, hour: number, minute: number, second: number): DateTime {
  const [year, month, day] = date.split('-').map(Number);
  return DateTime.fromObject(
    { year, month, day, hour, minute, second, millisecond: 0 },
    { zone: CALENDAR_ZONE },
  );
}

/** 23:59:59 +08:00 of the day: deadlines have second precision. */
export function endOfShanghaiDay(date: IsoDate): DateTime {
  return atShanghaiTime(date, 23, 59, 59);
}

/** 00:00:00 +08:00 of the day. */
export function startOfShanghaiDay(date: IsoDate): DateTime {
  return atShanghaiTime(date, 0, 0, 0);
}
