// Lunar → solar conversion and 清明, checked against official dates, the ICU Chinese calendar and astronomy.
import assert from 'node:assert/strict';
import {
  dragonBoatFestival,
  formatEpochDay,
  lunarNewYear,
  lunarNewYearsEve,
  lunarToSolar,
  midAutumnFestival,
  qingmingDay,
} from '../../../domain/calendar/index.ts';
import { qingmingBeijingMillis } from './solar-longitude.ts';

// Festival days inside the 2021–2026 notices' holiday blocks, and the next years' well-published dates.
// prettier-ignore
const SPRING_FESTIVALS: Record<number, string> = {
  2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29',
  2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03',
};
// prettier-ignore
const DRAGON_BOAT: Record<number, string> = {
  2021: '2021-06-14', 2022: '2022-06-03', 2023: '2023-06-22', 2024: '2024-06-10', 2025: '2025-05-31',
  2026: '2026-06-19', 2027: '2027-06-09',
};
// prettier-ignore
const MID_AUTUMN: Record<number, string> = {
  2021: '2021-09-21', 2022: '2022-09-10', 2023: '2023-09-29', 2024: '2024-09-17', 2025: '2025-10-06',
  2026: '2026-09-25', 2027: '2027-09-15',
};
// prettier-ignore
const QINGMING: Record<number, string> = {
  2021: '2021-04-04', 2022: '2022-04-05', 2023: '2023-04-05', 2024: '2024-04-04', 2025: '2025-04-04',
  2026: '2026-04-05', 2027: '2027-04-05',
};
// New moons within minutes of Beijing midnight, where ICU's approximate astronomy picks the neighbouring day;
// the official calendar (Purple Mountain Observatory) has 2027-02-06 and 2030-02-03, as the table does.
const ICU_KNOWN_OFF_BY_ONE = new Set(['2027 春节', '2030 春节']);

const icuChinese = new Intl.DateTimeFormat('en-u-ca-chinese', {
  timeZone: 'UTC',
  month: 'numeric',
  day: 'numeric',
});

function icuLunarMonthDay(isoDate: string): string {
  const parts = icuChinese.formatToParts(new Date(`${isoDate}T00:00:00Z`));
  const month = parts.find((part) => part.type === 'month')?.value;
  const day = parts.find((part) => part.type === 'day')?.value;
  return `${String(month)}-${String(day)}`;
}

describe('lunar calendar conversion', () => {
  for (const [table, compute, label] of [
    [SPRING_FESTIVALS, lunarNewYear, '春节 (正月初一)'],
    [DRAGON_BOAT, dragonBoatFestival, '端午 (五月初五)'],
    [MID_AUTUMN, midAutumnFestival, '中秋 (八月十五)'],
    [QINGMING, qingmingDay, '清明'],
  ] as const) {
    it(`given the years with published dates, when computing ${label}, then the dates match`, () => {
      for (const [year, expected] of Object.entries(table))
        assert.equal(formatEpochDay(compute(Number(year))), expected, year);
    });
  }

  it('given 春节 2027, when computing 除夕, then it is 2027-02-05', () => {
    assert.equal(formatEpochDay(lunarNewYearsEve(2027)), '2027-02-05');
    assert.equal(formatEpochDay(lunarNewYearsEve(2026)), '2026-02-16');
  });

  it('given every year 2000–2099, when comparing with the ICU Chinese calendar, then 春节, 端午 and 中秋 agree', () => {
    const disagreements: string[] = [];
    for (let year = 2000; year <= 2099; year += 1) {
      const checks: [string, number, string][] = [
        ['春节', lunarNewYear(year), '1-1'],
        ['端午', dragonBoatFestival(year), '5-5'],
        ['中秋', midAutumnFestival(year), '8-15'],
      ];
      for (const [name, epochDay, expected] of checks) {
        const icu = icuLunarMonthDay(formatEpochDay(epochDay));
        if (icu !== expected && !ICU_KNOWN_OFF_BY_ONE.has(`${year} ${name}`))
          disagreements.push(`${year} ${name}: ICU ${icu}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('given a leap month, when converting, then the leap month follows the regular month of that number', () => {
    // 2023 had 闰二月: 二月初一 2023-02-20, 闰二月初一 2023-03-22, 三月初一 2023-04-20.
    assert.equal(formatEpochDay(lunarToSolar(2023, 2, 1)), '2023-02-20');
    assert.equal(formatEpochDay(lunarToSolar(2023, 2, 1, true)), '2023-03-22');
    assert.equal(formatEpochDay(lunarToSolar(2023, 3, 1)), '2023-04-20');
    assert.throws(() => lunarToSolar(2024, 2, 1, true), RangeError);
  });

  it('given every year 2000–2099, when comparing 清明 with the astronomical instant (Beijing time), then the day agrees', () => {
    const disagreements: string[] = [];
    for (let year = 2000; year <= 2099; year += 1) {
      const instant = qingmingBeijingMillis(year);
      const minutesIntoDay = (((instant / 60_000) % 1440) + 1440) % 1440;
      // Within 20 minutes of midnight the low-accuracy series cannot decide; the formula is trusted there.
      if (minutesIntoDay < 20 || minutesIntoDay > 1420) continue;
      const astronomical = new Date(instant).toISOString().slice(0, 10);
      if (astronomical !== formatEpochDay(qingmingDay(year))) disagreements.push(`${year}: ${astronomical}`);
    }
    assert.deepEqual(disagreements, []);
  });
});
