// Statutory days off per 《全国年节及纪念日放假办法》, used for years whose State Council notice is not
// loaded (yet). Only the days the 办法 itself names: no 调休 shifts, no make-up working days, no 补休 for a
// festival falling on a weekend; those come only with the year's notice. Results are always provisional.
import { dragonBoatFestival, lunarNewYear, midAutumnFestival, qingmingDay } from './lunar.ts';
import { epochDayFromCivil } from './iso-date.ts';

export interface StatutoryDayOff {
  /** Epoch day (days since 1970-01-01). */
  epochDay: number;
  /** Festival name as the 办法 writes it. */
  name: string;
}

/** Which version of the 办法 governs a year, and its rules. */
export interface HolidayRuleVersion {
  /** First calendar year the version governs (versions take effect on 1 January). */
  firstYear: number;
  /** The State Council decree that made this version. */
  source: string;
  /** Spring Festival: offset of the first day from 正月初一 (−1 = 除夕) and the number of days. */
  springFestival: { firstOffset: number; days: number };
  /** Labour Day: number of days from 1 May. */
  labourDayDays: number;
  /** Whether 清明, 端午 and 中秋 are days off (they are since 2008). */
  traditionalFestivals: boolean;
}

// Newest first. Each revision changed only these points; 元旦 (1 day) and 国庆 (1–3 Oct) never changed.
export const HOLIDAY_RULE_VERSIONS: readonly HolidayRuleVersion[] = [
  {
    firstYear: 2025,
    source: '国务院令第795号（2024年11月10日修订，2025年1月1日起施行）',
    springFestival: { firstOffset: -1, days: 4 },
    labourDayDays: 2,
    traditionalFestivals: true,
  },
  {
    firstYear: 2014,
    source: '国务院令第644号（2013年12月11日修订，2014年1月1日起施行）',
    springFestival: { firstOffset: 0, days: 3 },
    labourDayDays: 1,
    traditionalFestivals: true,
  },
  {
    firstYear: 2008,
    source: '国务院令第513号（2007年12月14日修订，2008年1月1日起施行）',
    springFestival: { firstOffset: -1, days: 3 },
    labourDayDays: 1,
    traditionalFestivals: true,
  },
  {
    firstYear: 2000,
    source: '国务院令第270号（1999年9月18日修订）',
    springFestival: { firstOffset: 0, days: 3 },
    labourDayDays: 3,
    traditionalFestivals: false,
  },
];

export function holidayRuleVersionFor(year: number): HolidayRuleVersion {
  const version = HOLIDAY_RULE_VERSIONS.find((candidate) => year >= candidate.firstYear);
  if (version === undefined) throw new RangeError(`${year} 年早于支持的放假办法版本（2000 年起）`);
  return version;
}

function run(name: string, firstDay: number, days: number): StatutoryDayOff[] {
  return Array.from({ length: days }, (_, index) => ({ epochDay: firstDay + index, name }));
}

/** Every statutory day off of a Gregorian year (2000–2099), in date order. */
export function statutoryDaysOff(year: number): StatutoryDayOff[] {
  const rules = holidayRuleVersionFor(year);
  const springFestivalStart = lunarNewYear(year) + rules.springFestival.firstOffset;
  const days: StatutoryDayOff[] = [
    ...run('元旦', epochDayFromCivil(year, 1, 1), 1),
    ...run('春节', springFestivalStart, rules.springFestival.days),
    ...run('劳动节', epochDayFromCivil(year, 5, 1), rules.labourDayDays),
    ...run('国庆节', epochDayFromCivil(year, 10, 1), 3),
  ];
  if (rules.traditionalFestivals) {
    days.push(
      ...run('清明节', qingmingDay(year), 1),
      ...run('端午节', dragonBoatFestival(year), 1),
      ...run('中秋节', midAutumnFestival(year), 1),
    );
  }
  // 中秋 can fall on 1–3 Oct (2001, 2020, 2031 …): keep one entry per day, the first name wins.
  const byDay = new Map<number, StatutoryDayOff>();
  for (const day of days) if (!byDay.has(day.epochDay)) byDay.set(day.epochDay, day);
  return [...byDay.values()].sort((a, b) => a.epochDay - b.epochDay);
}
