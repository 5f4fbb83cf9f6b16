// Calendar-date arithmetic on plain integers ("epoch days": days since 1970-01-01).
// Nothing here touches Date or the process time zone, so answers are the same under every TZ.

/** A calendar date written 'YYYY-MM-DD' (a day in Asia/Shanghai; no time, no zone). */
export type IsoDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date. */
export function epochDayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of epochDayFromCivil (Hinnant's civil_from_days). */
export function civilFromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 1970-01-01 (epoch day 0) was a Thursday. */
export function isoWeekdayOfEpochDay(epochDay: number): IsoWeekday {
  return (((((epochDay + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekendEpochDay(epochDay: number): boolean {
  return isoWeekdayOfEpochDay(epochDay) >= 6;
}

const ZERO = 48;
const HYPHEN = 45;

/** The digit at `index`, or −1 when the character is not 0–9. */
function digitAt(text: string, index: number): number {
  const value = text.charCodeAt(index) - ZERO;
  return value >= 0 && value <= 9 ? value : -1;
}

/**
 * Strict 'YYYY-MM-DD' that names a real day; undefined otherwise (2026-02-30, 2026-2-3, ' 2026-02-03').
 * Hand-rolled rather than a regular expression: it sits on the hot path of every working-day count.
 */
export function tryParseIsoDate(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length !== 10) return undefined;
  if (text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return undefined;
  let year = 0;
  for (let index = 0; index < 4; index += 1) {
    const digit = digitAt(text, index);
    if (digit < 0) return undefined;
    year = year * 10 + digit;
  }
  const [m1, m2, d1, d2] = [digitAt(text, 5), digitAt(text, 6), digitAt(text, 8), digitAt(text, 9)];
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return undefined;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return epochDayFromCivil(year, month, day);
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function formatCivil(date: CivilDate): IsoDate {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function formatEpochDay(epochDay: number): IsoDate {
  return formatCivil(civilFromEpochDay(epochDay));
}

export function yearOfEpochDay(epochDay: number): number {
  return civilFromEpochDay(epochDay).year;
}

const WEEKDAY_NAMES_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** '周一' … '周日', for messages to people. */
export function weekdayNameZh(epochDay: number): string {
  return WEEKDAY_NAMES_ZH[isoWeekdayOfEpochDay(epochDay)];
}
