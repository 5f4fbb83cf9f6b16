// Years without a loaded notice: statutory days off only, and every answer that depends on them is provisional.
import assert from 'node:assert/strict';
import { calendarWithNotices, eachDate } from './helpers.ts';

// The real notices 2021–2026: 2027 has none here, even after calendars/cn/2027.json is added.
const calendar = calendarWithNotices();

describe('provisional answers for a year without a notice (2027)', () => {
  it('given a count from late 2026 into 2027, when adding, then the result is provisional and skips 元旦 2027', () => {
    // 12/31 Thu (1); 2027-01-01 Fri statutory 元旦; weekend; 1/4 Mon (2); 1/5 Tue (3).
    assert.deepEqual(calendar.addWorkingDaysDetailed('2026-12-30', 3), {
      date: '2027-01-05',
      provisional: true,
    });
  });

  it('given 春节 2027 (除夕 2027-02-05), when asked, then 2/5–2/8 are off and provisional', () => {
    for (const date of eachDate('2027-02-05', '2027-02-08')) {
      assert.deepEqual(calendar.isWorkingDayDetailed(date), { working: false, provisional: true }, date);
      assert.equal(calendar.explainDay(date).rule, 'statutory-holiday');
      assert.equal(calendar.explainDay(date).label, '春节');
    }
    assert.deepEqual(calendar.isWorkingDayDetailed('2027-02-04'), { working: true, provisional: true });
    assert.deepEqual(calendar.isWorkingDayDetailed('2027-02-09'), { working: true, provisional: true });
    assert.deepEqual(calendar.addWorkingDaysDetailed('2027-02-04', 1), {
      date: '2027-02-09',
      provisional: true,
    });
  });

  it('given 国庆 2027, when asked, then only 10/1–10/3 are off (no 调休 without a notice)', () => {
    for (const date of eachDate('2027-10-01', '2027-10-03'))
      assert.equal(calendar.isWorkingDay(date), false, date);
    assert.equal(calendar.isWorkingDay('2027-10-04'), true);
    assert.equal(
      calendar.isWorkingDay('2027-09-26'),
      false,
      'a Sunday stays a Sunday: no make-up day is guessed',
    );
    assert.equal(calendar.addWorkingDays('2027-09-30', 1), '2027-10-04');
  });

  it('given the other festivals of 2027, when asked, then each statutory day is off', () => {
    const statutory: [string, string][] = [
      ['2027-01-01', '元旦'],
      ['2027-04-05', '清明节'],
      ['2027-05-01', '劳动节'],
      ['2027-05-02', '劳动节'],
      ['2027-06-09', '端午节'],
      ['2027-09-15', '中秋节'],
    ];
    for (const [date, name] of statutory) {
      assert.equal(calendar.isWorkingDay(date), false, date);
      assert.equal(calendar.explainDay(date).label, name, date);
    }
    assert.equal(calendar.isWorkingDay('2027-05-03'), true, '劳动节 is 2 days by the 2024 rules');
  });

  it('given a count entirely within 2026 before its last week, when adding, then it is not provisional', () => {
    assert.deepEqual(calendar.addWorkingDaysDetailed('2026-03-02', 20), {
      date: '2026-03-30',
      provisional: false,
    });
    assert.deepEqual(calendar.addWorkingDaysDetailed('2026-12-24', 0), {
      date: '2026-12-24',
      provisional: false,
    });
  });

  it('given a count reaching 2026-12-25 or later without the 2027 notice, then it is provisional: that notice may still move those days (元旦 off from 31 December, a make-up day in late December)', () => {
    assert.deepEqual(calendar.addWorkingDaysDetailed('2026-12-31', 0), {
      date: '2026-12-31',
      provisional: true,
    });
    assert.equal(calendar.addWorkingDaysDetailed('2026-12-22', 3).provisional, true);
  });

  it('given a start day in a year without notice, when only later known days decide, then not provisional', () => {
    // 2020 has no notice here, but 2020-12-31 itself is never counted.
    assert.deepEqual(calendar.addWorkingDaysDetailed('2020-12-31', 1), {
      date: '2021-01-04',
      provisional: false,
    });
  });

  it('given workingDaysBetween reaching into 2027, when counted, then provisional', () => {
    assert.deepEqual(calendar.workingDaysBetweenDetailed('2026-12-30', '2027-01-05'), {
      count: 3,
      provisional: true,
    });
    assert.deepEqual(calendar.workingDaysBetweenDetailed('2026-12-01', '2026-12-24').provisional, false);
    assert.deepEqual(calendar.workingDaysBetweenDetailed('2026-12-01', '2026-12-31').provisional, true);
  });

  it('given a deadline into 2027, when computed, then it is provisional', () => {
    const deadline = calendar.deadlineAfter('2026-12-28T09:00:00+08:00', 5);
    assert.equal(deadline.date, '2027-01-05');
    assert.equal(deadline.provisional, true);
  });
});

describe('rebuilding the calendar when a notice is loaded later', () => {
  it('given 2026 without its notice, when the notice is loaded, then the answer changes and is no longer provisional', () => {
    const before = calendarWithNotices([2021, 2022, 2023, 2024, 2025]);
    // Statutory only: 2026-01-02 (Friday) works. The notice makes it a holiday and Sunday 1/4 a working day.
    assert.deepEqual(before.addWorkingDaysDetailed('2025-12-30', 2), {
      date: '2026-01-02',
      provisional: true,
    });
    const after = calendarWithNotices([2021, 2022, 2023, 2024, 2025, 2026]);
    assert.deepEqual(after.addWorkingDaysDetailed('2025-12-30', 2), {
      date: '2026-01-04',
      provisional: false,
    });
    assert.deepEqual(before.noticeYears, [2021, 2022, 2023, 2024, 2025]);
  });

  it('given 2025 without its notice, when counting over 春节 2025, then 除夕 to 初三 (1/28–1/31) are off', () => {
    const without2025 = calendarWithNotices([2024, 2026]);
    for (const date of eachDate('2025-01-28', '2025-01-31'))
      assert.equal(without2025.isWorkingDay(date), false, date);
    assert.deepEqual(without2025.isWorkingDayDetailed('2025-02-03'), { working: true, provisional: true });
  });
});
