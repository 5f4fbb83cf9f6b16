// Property tests: the O(1) table arithmetic against its definition, over 2020–2028 (known and provisional years).
// `npm run test:unit` runs this file again under TZ=UTC, Asia/Shanghai and America/New_York (test:unit:time-zones):
// the properties must hold whatever the server's time zone.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { epochDayFromCivil, formatEpochDay } from '../../../domain/calendar/index.ts';
import type { IsoDate } from '../../../domain/calendar/index.ts';
import { calendarWithNotices } from './helpers.ts';

const calendar = calendarWithNotices();
const FIRST = epochDayFromCivil(2020, 1, 1);
const LAST = epochDayFromCivil(2028, 12, 31);

const anyDate = fc.integer({ min: FIRST, max: LAST }).map(formatEpochDay);
const anyCount = fc.integer({ min: 0, max: 60 });
const positiveCount = fc.integer({ min: 1, max: 60 });

/** The definition, stepping one day at a time: the n-th working day strictly after `date`. */
function addBySteps(date: IsoDate, workingDays: number): { date: IsoDate; provisional: boolean } {
  let day = epochDayFromCivil(...(date.split('-').map(Number) as [number, number, number]));
  let provisional = workingDays === 0 && calendar.isWorkingDayDetailed(date).provisional;
  if (workingDays === 0 && calendar.isWorkingDay(date)) return { date, provisional };
  let remaining = Math.max(workingDays, 1);
  while (remaining > 0) {
    day += 1;
    const status = calendar.isWorkingDayDetailed(formatEpochDay(day));
    provisional ||= status.provisional;
    if (status.working) remaining -= 1;
  }
  return { date: formatEpochDay(day), provisional };
}

describe(`working calendar properties (fast-check, TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('given any date and n, when adding, then the result equals stepping day by day (date and provisional)', () => {
    fc.assert(
      fc.property(anyDate, anyCount, (date, n) => {
        assert.deepEqual(calendar.addWorkingDaysDetailed(date, n), addBySteps(date, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('given any date, when n grows, then the result never moves back, and strictly forward from n = 1', () => {
    fc.assert(
      fc.property(anyDate, anyCount, (date, n) => {
        const here = calendar.addWorkingDays(date, n);
        const next = calendar.addWorkingDays(date, n + 1);
        assert.ok(n === 0 ? next >= here : next > here, `${date} +${n} = ${here}, +${n + 1} = ${next}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('given two start dates, when adding the same n, then the later start never gives an earlier result', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyCount, (a, b, n) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        assert.ok(calendar.addWorkingDays(early, n) <= calendar.addWorkingDays(late, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('given n >= 1, when adding, then the result is a working day after the start', () => {
    fc.assert(
      fc.property(anyDate, positiveCount, (date, n) => {
        const result = calendar.addWorkingDays(date, n);
        assert.ok(result > date);
        assert.equal(calendar.isWorkingDay(result), true);
      }),
      { numRuns: 2000 },
    );
  });

  it('given n >= 1, when counting back with workingDaysBetween, then it round-trips to n', () => {
    fc.assert(
      fc.property(anyDate, positiveCount, (date, n) => {
        assert.equal(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n)), n);
      }),
      { numRuns: 2000 },
    );
  });

  it('given two dates, when counting both ways, then workingDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        assert.equal(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, a), 0);
      }),
      { numRuns: 1000 },
    );
  });

  // The one property that starts from an instant, where a process time zone could leak in: the expected
  // values are plain UTC arithmetic (Shanghai is UTC+8 all year, without daylight saving since 1991).
  it('given any instant and n, when counting a deadline, then it ends at 23:59:59 +08:00 of the n-th working day after its Shanghai date', () => {
    const EIGHT_HOURS = 8 * 3_600_000;
    const anyInstant = fc.integer({
      min: Date.UTC(2020, 0, 1) - EIGHT_HOURS,
      max: Date.UTC(2028, 11, 1) - EIGHT_HOURS,
    });
    fc.assert(
      fc.property(anyInstant, anyCount, (millis, n) => {
        const shanghaiDate = new Date(millis + EIGHT_HOURS).toISOString().slice(0, 10) as IsoDate;
        const deadline = calendar.deadlineAfter(new Date(millis), n);
        const expected = calendar.addWorkingDaysDetailed(shanghaiDate, n);
        assert.equal(deadline.date, expected.date);
        assert.equal(deadline.provisional, expected.provisional);
        assert.equal(deadline.due.toMillis(), Date.parse(`${expected.date}T23:59:59+08:00`));
      }),
      { numRuns: 2000 },
    );
  });
});
