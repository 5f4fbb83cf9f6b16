// Our 2021–2026 data against the npm package chinese-days, an independent transcription of the same notices.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { calendarWithNotices, eachDate, realCalendarFiles, runScriptUnderTimeZone } from './helpers.ts';

const FIRST_YEAR = 2021;
const LAST_YEAR = 2026;

interface ChineseDaysYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function chineseDaysYearFile(year: number): ChineseDaysYear {
  const packageDir = dirname(createRequire(import.meta.url).resolve('chinese-days/package.json'));
  return JSON.parse(
    readFileSync(join(packageDir, 'dist', 'years', `${year}.json`), 'utf8'),
  ) as ChineseDaysYear;
}

describe('calendar data 2021–2026 checked against chinese-days', function () {
  this.timeout(60_000);

  it('given every day 2021-01-01..2026-12-31, when both are asked, then isWorkingDay equals chinese-days isWorkday', () => {
    const probe = JSON.parse(runScriptUnderTimeZone('chinese-days-probe.ts', 'Asia/Shanghai')) as {
      timeZone: string;
      flags: string;
    };
    assert.equal(probe.timeZone, 'Asia/Shanghai');
    const calendar = calendarWithNotices();
    const dates = eachDate(`${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`);
    assert.equal(probe.flags.length, dates.length);
    const mismatches = dates.filter(
      (date, index) => calendar.isWorkingDay(date) !== (probe.flags[index] === '1'),
    );
    assert.deepEqual(mismatches, []);
  });

  it('given the notices, when listing holiday days and make-up days, then both sets equal chinese-days data', () => {
    const ours = { holidays: new Set<string>(), workdays: new Set<string>() };
    for (const notice of realCalendarFiles().national.filter(
      (n) => n.year >= FIRST_YEAR && n.year <= LAST_YEAR,
    )) {
      for (const holiday of notice.holidays)
        for (const date of eachDate(holiday.from, holiday.to)) ours.holidays.add(date);
      for (const makeup of notice.makeupWorkdays) ours.workdays.add(makeup.date);
    }
    const theirs = { holidays: new Set<string>(), workdays: new Set<string>() };
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
      const data = chineseDaysYearFile(year);
      Object.keys(data.holidays).forEach((date) => theirs.holidays.add(date));
      Object.keys(data.workdays).forEach((date) => theirs.workdays.add(date));
    }
    // chinese-days files 2022-12-31 (from the 2023 notice) under 2022; ours keeps it in cn/2023.json.
    assert.deepEqual([...ours.holidays].sort(), [...theirs.holidays].sort());
    assert.deepEqual([...ours.workdays].sort(), [...theirs.workdays].sort());
  });
});
