// The task list's countdown in working days (issue 6), over the shipped 2026 calendar.
import assert from 'node:assert/strict';
import { countdownBoundaries, slaCountdown } from '../../domain/case/sla-countdown.ts';
import { shippedCalendar } from '../support/calendar.ts';

const at = (iso: string) => new Date(iso);

describe('the SLA countdown in working days (issue 6)', () => {
  it('given a task due in five working days, then it is on track with 5 left', async () => {
    const calendar = await shippedCalendar();
    // Thursday 2026-11-26 → due Thursday 2026-12-03 end of day: Fri, Mon, Tue, Wed, Thu = 5.
    const countdown = slaCountdown(
      calendar,
      at('2026-12-03T23:59:59+08:00'),
      at('2026-11-26T10:00:00+08:00'),
    );
    assert.deepEqual(countdown, { state: 'on-track', workingDaysLeft: 5 });
  });

  it('given a task due on the next working day across a weekend, then it is at risk with 1 left', async () => {
    const calendar = await shippedCalendar();
    const countdown = slaCountdown(
      calendar,
      at('2026-11-30T23:59:59+08:00'),
      at('2026-11-27T16:00:00+08:00'),
    );
    assert.deepEqual(countdown, { state: 'at-risk', workingDaysLeft: 1 });
  });

  it('given a task due today, then it is at risk with 0 left', async () => {
    const calendar = await shippedCalendar();
    const countdown = slaCountdown(
      calendar,
      at('2026-11-26T23:59:59+08:00'),
      at('2026-11-26T09:00:00+08:00'),
    );
    assert.deepEqual(countdown, { state: 'at-risk', workingDaysLeft: 0 });
  });

  it('given a task due before the National Day holiday, when read after it, then it is overdue by working days only', async () => {
    const calendar = await shippedCalendar();
    // Due Wednesday 2026-09-30; 10-01..10-07 are holidays; 10-08 (Thu) and 10-09 (Fri) work; read 10-09.
    const countdown = slaCountdown(
      calendar,
      at('2026-09-30T23:59:59+08:00'),
      at('2026-10-09T10:00:00+08:00'),
    );
    assert.equal(countdown.state, 'overdue');
    assert.equal(countdown.workingDaysLeft, -2);
  });

  it('given the boundaries at a Friday, then at risk lasts until the end of Monday', async () => {
    const calendar = await shippedCalendar();
    const { atRiskUntil } = countdownBoundaries(calendar, at('2026-11-27T10:00:00+08:00'));
    assert.equal(atRiskUntil.toISOString(), '2026-11-30T16:00:00.000Z');
  });
});
