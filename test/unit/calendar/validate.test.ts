// Validation of notice and region data: every contradiction is refused with its id, naming the day.
import assert from 'node:assert/strict';
import {
  CalendarDataError,
  createWorkingCalendar,
  validateCalendarData,
  validateNoticeFile,
  validateRegionFile,
  type CalendarIssue,
  type NoticeFile,
  type RegionFile,
} from '../../../domain/calendar/index.ts';
import { realNotice } from './helpers.ts';

function issuesOf(result: { ok: true } | { ok: false; issues: CalendarIssue[] }): CalendarIssue[] {
  assert.equal(result.ok, false, 'expected the data to be refused');
  return result.ok ? [] : result.issues;
}

function assertSingleIssue(issues: CalendarIssue[], id: string, date?: string): CalendarIssue {
  assert.deepEqual(
    issues.map((issue) => issue.id),
    [id],
    issues.map((issue) => issue.message).join('\n'),
  );
  const issue = issues[0] as CalendarIssue;
  if (date !== undefined) {
    assert.equal(issue.date, date);
    assert.ok(issue.message.includes(date), `the message names ${date}: ${issue.message}`);
  }
  assert.match(issue.message, /[\u4e00-\u9fff]/, 'the message is in Chinese');
  return issue;
}

function broken2026(change: (notice: NoticeFile) => void): NoticeFile {
  const notice = realNotice(2026);
  change(notice);
  return notice;
}

function emptyRegion(change: (region: RegionFile) => void): RegionFile {
  const region: RegionFile = {
    region: 'testville',
    name: '测试市',
    description: '测试',
    daysOff: [],
    workdays: [],
  };
  change(region);
  return region;
}

describe('notice validation: contradictions', () => {
  it('given the six real notices, when validated, then each is accepted', () => {
    for (const year of [2021, 2022, 2023, 2024, 2025, 2026])
      assert.equal(validateNoticeFile(realNotice(year)).ok, true);
  });

  it('given a make-up working day on a Monday, when validated, then calendar.makeup_not_weekend names it', () => {
    const notice = broken2026((n) => n.makeupWorkdays.push({ date: '2026-10-12', for: '国庆节' }));
    const issue = assertSingleIssue(
      issuesOf(validateNoticeFile(notice, 'cn/2026.json')),
      'calendar.makeup_not_weekend',
      '2026-10-12',
    );
    assert.equal(issue.file, 'cn/2026.json');
    assert.equal(issue.path, '/makeupWorkdays/6/date');
    assert.match(issue.message, /周一/);
  });

  it('given a day that is both holiday and make-up day, when validated, then calendar.makeup_is_holiday', () => {
    const notice = broken2026((n) => n.makeupWorkdays.push({ date: '2026-10-03', for: '国庆节' }));
    assertSingleIssue(issuesOf(validateNoticeFile(notice)), 'calendar.makeup_is_holiday', '2026-10-03');
  });

  it('given overlapping holidays, when validated, then calendar.holiday_overlap names the first shared day', () => {
    const notice = broken2026((n) =>
      n.holidays.push({ name: '中秋节补充', from: '2026-09-27', to: '2026-09-28' }),
    );
    assertSingleIssue(issuesOf(validateNoticeFile(notice)), 'calendar.holiday_overlap', '2026-09-27');
  });

  it('given a duplicated holiday, when validated, then calendar.holiday_overlap', () => {
    const notice = broken2026((n) =>
      n.holidays.push({ name: '清明节', from: '2026-04-04', to: '2026-04-06' }),
    );
    assertSingleIssue(issuesOf(validateNoticeFile(notice)), 'calendar.holiday_overlap', '2026-04-04');
  });

  it('given a duplicated make-up day, when validated, then calendar.makeup_duplicate', () => {
    const notice = broken2026((n) => n.makeupWorkdays.push({ date: '2026-02-28', for: '春节' }));
    assertSingleIssue(issuesOf(validateNoticeFile(notice)), 'calendar.makeup_duplicate', '2026-02-28');
  });

  it('given dates outside the notice year, when validated, then calendar.date_outside_year', () => {
    const holiday = broken2026((n) =>
      n.holidays.push({ name: '元旦', from: '2027-01-01', to: '2027-01-01' }),
    );
    assertSingleIssue(issuesOf(validateNoticeFile(holiday)), 'calendar.date_outside_year', '2027-01-01');
    const makeup = broken2026((n) => n.makeupWorkdays.push({ date: '2025-12-27', for: '元旦' }));
    assertSingleIssue(issuesOf(validateNoticeFile(makeup)), 'calendar.date_outside_year', '2025-12-27');
    const early = broken2026((n) => n.holidays.push({ name: '早', from: '2025-12-20', to: '2026-01-01' }));
    assert.ok(
      issuesOf(validateNoticeFile(early)).some(
        (issue) => issue.id === 'calendar.date_outside_year' && issue.date === '2025-12-20',
      ),
    );
  });

  it('given a 元旦 that starts in the previous December (as the 2019 and 2023 notices did), when validated, then accepted', () => {
    // 国办发明电〔2018〕15号: 元旦 2018-12-30 – 2019-01-01, Saturday 2018-12-29 worked.
    const notice2019: NoticeFile = {
      region: 'cn',
      year: 2019,
      notice: { title: '国务院办公厅关于2019年部分节假日安排的通知' },
      holidays: [{ name: '元旦', from: '2018-12-30', to: '2019-01-01' }],
      makeupWorkdays: [{ date: '2018-12-29', for: '元旦' }],
    };
    assert.equal(validateNoticeFile(notice2019).ok, true);
    assert.equal(validateNoticeFile(realNotice(2023)).ok, true);
  });

  it('given malformed dates, when validated, then calendar.malformed_date names the text', () => {
    const notice = broken2026((n) => {
      n.holidays[0] = { name: '元旦', from: '2026-02-30', to: '2026-01-03' };
      n.makeupWorkdays[0] = { date: '2026-1-4', for: '元旦' };
    });
    const issues = issuesOf(validateNoticeFile(notice));
    assert.deepEqual(
      issues.map((issue) => [issue.id, issue.date]),
      [
        ['calendar.malformed_date', '2026-02-30'],
        ['calendar.malformed_date', '2026-1-4'],
      ],
    );
  });

  it('given a holiday ending before it starts, when validated, then calendar.holiday_range_reversed', () => {
    const notice = broken2026(
      (n) => (n.holidays[6] = { name: '国庆节', from: '2026-10-07', to: '2026-10-01' }),
    );
    assertSingleIssue(issuesOf(validateNoticeFile(notice)), 'calendar.holiday_range_reversed', '2026-10-07');
  });

  it('given a make-up day for a holiday the file does not have, when validated, then calendar.makeup_for_unknown_holiday', () => {
    const notice = broken2026((n) => ((n.makeupWorkdays[0] as { for: string }).for = '元宵节'));
    assertSingleIssue(
      issuesOf(validateNoticeFile(notice)),
      'calendar.makeup_for_unknown_holiday',
      '2026-01-04',
    );
  });

  it('given structural problems, when validated, then calendar.schema_violation points at the field', () => {
    const missing = { ...realNotice(2026), holidays: undefined };
    delete missing.holidays;
    assert.deepEqual(
      issuesOf(validateNoticeFile(missing)).map((issue) => issue.id),
      ['calendar.schema_violation'],
    );
    const extra = { ...realNotice(2026), holiday: [] };
    assert.deepEqual(
      issuesOf(validateNoticeFile(extra)).map((issue) => issue.path),
      ['/holiday'],
    );
    const wrongYear = { ...realNotice(2026), year: '2026' };
    assert.deepEqual(
      issuesOf(validateNoticeFile(wrongYear)).map((issue) => issue.path),
      ['/year'],
    );
    assert.deepEqual(
      issuesOf(validateNoticeFile(null)).map((issue) => issue.id),
      ['calendar.schema_violation'],
    );
  });
});

describe('calendar data set validation', () => {
  it('given two files for one year, when validated together, then calendar.duplicate_year', () => {
    const issues = issuesOf(
      validateCalendarData(
        { national: [realNotice(2026), realNotice(2026)] },
        { national: ['a.json', 'b.json'] },
      ),
    );
    const issue = assertSingleIssue(issues, 'calendar.duplicate_year');
    assert.equal(issue.file, 'b.json');
    assert.match(issue.message, /a\.json/);
  });

  it('given two notices that disagree on a day, when validated together, then calendar.notices_conflict', () => {
    const notice2022 = realNotice(2022);
    notice2022.makeupWorkdays.push({ date: '2022-12-31', for: '国庆节' });
    const issues = issuesOf(validateCalendarData({ national: [notice2022, realNotice(2023)] }));
    assertSingleIssue(issues, 'calendar.notices_conflict', '2022-12-31');
  });

  it('given a bad notice among good ones, when building a calendar, then it throws and nothing is built', () => {
    const bad = broken2026((n) => n.makeupWorkdays.push({ date: '2026-10-12', for: '国庆节' }));
    assert.throws(
      () =>
        createWorkingCalendar(
          { national: [realNotice(2025), bad] },
          { national: ['cn/2025.json', 'cn/2026.json'] },
        ),
      (error: unknown) => {
        assert.ok(error instanceof CalendarDataError);
        assert.deepEqual(
          error.issues.map((issue) => [issue.file, issue.id, issue.date]),
          [['cn/2026.json', 'calendar.makeup_not_weekend', '2026-10-12']],
        );
        assert.match(error.message, /cn\/2026\.json .*2026-10-12.*calendar\.makeup_not_weekend/);
        return true;
      },
    );
  });
});

describe('region validation', () => {
  it('given the shipped shape with entries, when validated, then accepted', () => {
    const region = emptyRegion((r) => {
      r.daysOff.push({ from: '2026-03-10', to: '2026-03-11', reason: '活动', source: '市政府通知' });
      r.workdays.push({ date: '2026-10-07', reason: '活动', source: '市政府通知' });
    });
    assert.equal(validateRegionFile(region).ok, true);
  });

  it('given a day both off and working in one layer, when validated, then calendar.region_day_conflict', () => {
    const region = emptyRegion((r) => {
      r.daysOff.push({ from: '2026-03-10', to: '2026-03-11', reason: '活动', source: '通知' });
      r.workdays.push({ date: '2026-03-11', reason: '活动', source: '通知' });
    });
    assertSingleIssue(issuesOf(validateRegionFile(region)), 'calendar.region_day_conflict', '2026-03-11');
  });

  it('given overlapping local days off or a repeated working day, when validated, then calendar.region_duplicate_day', () => {
    const overlap = emptyRegion((r) => {
      r.daysOff.push({ from: '2026-03-10', to: '2026-03-11', reason: '甲', source: '通知' });
      r.daysOff.push({ from: '2026-03-11', to: '2026-03-12', reason: '乙', source: '通知' });
    });
    assertSingleIssue(issuesOf(validateRegionFile(overlap)), 'calendar.region_duplicate_day', '2026-03-11');
    const repeated = emptyRegion((r) => {
      r.workdays.push({ date: '2026-10-07', reason: '甲', source: '通知' });
      r.workdays.push({ date: '2026-10-07', reason: '乙', source: '通知' });
    });
    assertSingleIssue(issuesOf(validateRegionFile(repeated)), 'calendar.region_duplicate_day', '2026-10-07');
  });

  it('given an entry without source, when validated, then calendar.schema_violation', () => {
    const region = emptyRegion((r) => r.workdays.push({ date: '2026-10-07', reason: '活动' } as never));
    assert.deepEqual(
      issuesOf(validateRegionFile(region)).map((issue) => issue.id),
      ['calendar.schema_violation'],
    );
  });

  it('given two layers for one region, when validated together, then calendar.duplicate_region', () => {
    const issues = issuesOf(
      validateCalendarData({
        national: [realNotice(2026)],
        regional: [emptyRegion(() => {}), emptyRegion(() => {})],
      }),
    );
    assertSingleIssue(issues, 'calendar.duplicate_region');
  });
});
