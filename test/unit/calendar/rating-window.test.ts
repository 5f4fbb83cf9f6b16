// Art. 10 of the Xi'an measures around 春节 and 国庆 2026.
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { createXianRatingWindow } from '../../../domain/calendar/index.ts';
import type { TimedResult } from '../../../domain/calendar/index.ts';
import { calendarWithNotices } from './helpers.ts';

const rules = createXianRatingWindow(calendarWithNotices());

function shown(result: TimedResult): string {
  assert.equal(result.at.zoneName, 'Asia/Shanghai');
  return `${String(result.at.toISO({ suppressMilliseconds: true }))}${result.provisional ? ' provisional' : ''}`;
}

describe("Xi'an art. 10: reminder 24 hours after completion", () => {
  it('given completion on 2026-02-12 10:00, when the reminder is due, then 2026-02-13 10:00 +08:00', () => {
    assert.equal(shown(rules.reminderDueAt('2026-02-12T10:00:00+08:00')), '2026-02-13T10:00:00+08:00');
  });

  it('given completion as a JS Date in UTC, when the reminder is due, then 24 clock hours later in Shanghai', () => {
    assert.equal(shown(rules.reminderDueAt(new Date('2026-09-29T20:00:00Z'))), '2026-10-01T04:00:00+08:00');
  });
});

describe("Xi'an art. 10: rating window closes after 5 working days", () => {
  it('given a reminder on Friday 2026-02-13 before 春节, when the window closes, then end of 2026-02-27', () => {
    // 2/14 make-up Saturday (1); 2/15–2/23 off; 2/24 (2), 2/25 (3), 2/26 (4), 2/27 (5).
    const reminder = rules.reminderDueAt('2026-02-12T10:00:00+08:00').at;
    assert.equal(shown(rules.ratingWindowClosesAt(reminder)), '2026-02-27T23:59:59+08:00');
  });

  it('given a reminder on the make-up Saturday 2026-02-14, when the window closes, then end of make-up Saturday 2/28', () => {
    // Completion 2026-02-12T20:00Z = 2/13 04:00 in Shanghai; reminder 2/14 04:00; 2/24 … 2/27 (4), 2/28 (5).
    const reminder = rules.reminderDueAt('2026-02-12T20:00:00Z').at;
    assert.equal(reminder.toISODate(), '2026-02-14');
    assert.equal(shown(rules.ratingWindowClosesAt(reminder)), '2026-02-28T23:59:59+08:00');
  });

  it('given completion on 2026-09-29 (reminder 9/30), when the window closes, then end of 2026-10-13', () => {
    // 10/1–10/7 off; 10/8 (1), 10/9 (2), 10/10 make-up Saturday (3), 10/12 (4), 10/13 (5).
    const reminder = rules.reminderDueAt('2026-09-29T15:00:00+08:00').at;
    assert.equal(shown(rules.ratingWindowClosesAt(reminder)), '2026-10-13T23:59:59+08:00');
  });

  it('given a reminder on a holiday (中秋 2026-09-25), when the window closes, then counting starts after it', () => {
    // 9/28 (1), 9/29 (2), 9/30 (3), 10/8 (4), 10/9 (5).
    assert.equal(shown(rules.ratingWindowClosesAt('2026-09-25T11:00:00+08:00')), '2026-10-09T23:59:59+08:00');
  });

  it('given a reminder in late December 2026, when the window reaches 2027 (no notice), then it is provisional', () => {
    assert.equal(
      shown(rules.ratingWindowClosesAt('2026-12-28T09:00:00+08:00')),
      '2027-01-05T23:59:59+08:00 provisional',
    );
  });
});

describe("Xi'an art. 10: an overdue case is rateable from the next working day after the promised deadline", () => {
  it('given a promised deadline on 2026-09-30, when rateable, then from 2026-10-08 00:00 +08:00', () => {
    assert.equal(shown(rules.rateableFrom('2026-09-30T23:59:59+08:00')), '2026-10-08T00:00:00+08:00');
  });

  it('given a promised deadline on Friday 2026-02-13, when rateable, then from the make-up Saturday 2/14', () => {
    assert.equal(
      shown(rules.rateableFrom(DateTime.fromISO('2026-02-13T17:00:00+08:00'))),
      '2026-02-14T00:00:00+08:00',
    );
  });

  it('given a promised deadline on 2026-02-14, when rateable, then from 2026-02-24 after 春节', () => {
    assert.equal(shown(rules.rateableFrom('2026-02-14T23:59:59+08:00')), '2026-02-24T00:00:00+08:00');
  });

  it('given a promised deadline at 23:30 UTC (next day in Shanghai), when rateable, then the Shanghai date counts', () => {
    // 2026-09-29T23:30Z is 9/30 07:30 in Shanghai.
    assert.equal(shown(rules.rateableFrom(new Date('2026-09-29T23:30:00Z'))), '2026-10-08T00:00:00+08:00');
  });
});
