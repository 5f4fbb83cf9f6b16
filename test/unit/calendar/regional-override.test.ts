// Regional override layers: their days off and working days win over the national calendar.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { RegionFile } from '../../../domain/calendar/index.ts';
import { calendarWithNotices, eachDate, realCalendarFiles } from './helpers.ts';

function fixture(name: string): RegionFile {
  return JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8')) as RegionFile;
}

describe('regional override layer', () => {
  const national = calendarWithNotices();
  const regional = calendarWithNotices(undefined, [fixture('region-local-day-off.json')]);

  it('given a local day off on Tuesday–Wednesday, when adding from Monday, then the local days are skipped', () => {
    assert.equal(national.addWorkingDays('2026-03-09', 1), '2026-03-10');
    assert.equal(regional.addWorkingDays('2026-03-09', 1), '2026-03-12');
    assert.equal(regional.workingDaysBetween('2026-03-09', '2026-03-13'), 2);
  });

  it('given a local working day inside 国庆, when asked, then the region wins over the national holiday', () => {
    assert.equal(national.isWorkingDay('2026-10-07'), false);
    assert.equal(regional.isWorkingDay('2026-10-07'), true);
    assert.equal(regional.addWorkingDays('2026-09-30', 1), '2026-10-07');
  });

  it('given a regional day, when explained, then the region and the reason are named', () => {
    assert.deepEqual(regional.explainDay('2026-03-10'), {
      date: '2026-03-10',
      working: false,
      provisional: false,
      rule: 'regional-day-off',
      label: '测试市：测试：重大活动期间临时放假',
    });
    assert.equal(regional.explainDay('2026-10-07').rule, 'regional-workday');
  });

  it("given the shipped Xi'an layer (no known local deviation), when applied, then no day of 2021–2026 changes", () => {
    const xian = realCalendarFiles().regional.find((region) => region.region === 'xian');
    assert.ok(xian, 'calendars/regions/xian.json is loaded');
    assert.deepEqual([xian.daysOff, xian.workdays], [[], []]);
    const withXian = calendarWithNotices(undefined, [xian]);
    const changed = eachDate('2021-01-01', '2026-12-31').filter(
      (date) => withXian.isWorkingDay(date) !== national.isWorkingDay(date),
    );
    assert.deepEqual(changed, []);
  });
});
