// Notices loaded at runtime over the calendars/ files: what replaces what, and a load refused for
// contradicting another file even though it is valid on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  checkCalendarWithLoad,
  createWorkingCalendar,
  overlayCalendarData,
  readCalendarFile,
  type LabelledCalendarData,
  type LoadedCalendarFile,
  type RegionFile,
} from '../../../domain/calendar/index.ts';
import { realNotice } from './helpers.ts';

function regionFixture(): RegionFile {
  return JSON.parse(
    readFileSync(new URL('fixtures/region-local-day-off.json', import.meta.url), 'utf8'),
  ) as RegionFile;
}

function base(): LabelledCalendarData {
  return {
    national: [realNotice(2025), realNotice(2026)],
    regional: [regionFixture()],
    labels: { national: ['cn/2025.json', 'cn/2026.json'], regional: ['regions/test.json'] },
  };
}

function read(data: unknown, label: string): LoadedCalendarFile {
  const result = readCalendarFile(data, label);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.value;
}

describe('notices loaded at runtime over the files', () => {
  it('given a loaded notice for a year with a file, when overlaid, then the load replaces that file', () => {
    const corrected = realNotice(2026);
    corrected.holidays = corrected.holidays.filter((holiday) => holiday.name !== '端午节');
    const merged = overlayCalendarData(base(), [read(corrected, '已载入 #1')]);
    assert.deepEqual(merged.labels.national, ['cn/2025.json', '已载入 #1']);
    assert.equal(
      createWorkingCalendar(merged).isWorkingDay('2026-06-19'),
      true,
      '端午 is gone with the correction',
    );
  });

  it('given a loaded regional layer, when overlaid, then it replaces the file of its region in place', () => {
    const layer = { ...regionFixture(), daysOff: [] };
    const merged = overlayCalendarData(base(), [read(layer, '已载入 #2')]);
    assert.deepEqual(merged.labels.regional, ['已载入 #2']);
    assert.equal(createWorkingCalendar(merged).isWorkingDay('2026-03-10'), true);
  });

  it('given a file with a "$schema" pointer, when read, then the stored copy goes without it', () => {
    const file = read({ $schema: '../schema.json', ...realNotice(2026) }, 'cn-2026');
    assert.equal('$schema' in file.content, false);
    assert.equal(file.kind, 'notice');
    assert.equal(file.year, 2026);
  });

  it('given a 2027 notice whose 元旦 break starts on a day the 2026 notice works, when checked with the set, then it is refused naming the day and both files', () => {
    const set = base();
    const worked2026 = realNotice(2026);
    worked2026.makeupWorkdays.push({ date: '2026-12-26', for: '国庆节' }); // a Saturday
    set.national[1] = worked2026;
    const notice2027 = {
      region: 'cn',
      year: 2027,
      notice: { title: '测试用样例（非真实通知）' },
      holidays: [{ name: '元旦', from: '2026-12-26', to: '2027-01-03' }],
      makeupWorkdays: [],
    };
    const candidate = read(notice2027, '载入的文件（cn/2027）');

    const checked = checkCalendarWithLoad(set, [], candidate);

    assert.equal(checked.ok, false);
    const issue = !checked.ok
      ? checked.issues.find((found) => found.id === 'calendar.notices_conflict')
      : undefined;
    assert.ok(issue, 'a calendar.notices_conflict issue');
    assert.equal(issue.date, '2026-12-26');
    assert.match(issue.message, /cn\/2026\.json/);
    assert.equal(issue.file, '载入的文件（cn/2027）');
  });
});
