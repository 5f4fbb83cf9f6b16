// Working-day arithmetic on the real 2021–2026 notices.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { CalendarUsageError } from '../../../domain/calendar/index.ts';
import { calendarWithNotices } from './helpers.ts';

const calendar = calendarWithNotices();

function assertUsageError(action: () => unknown, id: string, mentions: string): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof CalendarUsageError);
    assert.equal(error.id, id);
    assert.match(error.message, new RegExp(mentions));
    return true;
  });
}

describe('working calendar: which days are working days', () => {
  const cases: [string, boolean, string][] = [
    ['2026-02-14', true, 'make-up Saturday before 春节'],
    ['2026-02-16', false, '春节 Monday'],
    ['2026-02-23', false, 'last day of 春节'],
    ['2026-02-24', true, 'first weekday after 春节'],
    ['2026-01-04', true, 'make-up Sunday after 元旦'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, 'make-up Saturday after 国庆'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-03-06', true, 'ordinary Friday'],
    ['2022-12-31', false, 'Saturday that the 2023 notice makes part of 元旦'],
    ['2025-10-08', false, 'last day of the merged 国庆节、中秋节 2025'],
    ['2023-10-07', true, 'make-up Saturday of 2023'],
  ];
  for (const [date, working, why] of cases) {
    it(`given ${date} (${why}), when asked, then isWorkingDay is ${String(working)}`, () => {
      assert.equal(calendar.isWorkingDay(date), working);
      assert.deepEqual(calendar.isWorkingDayDetailed(date), { working, provisional: false });
    });
  }

  it('given days of each kind, when explained, then the rule and the label say why', () => {
    assert.deepEqual(calendar.explainDay('2026-10-10'), {
      date: '2026-10-10',
      working: true,
      provisional: false,
      rule: 'notice-makeup-workday',
      label: '国庆节调休上班',
    });
    assert.equal(calendar.explainDay('2026-10-01').rule, 'notice-holiday');
    assert.equal(calendar.explainDay('2026-10-01').label, '国庆节');
    assert.equal(calendar.explainDay('2026-10-11').rule, 'weekend');
    assert.equal(calendar.explainDay('2026-10-12').rule, 'weekday');
  });
});

describe('working calendar: addWorkingDays', () => {
  const cases: [string, number, string, string][] = [
    ['2026-09-30', 1, '2026-10-08', 'Wednesday before 国庆: 10/1–10/7 off, Thursday 10/8 works'],
    ['2026-09-30', 3, '2026-10-10', 'the make-up Saturday counts'],
    ['2026-10-03', 1, '2026-10-08', 'a start inside the holiday counts from the next working day'],
    ['2026-02-13', 1, '2026-02-14', 'Friday before 春节: the make-up Saturday is next'],
    ['2026-02-14', 1, '2026-02-24', 'a working start day is never counted itself'],
    ['2026-03-06', 1, '2026-03-09', 'Friday → Monday'],
    ['2026-03-07', 1, '2026-03-09', 'Saturday → Monday, same as from Friday'],
    ['2026-03-08', 1, '2026-03-09', 'Sunday → Monday'],
    ['2026-03-02', 5, '2026-03-09', 'a plain week'],
    ['2025-09-30', 1, '2025-10-09', '2025: 国庆节、中秋节 merged 10/1–10/8'],
    ['2025-09-26', 1, '2025-09-28', '2025: make-up Sunday 9/28'],
    ['2023-09-28', 1, '2023-10-07', '2023: 中秋节、国庆节 9/29–10/6, make-up Saturday 10/7'],
    ['2022-12-30', 1, '2023-01-03', '元旦 2023 from 2022-12-31 to 2023-01-02'],
    ['2024-02-09', 1, '2024-02-18', '春节 2024, make-up Sunday 2/18'],
    ['2021-12-31', 1, '2022-01-04', 'across a year boundary between two notices'],
  ];
  for (const [start, n, expected, why] of cases) {
    it(`given ${start} + ${n} (${why}), when added, then ${expected}`, () => {
      assert.equal(calendar.addWorkingDays(start, n), expected);
      assert.deepEqual(calendar.addWorkingDaysDetailed(start, n), { date: expected, provisional: false });
    });
  }

  it('given N = 0, when the day is a working day, then it is the day itself', () => {
    assert.equal(calendar.addWorkingDays('2026-10-08', 0), '2026-10-08');
    assert.equal(calendar.addWorkingDays('2026-02-14', 0), '2026-02-14');
  });

  it('given N = 0, when the day is a holiday or a weekend, then it is the next working day', () => {
    assert.equal(calendar.addWorkingDays('2026-10-01', 0), '2026-10-08');
    assert.equal(calendar.addWorkingDays('2026-03-07', 0), '2026-03-09');
  });

  it('given a date, when asking nextWorkingDay, then it is the first working day strictly after it', () => {
    assert.equal(calendar.nextWorkingDay('2026-09-30'), '2026-10-08');
    assert.equal(calendar.nextWorkingDay('2026-10-08'), '2026-10-09');
    assert.equal(calendar.nextWorkingDay('2026-10-09'), '2026-10-10');
  });
});

describe('working calendar: workingDaysBetween', () => {
  it('given a < b, when counted, then it counts working days d with a < d <= b', () => {
    assert.equal(calendar.workingDaysBetween('2026-09-30', '2026-10-10'), 3);
    assert.equal(calendar.workingDaysBetween('2026-09-30', '2026-10-07'), 0);
    assert.equal(calendar.workingDaysBetween('2026-02-13', '2026-02-24'), 2);
    assert.equal(calendar.workingDaysBetween('2026-03-09', '2026-03-09'), 0);
  });

  it('given b before a, when counted, then the count is negative (days overdue)', () => {
    assert.equal(calendar.workingDaysBetween('2026-10-10', '2026-09-30'), -3);
    assert.deepEqual(calendar.workingDaysBetweenDetailed('2026-10-10', '2026-09-30'), {
      count: -3,
      provisional: false,
    });
  });

  it('given the whole of 2026, when counted, then there are 248 working days', () => {
    // 261 weekdays − 19 holidays on weekdays + 6 make-up weekend days.
    assert.equal(calendar.workingDaysBetween('2025-12-31', '2026-12-31'), 248);
  });
});

describe('working calendar: deadlineAfter', () => {
  it('given a start instant, when computing 1 working day, then due is 23:59:59 +08:00 of that day', () => {
    const deadline = calendar.deadlineAfter('2026-09-30T09:15:00+08:00', 1);
    assert.equal(deadline.date, '2026-10-08');
    assert.equal(deadline.provisional, false);
    assert.equal(deadline.due.toISO({ suppressMilliseconds: true }), '2026-10-08T23:59:59+08:00');
    assert.equal(deadline.due.zoneName, 'Asia/Shanghai');
  });

  it('given an instant late in the UTC day, when computing, then the Shanghai date is the counting day', () => {
    // 2026-03-06T17:00Z is Saturday 01:00 in Shanghai: counted like a Saturday start.
    assert.equal(calendar.deadlineAfter('2026-03-06T17:00:00Z', 1).date, '2026-03-09');
    assert.equal(calendar.deadlineAfter(new Date('2026-03-06T15:59:59Z'), 1).date, '2026-03-09');
    assert.equal(calendar.deadlineAfter(new Date('2026-03-05T16:00:00Z'), 1).date, '2026-03-09');
  });

  it('given a case started on Saturday, when due in 1 working day, then due on Monday like one started Friday', () => {
    const saturday = calendar.deadlineAfter('2026-03-07T10:00:00+08:00', 1);
    const friday = calendar.deadlineAfter('2026-03-06T10:00:00+08:00', 1);
    assert.equal(saturday.date, '2026-03-09');
    assert.equal(saturday.due.toMillis(), friday.due.toMillis());
  });

  it('given a luxon DateTime in another zone, when computing, then it is read in Shanghai', () => {
    const start = DateTime.fromISO('2026-02-13T12:30:00', { zone: 'America/New_York' }); // 2/14 01:30 Shanghai
    assert.equal(calendar.deadlineAfter(start, 1).date, '2026-02-24');
  });

  it('given a string without offset, when computing, then it is Shanghai wall time', () => {
    assert.equal(calendar.deadlineAfter('2026-02-13T23:30:00', 1).date, '2026-02-14');
  });

  it('given an invalid instant, when computing, then a Chinese error names it', () => {
    assertUsageError(() => calendar.deadlineAfter('yesterday', 1), 'calendar.invalid_instant', 'yesterday');
  });
});

describe('working calendar: bad input', () => {
  it('given malformed or impossible dates, when used, then calendar.invalid_date names the date', () => {
    for (const date of ['2026-02-30', '2026-2-3', '20260203', '', '2026-13-01']) {
      assertUsageError(() => calendar.addWorkingDays(date, 1), 'calendar.invalid_date', '不是有效日期');
    }
  });

  it('given dates before 2000 or after 2099, when used, then calendar.out_of_range', () => {
    assertUsageError(() => calendar.isWorkingDay('1999-12-31'), 'calendar.out_of_range', '1999-12-31');
    assertUsageError(() => calendar.isWorkingDay('2100-01-01'), 'calendar.out_of_range', '2100-01-01');
    assertUsageError(
      () => calendar.addWorkingDays('2099-12-28', 10),
      'calendar.out_of_range',
      '超出日历支持范围',
    );
  });

  it('given a negative or fractional count, when adding, then calendar.invalid_count', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assertUsageError(() => calendar.addWorkingDays('2026-03-02', n), 'calendar.invalid_count', '非负整数');
    }
  });
});
