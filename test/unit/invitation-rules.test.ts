// art. 10 in pure terms (issue 5): the invitation's schedule and when a 办件 not completed becomes rateable.
import assert from 'node:assert/strict';
import { loadWorkingCalendar } from '../../infra/deadlines.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  checkRateable,
  invitationSchedule,
  reminderSms,
  windowOfLateReminder,
} from '../../domain/evaluation/invitation.ts';
import { EVALUATION_CHANNELS } from '../../domain/evaluation/channels.ts';

const calendar = loadWorkingCalendar();

describe('the art. 10 invitation schedule', () => {
  it('given a completion on Wed 9/30/2026, then the reminder is 24 h later and the window closes at the end of Tue 10/13 (国庆 off, Sat 10/10 worked)', () => {
    const schedule = invitationSchedule(calendar, new Date('2026-09-30T10:00:00+08:00'));
    assert.equal(schedule.reminderAt.toISOString(), '2026-10-01T02:00:00.000Z');
    assert.equal(schedule.windowClosesAt.toISOString(), '2026-10-13T15:59:59.000Z');
    assert.equal(schedule.windowProvisional, false);
  });

  it('given a completion reported late, then the reminder goes out when it is scheduled and the window runs five working days from then', () => {
    const completedAt = new Date('2026-09-10T10:00:00+08:00');
    const onTime = invitationSchedule(calendar, completedAt, new Date('2026-09-10T18:00:00+08:00'));
    assert.equal(onTime.reminderAt.toISOString(), '2026-09-11T02:00:00.000Z', 'within 24 h: unchanged');
    // Reported three weeks late, on Thu 10/1 (国庆): reminded at once, the window to the end of Tue 10/13.
    const late = invitationSchedule(calendar, completedAt, new Date('2026-10-01T09:00:00+08:00'));
    assert.equal(late.reminderAt.toISOString(), '2026-10-01T01:00:00.000Z');
    assert.equal(late.windowClosesAt.toISOString(), '2026-10-13T15:59:59.000Z');
  });

  it('given a completion whose window reaches a year without a loaded notice, then it says so', () => {
    const schedule = invitationSchedule(calendar, new Date('2026-12-30T10:00:00+08:00'));
    assert.equal(schedule.windowProvisional, true);
  });

  it('given the reminder text, then it names the 办件 and the last day, and carries no personal data', () => {
    const text = reminderSms('SR-1', new Date('2026-10-13T15:59:59Z'));
    assert.match(text, /SR-1/);
    assert.match(text, /2026年10月13日前评价/);
    assert.ok(!text.includes('回复 1'), 'no reply instructions unless replies come back');
    const withReplies = reminderSms('SR-1', new Date('2026-10-13T15:59:59Z'), { repliesAccepted: true });
    assert.match(withReplies, /回复 1 非常满意.*5 非常不满意/);
    const url = 'https://pj.example.gov.cn/rate?sr=SR-1&code=01234567';
    const linked = reminderSms('SR-1', new Date('2026-10-13T15:59:59Z'), { ratingUrl: url });
    assert.match(
      linked,
      /已办结，欢迎对本次政务服务作出评价。评价请点击 https:\/\/pj\.example\.gov\.cn\/rate\?sr=SR-1&code=01234567 。请于/,
    );
  });
});

describe('a reminder sent late (art. 10: 5 working days after the reminder)', () => {
  const stored = { windowClosesAt: new Date('2026-10-13T23:59:59+08:00') };

  it('given a reminder sent on the day it fell due, then its window stays', () => {
    assert.equal(windowOfLateReminder(calendar, stored, new Date('2026-10-01T12:00:00+08:00')), undefined);
  });

  it('given a reminder sent after the National Day holiday, or after the window had ended, then five working days from the day it is sent', () => {
    assert.deepEqual(windowOfLateReminder(calendar, stored, new Date('2026-10-09T09:00:00+08:00')), {
      windowClosesAt: new Date('2026-10-15T23:59:59+08:00'), // Saturday 10/10 is a make-up working day
      windowProvisional: false,
    });
    assert.deepEqual(windowOfLateReminder(calendar, stored, new Date('2026-10-16T10:00:00+08:00')), {
      windowClosesAt: new Date('2026-10-23T23:59:59+08:00'),
      windowProvisional: false,
    });
  });
});

describe('when a 办件 may be rated (art. 10)', () => {
  const promisedAt = new Date('2026-09-30T17:00:00+08:00');
  /** No invitation scheduled yet, no 未评. */
  const acceptedAt = new Date('2026-09-21T09:00:00+08:00');
  const NO_WINDOW = {
    serviceChannel: 'window',
    acceptedAt,
    ratingWindowClosesAt: null,
    recordedUnrated: false,
  } as const;

  it('given a 办件 handled online and not completed by its deadline, then it is refused until the next working day after it', () => {
    const online = { ...NO_WINDOW, serviceChannel: 'online' } as const;
    assert.throws(
      () =>
        checkRateable(
          calendar,
          { ...online, completedAt: null, promisedAt },
          new Date('2026-10-07T23:59:59+08:00'),
        ),
      (error: unknown) => error instanceof DomainError && error.id === 'evaluation.not_yet_rateable',
    );
    checkRateable(
      calendar,
      { ...online, completedAt: null, promisedAt },
      new Date('2026-10-08T00:00:00+08:00'),
    );
  });

  it('given a completed 办件, or a window visit with or without a promised deadline, then it may be rated at once (art. 9: 每到窗口接受一次服务即可进行1次评价)', () => {
    const now = new Date('2026-09-30T09:00:00+08:00');
    checkRateable(calendar, { ...NO_WINDOW, completedAt: now, promisedAt }, now);
    checkRateable(calendar, { ...NO_WINDOW, completedAt: null, promisedAt: null }, now);
    checkRateable(calendar, { ...NO_WINDOW, completedAt: null, promisedAt }, acceptedAt);
    checkRateable(
      calendar,
      { ...NO_WINDOW, serviceChannel: 'online', completedAt: now, promisedAt: null },
      now,
    );
  });

  it('given a 办件 handled online, on the mobile app, at a self-service terminal or by the hotline (art. 3: all 网上政务服务平台), then not before it is completed (art. 9)', () => {
    const now = new Date('2026-09-30T09:00:00+08:00');
    for (const serviceChannel of ['online', 'mobile', 'self-service-terminal', 'hotline'] as const) {
      assert.throws(
        () =>
          checkRateable(calendar, { ...NO_WINDOW, serviceChannel, completedAt: null, promisedAt: null }, now),
        (error: unknown) =>
          error instanceof DomainError &&
          error.id === 'evaluation.not_yet_rateable' &&
          error.details.rateableFrom === undefined,
        serviceChannel,
      );
      const later = new Date('2026-10-01T09:00:00+08:00');
      assert.throws(
        () =>
          checkRateable(
            calendar,
            { ...NO_WINDOW, serviceChannel, completedAt: later, promisedAt: null },
            now,
          ),
        (error: unknown) => error instanceof DomainError && error.id === 'evaluation.not_yet_rateable',
        `${serviceChannel}: completed only after the rating's time`,
      );
      checkRateable(calendar, { ...NO_WINDOW, serviceChannel, completedAt: later, promisedAt: null }, later);
    }
  });

  it('given a rating of an online 办件 dated before it was completed (a paper form), then it is judged as of its date: not before the next working day after the promise', () => {
    const completedAt = new Date('2026-10-09T10:00:00+08:00');
    const facts = { ...NO_WINDOW, serviceChannel: 'online', completedAt, promisedAt } as const;
    assert.throws(
      () => checkRateable(calendar, facts, new Date('2026-10-07T12:00:00+08:00')),
      (error: unknown) => error instanceof DomainError && error.id === 'evaluation.not_yet_rateable',
    );
    checkRateable(calendar, facts, new Date('2026-10-08T12:00:00+08:00'));
    checkRateable(calendar, facts, completedAt);
  });

  it('given a rating dated before its 办件 was accepted, then 400 evaluation.rated_before_accepted, whatever the channel (beyond five minutes of clock skew)', () => {
    for (const serviceChannel of ['window', 'online'] as const) {
      assert.throws(
        () =>
          checkRateable(
            calendar,
            { ...NO_WINDOW, serviceChannel, completedAt: promisedAt, promisedAt },
            new Date(acceptedAt.getTime() - 5 * 60 * 1000 - 1),
          ),
        (error: unknown) =>
          error instanceof DomainError &&
          error.id === 'evaluation.rated_before_accepted' &&
          error.details.acceptedAt === acceptedAt.toISOString(),
        serviceChannel,
      );
    }
    // A reporting system whose clock runs a little ahead: its 办件 accepted "now" is rated at once.
    checkRateable(
      calendar,
      { ...NO_WINDOW, completedAt: null, promisedAt },
      new Date(acceptedAt.getTime() - 5 * 60 * 1000),
    );
  });

  it('given a completed 办件 whose rating window closes at 23:59:59, then it may be rated until that second is over, not after; a rating given in time counts though 未评 was recorded before it was entered', () => {
    const completedAt = new Date('2026-11-20T10:00:00+08:00');
    const ratingWindowClosesAt = new Date('2026-11-27T23:59:59+08:00');
    const facts = {
      serviceChannel: 'window',
      acceptedAt,
      completedAt,
      promisedAt: null,
      ratingWindowClosesAt,
      recordedUnrated: false,
    } as const;
    checkRateable(calendar, facts, ratingWindowClosesAt);
    checkRateable(calendar, facts, new Date(ratingWindowClosesAt.getTime() + 999));
    const closed = (error: unknown) =>
      error instanceof DomainError &&
      error.id === 'evaluation.window_closed' &&
      error.details.windowClosesAt === ratingWindowClosesAt.toISOString();
    assert.throws(() => checkRateable(calendar, facts, new Date('2026-11-28T00:00:00+08:00')), closed);
    // A paper form filled in on the spot and imported after 未评 was recorded: the rater did rate in time.
    const recordedUnrated = { ...facts, recordedUnrated: true };
    checkRateable(calendar, recordedUnrated, completedAt);
    assert.throws(
      () => checkRateable(calendar, recordedUnrated, new Date('2026-11-28T00:00:00+08:00')),
      (error: unknown) => closed(error) && (error as DomainError).details.recordedUnrated === true,
    );
    assert.throws(
      () => checkRateable(calendar, { ...recordedUnrated, ratingWindowClosesAt: null }, completedAt),
      (error: unknown) => error instanceof DomainError && error.id === 'evaluation.window_closed',
      '未评 without a known window end refuses',
    );
  });
});

describe('no default ratings (art. 11)', () => {
  it('given the rating channels, then none is a system default', () => {
    assert.ok(!EVALUATION_CHANNELS.some((channel) => /default|system/.test(channel)));
  });
});
