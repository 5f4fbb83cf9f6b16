// Chinese lunisolar calendar → Gregorian, for the statutory holidays of years without a State Council notice
// (春节 and 除夕, 端午 = 五月初五, 中秋 = 八月十五), and 清明 from the solar-term formula.
// Everything is integer arithmetic on epoch days; no Date, no time zone.
import { epochDayFromCivil } from './iso-date.ts';

// The standard lunar-month table for lunar years 1900–2100, as published in many open-source calendars
// (this copy matches chinese-days, MIT, src/solar_lunar/constants.ts). Each entry, read as bits:
//   bit 16      length of the leap month (1 = 30 days, 0 = 29) when there is one
//   bits 15..4  months 1..12, 1 = 30 days (大月), 0 = 29 days (小月)
//   bits 3..0   which month is followed by a leap month (0 = no leap month that year)
// The table is cross-checked in test/unit/calendar/lunar.test.ts against the ICU Chinese calendar and
// against known 春节/端午/中秋 dates.
// prettier-ignore
const LUNAR_INFO: readonly number[] = [
  0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2, // 1900–1909
  0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977, // 1910–1919
  0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970, // 1920–1929
  0x06566, 0x0d4a0, 0x0ea50, 0x06e95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950, // 1930–1939
  0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557, // 1940–1949
  0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0, // 1950–1959
  0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0, // 1960–1969
  0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6, // 1970–1979
  0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570, // 1980–1989
  0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x055c0, 0x0ab60, 0x096d5, 0x092e0, // 1990–1999
  0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5, // 2000–2009
  0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930, // 2010–2019
  0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530, // 2020–2029
  0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45, // 2030–2039
  0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0, // 2040–2049
  0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0, // 2050–2059
  0x0a2e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4, // 2060–2069
  0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0, // 2070–2079
  0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160, // 2080–2089
  0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252, // 2090–2099
  0x0d520, // 2100
];

export const FIRST_LUNAR_YEAR = 1900;
export const LAST_LUNAR_YEAR = 2100;

/** 正月初一 of lunar year 1900 was 1900-01-31. */
const LUNAR_EPOCH = epochDayFromCivil(1900, 1, 31);

function infoOf(lunarYear: number): number {
  if (!Number.isInteger(lunarYear) || lunarYear < FIRST_LUNAR_YEAR || lunarYear > LAST_LUNAR_YEAR) {
    throw new RangeError(`农历年份 ${lunarYear} 超出支持范围（${FIRST_LUNAR_YEAR}–${LAST_LUNAR_YEAR}）`);
  }
  return LUNAR_INFO[lunarYear - FIRST_LUNAR_YEAR] as number;
}

/** The month after which a leap month comes, or 0 when the lunar year has none. */
export function leapMonthOf(lunarYear: number): number {
  return infoOf(lunarYear) & 0xf;
}

function leapMonthLength(lunarYear: number): number {
  if (leapMonthOf(lunarYear) === 0) return 0;
  return infoOf(lunarYear) & 0x10000 ? 30 : 29;
}

/** Length of the regular (non-leap) month 1..12. */
export function lunarMonthLength(lunarYear: number, month: number): number {
  return infoOf(lunarYear) & (0x10000 >> month) ? 30 : 29;
}

function lunarYearLength(lunarYear: number): number {
  let days = leapMonthLength(lunarYear);
  for (let month = 1; month <= 12; month += 1) days += lunarMonthLength(lunarYear, month);
  return days;
}

// Epoch day of 正月初一 for every lunar year 1900–2101, computed once: lookups are then O(1).
const NEW_YEAR_EPOCH_DAYS: readonly number[] = (() => {
  const starts = [LUNAR_EPOCH];
  for (let year = FIRST_LUNAR_YEAR; year <= LAST_LUNAR_YEAR; year += 1) {
    starts.push((starts[starts.length - 1] as number) + lunarYearLength(year));
  }
  return starts;
})();

/** 正月初一 (春节) of the lunar year, as an epoch day. */
export function lunarNewYear(lunarYear: number): number {
  infoOf(lunarYear);
  return NEW_YEAR_EPOCH_DAYS[lunarYear - FIRST_LUNAR_YEAR] as number;
}

/** 除夕: the last day of 腊月, i.e. the eve of 正月初一 of the given lunar year (29th or 30th of 腊月). */
export function lunarNewYearsEve(lunarYear: number): number {
  return lunarNewYear(lunarYear) - 1;
}

/** Gregorian epoch day of a lunar date; `leap` asks for the leap month that follows `month`. */
export function lunarToSolar(lunarYear: number, month: number, day: number, leap = false): number {
  const leapMonth = leapMonthOf(lunarYear);
  if (!Number.isInteger(month) || month < 1 || month > 12 || (leap && leapMonth !== month)) {
    throw new RangeError(`农历 ${lunarYear} 年没有${leap ? '闰' : ''}${month}月`);
  }
  const monthLength = leap ? leapMonthLength(lunarYear) : lunarMonthLength(lunarYear, month);
  if (!Number.isInteger(day) || day < 1 || day > monthLength) {
    throw new RangeError(`农历 ${lunarYear} 年${leap ? '闰' : ''}${month}月没有${day}日`);
  }
  let offset = 0;
  for (let m = 1; m < month; m += 1) {
    offset += lunarMonthLength(lunarYear, m);
    if (m === leapMonth) offset += leapMonthLength(lunarYear);
  }
  // The leap month comes right after the regular month of the same number.
  if (leap) offset += lunarMonthLength(lunarYear, month);
  return lunarNewYear(lunarYear) + offset + day - 1;
}

/** 端午节: 五月初五. */
export function dragonBoatFestival(year: number): number {
  return lunarToSolar(year, 5, 5);
}

/** 中秋节: 八月十五. */
export function midAutumnFestival(year: number): number {
  return lunarToSolar(year, 8, 15);
}

/**
 * 清明 (the day the sun reaches ecliptic longitude 15°, Beijing time), from the usual solar-term formula
 * day = ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ with Y the last two digits of the year and C = 4.81 for 2000–2099.
 * The formula has no known exception for 清明 in 2000–2099 (checked against an astronomical computation).
 */
export function qingmingDay(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) {
    throw new RangeError(`清明日期只在 2000–2099 年之间计算，收到 ${year}`);
  }
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return epochDayFromCivil(year, 4, day);
}
