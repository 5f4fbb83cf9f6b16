// art. 10 as the process evaluation-invitation (issue 5): a completed 办件 without a rating gets an SMS
// reminder 24 hours after completion and, 5 working days later, 未评; a rating ends the wait at once.
// Timers are moved by executing their jobs over REST, never by waiting.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getHarness } from './harness.ts';
import { waitingInvitationTimer } from './invitations.ts';
import {
  eventually,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { shippedCalendar } from '../support/calendar.ts';
import { invitationSchedule, INVITATION_PROCESS_KEY } from '../../domain/evaluation/invitation.ts';
import type { Harness } from './harness.ts';

const HOUR = 3_600_000;

function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** A 办件 completed an hour ago (so its timers lie ahead and only fire when a test executes them). */
async function registerCompleted(harness: Harness, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  const record = serviceRecordBody({
    id: `SR-INV-${randomUUID().slice(0, 8)}`,
    channel: 'online',
    acceptedAt: new Date(now - 48 * HOUR).toISOString(),
    promisedAt: new Date(now + 72 * HOUR).toISOString(),
    completedAt: new Date(now - HOUR).toISOString(),
    ...overrides,
  });
  const created = await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return record;
}

async function endedInvitation(harness: Harness, serviceRecordId: string) {
  return eventually(
    async () => {
      const [instance] = await harness.engine.historicProcessInstances({
        processInstanceBusinessKey: serviceRecordId,
        processDefinitionKey: INVITATION_PROCESS_KEY,
      });
      if (!instance?.endTime) return undefined;
      return (await harness.engine.historicActivities(instance.id)).map((activity) => activity.activityId);
    },
    { timeoutMs: 30_000, what: `the invitation of ${serviceRecordId} to end` },
  );
}

/**
 * The workers read the real clock, and a timer executed over REST fires days early: the window's end as
 * stored is set a minute into the past, as if its five working days had gone by.
 */
async function windowEndedAsStored(harness: Harness, serviceRecordId: string): Promise<Date> {
  const ended = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
  await harness
    .db('evaluation_invitations')
    .where({ service_record_id: serviceRecordId })
    .update({ window_closes_at: ended });
  return ended;
}

describe('the evaluation invitation (issue 5, art. 10)', () => {
  it('given a completed 办件 without a rating, when the reminder timer runs, then the applicant gets one SMS; when the window timer runs, then 未评 is recorded and the process ends', async () => {
    const harness = getHarness();
    const phone = uniquePhone();
    const record = await registerCompleted(harness, { applicant: { phone } });
    const expected = invitationSchedule(await shippedCalendar(), new Date(record.completedAt));

    const reminder = await waitingInvitationTimer(harness, record.id, 'Timer_RatingReminderDue');
    assert.equal(new Date(reminder.job.dueDate!).getTime(), expected.reminderAt.getTime());
    await harness.engine.executeJob(reminder.job.id);

    const sms = await eventually(
      async () => harness.smsInbox.find((received) => received.text.includes(record.id)),
      { what: 'the reminder SMS at the gateway' },
    );
    assert.equal(sms.to, phone);
    assert.match(sms.text, /5个工作日|逾期记为“未评”/);
    const code = harness.protector.smsRatingCode(record.id);
    assert.ok(
      sms.text.includes(`/rate?sr=${record.id}&code=${code} `),
      'it links to the rating page, 评价码 included',
    );
    const stored = await harness.db('service_records').where({ id: record.id }).first();
    assert.equal(stored.applicant_phone_masked, `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    assert.ok(!String(stored.applicant_phone_encrypted).includes(phone), 'the phone is stored encrypted');

    const window = await waitingInvitationTimer(harness, record.id, 'Timer_RatingWindowClosed');
    assert.equal(new Date(window.job.dueDate!).getTime(), expected.windowClosesAt.getTime());
    // The five working days go by: the window as stored has ended when its timer fires.
    const ended = await windowEndedAsStored(harness, record.id);
    await harness.engine.executeJob(window.job.id);

    const activities = await endedInvitation(harness, record.id);
    assert.ok(activities.includes('Task_RemindApplicant'));
    assert.ok(activities.includes('EndEvent_Unrated'));
    const unrated = await harness.db('unrated_service_records').where({ service_record_id: record.id });
    assert.equal(unrated.length, 1);
    assert.equal(new Date(unrated[0].window_closed_at).getTime(), ended.getTime());
    const ratings = await harness.db('evaluations').where({ service_record_id: record.id });
    assert.equal(ratings.length, 0, '未评 is never a rating');
    assert.equal(harness.smsInbox.filter((received) => received.text.includes(record.id)).length, 1);
  });

  it('given a window timer that fires before the window as stored has ended (a holiday notice lengthened it, the engine not told yet), then no 未评: the invitation waits again until the end as stored, and a rating still ends it', async () => {
    const harness = getHarness();
    const record = await registerCompleted(harness, { applicant: { phone: uniquePhone() } });
    const reminder = await waitingInvitationTimer(harness, record.id, 'Timer_RatingReminderDue');
    await harness.engine.executeJob(reminder.job.id);
    const first = await waitingInvitationTimer(harness, record.id, 'Timer_RatingWindowClosed');
    const lengthened = new Date(new Date(first.job.dueDate!).getTime() + 2 * 24 * HOUR);
    await harness
      .db('evaluation_invitations')
      .where({ service_record_id: record.id })
      .update({ window_closes_at: lengthened });
    await harness.engine.executeJob(first.job.id);

    const again = await eventually(
      async () => {
        const found = await waitingInvitationTimer(harness, record.id, 'Timer_RatingWindowClosed');
        return found.job.id === first.job.id ? undefined : found;
      },
      { what: 'the window timer set again' },
    );
    assert.equal(new Date(again.job.dueDate!).getTime(), lengthened.getTime());
    assert.equal(
      (await harness.db('unrated_service_records').where({ service_record_id: record.id })).length,
      0,
      'no 未评 inside the window',
    );
    const rated = await postRating(harness.apiUrl, harness.protector, {
      serviceRecordId: record.id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    const activities = await endedInvitation(harness, record.id);
    assert.ok(activities.includes('Gateway_WindowStillOpen'));
    assert.ok(activities.includes('EndEvent_RatedAfterReminder'));
    assert.ok(!activities.includes('EndEvent_Unrated'));
  });

  it('given a completed 办件 waiting for its rating, when it is rated, then the invitation ends on the message and no SMS goes out', async () => {
    const harness = getHarness();
    const record = await registerCompleted(harness, { applicant: { phone: uniquePhone() } });
    await waitingInvitationTimer(harness, record.id, 'Timer_RatingReminderDue');

    const rated = await postRating(harness.apiUrl, harness.protector, {
      serviceRecordId: record.id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));

    const activities = await endedInvitation(harness, record.id);
    assert.ok(activities.includes('Event_RatedBeforeReminder'));
    assert.ok(activities.includes('EndEvent_RatedBeforeReminder'));
    assert.ok(!activities.includes('Task_RemindApplicant'));
    assert.equal(harness.smsInbox.filter((received) => received.text.includes(record.id)).length, 0);
    assert.equal(
      (await harness.db('unrated_service_records').where({ service_record_id: record.id })).length,
      0,
    );
  });

  it('given a batch of two completed 办件 (art. 9), when one is rated, then both invitations end on the message', async () => {
    const harness = getHarness();
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const first = await registerCompleted(harness, { batchId });
    const second = await registerCompleted(harness, { batchId });
    await waitingInvitationTimer(harness, first.id, 'Timer_RatingReminderDue');
    await waitingInvitationTimer(harness, second.id, 'Timer_RatingReminderDue');

    const rated = await postRating(harness.apiUrl, harness.protector, {
      serviceRecordId: first.id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    for (const record of [first, second]) {
      assert.ok((await endedInvitation(harness, record.id)).includes('EndEvent_RatedBeforeReminder'));
    }
  });

  it('given a 办件 completed on 9/30 whose completion is reported only weeks later, then it is reminded at once and has its five working days from then, not 未评 without a word (art. 10)', async () => {
    const harness = getHarness();
    const phone = uniquePhone();
    const record = await registerCompleted(harness, {
      acceptedAt: '2026-09-28T09:00:00+08:00',
      promisedAt: '2026-10-09T17:00:00+08:00',
      completedAt: '2026-09-30T10:00:00+08:00',
      applicant: { phone },
    });
    // The reminder's date is the scheduling moment, already past: the job executor fires it at once.
    const sms = await eventually(
      async () => harness.smsInbox.find((received) => received.text.includes(record.id)),
      { what: 'the reminder SMS of the late 办件' },
    );
    assert.equal(sms.to, phone);
    const invitation = await harness
      .db('evaluation_invitations')
      .where({ service_record_id: record.id })
      .first();
    const scheduledAt = new Date(invitation.scheduled_at);
    const expected = invitationSchedule(await shippedCalendar(), new Date(record.completedAt), scheduledAt);
    assert.equal(new Date(invitation.reminder_at).getTime(), scheduledAt.getTime());
    assert.equal(new Date(invitation.window_closes_at).getTime(), expected.windowClosesAt.getTime());
    assert.ok(new Date(invitation.window_closes_at).getTime() > Date.now(), 'the window lies ahead');
    assert.equal(invitation.reminder_skipped, null);
    assert.equal(
      (await harness.db('unrated_service_records').where({ service_record_id: record.id })).length,
      0,
      'no 未评',
    );
    const window = await waitingInvitationTimer(harness, record.id, 'Timer_RatingWindowClosed');
    assert.equal(new Date(window.job.dueDate!).getTime(), expected.windowClosesAt.getTime());
  });

  it('given a 办件 registered before completion, when its completion is reported, then its invitation starts; a second report is refused', async () => {
    const harness = getHarness();
    const record = await registerCompleted(harness, { completedAt: undefined });
    const before = await harness.db('invitation_outbox').where({ service_record_id: record.id });
    assert.equal(before.length, 0, 'no invitation before completion');

    const completedAt = new Date(Date.now() - HOUR).toISOString();
    const reported = await postJson(
      harness.apiUrl,
      `/api/service-records/${record.id}/completion`,
      {
        completedAt,
      },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(reported.status, 200, JSON.stringify(reported.body));
    const reminder = await waitingInvitationTimer(harness, record.id, 'Timer_RatingReminderDue');
    assert.equal(new Date(reminder.job.dueDate!).getTime(), Date.parse(completedAt) + 24 * HOUR);

    const again = await postJson(
      harness.apiUrl,
      `/api/service-records/${record.id}/completion`,
      {
        completedAt,
      },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(again.status, 409);
    assert.equal(again.body.error.id, 'service_record.already_completed');
    const unknown = await postJson(
      harness.apiUrl,
      '/api/service-records/SR-NOPE/completion',
      {
        completedAt,
      },
      HANDLING_SYSTEM_HEADERS,
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.id, 'service_record.not_found');
    assert.equal((await harness.db('invitation_outbox').where({ service_record_id: record.id })).length, 1);
  });
});
