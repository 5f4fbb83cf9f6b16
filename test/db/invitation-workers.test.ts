// The evaluation-invitation workers (issue 5, art. 10) run at least once: a second delivery writes
// nothing new, and a rating that reached the database first stops the reminder and 未评.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { freshAppDatabase } from '../support/databases.ts';
import { shippedCalendar } from '../support/calendar.ts';
import { createProtector } from '../../infra/protector.ts';
import * as schedule from '../../workers/invitation-schedule.ts';
import * as reminder from '../../workers/invitation-reminder.ts';
import * as unrated from '../../workers/invitation-unrated.ts';
import { legacyBatchReminderKeyOf } from '../../infra/notifications/reminder-keys.ts';
import { phoneLookup } from '../../domain/fraud/phone.ts';
import type { Db } from '../../infra/db.ts';
import type { ExternalTask, TopicWorker } from '../../workers/adapter.ts';
import type { WorkerDeps } from '../../workers/deps.ts';

describe('the invitation workers are idempotent (issue 5)', () => {
  let db: Db;
  let workers: Record<'schedule' | 'reminder' | 'unrated', TopicWorker>;
  const protector = createProtector('e'.repeat(64));
  // Thursday 2026-10-01 12:00 in Shanghai: the day after the completion, inside its window.
  const inWindow = new Date('2026-10-01T04:00:00Z');
  let now = inWindow;

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_invitation_workers'));
    const deps = {
      db,
      clock: () => now,
      calendars: { current: shippedCalendar },
      protector,
      publicBaseUrl: 'https://pj.example.gov.cn',
    } as unknown as WorkerDeps;
    workers = {
      schedule: schedule.createWorker(deps),
      reminder: reminder.createWorker(deps),
      unrated: unrated.createWorker(deps),
    };
  });

  after(() => db.destroy());

  async function completedRecord(
    phone: string | null,
    batchId: string | null = null,
    completedAt = '2026-09-30T10:00:00+08:00',
  ): Promise<string> {
    const id = `SR-W-${randomUUID().slice(0, 8)}`;
    await db('service_records').insert({
      batch_id: batchId,
      id,
      item_code: 'XA-SC-0001',
      handling_department_id: 'xa-market',
      channel: 'online',
      accepted_at: '2026-09-28T09:00:00+08:00',
      completed_at: completedAt,
      applicant_phone_encrypted: phone ? protector.encrypt(phone) : null,
      applicant_phone_masked: phone ? '139****0000' : null,
    });
    return id;
  }

  const task = (
    worker: TopicWorker,
    serviceRecordId: string,
    variables: Record<string, unknown> = {},
  ): ExternalTask => ({
    id: randomUUID(),
    topic: worker.topic,
    businessKey: serviceRecordId,
    processInstanceId: randomUUID(),
    activityId: 'any',
    variable: (name) => variables[name],
  });
  /** 记录未评 as the current model has it: its input says the process can wait again. */
  const unratedTask = (serviceRecordId: string) =>
    task(workers.unrated, serviceRecordId, { waitsAgainWhileOpen: true });

  /** The reminders a batch's applicant was sent, in the order they were queued. */
  const batchReminders = (batchId: string) =>
    db('notifications')
      .where('idempotency_key', 'like', `evaluation-reminder:batch:${batchId}:%`)
      .orderBy('id');

  async function twice(worker: TopicWorker, serviceRecordId: string) {
    return [
      await worker.handle(task(worker, serviceRecordId)),
      await worker.handle(task(worker, serviceRecordId)),
    ];
  }

  it('given a completed 办件, when the schedule, reminder and 未评 steps each run twice, then one schedule, one SMS and one 未评', async () => {
    const id = await completedRecord('13900000000');
    const [first, second] = await twice(workers.schedule, id);
    assert.deepEqual(first, second, 'the same dates both times');
    const variables = (first as { variables: Record<string, unknown> }).variables;
    assert.equal((variables.windowClosesAt as Date).toISOString(), '2026-10-13T15:59:59.000Z');

    await twice(workers.reminder, id);
    const sms = await db('notifications').where({ idempotency_key: `evaluation-reminder:${id}` });
    assert.equal(sms.length, 1);
    assert.equal(sms[0].recipient_encrypted, true);
    assert.equal(protector.decrypt(sms[0].recipient), '13900000000');
    assert.match(sms[0].body, /2026年10月13日前评价/);
    const link = `https://pj.example.gov.cn/rate?sr=${id}&code=${protector.smsRatingCode(id)}`;
    assert.ok(sms[0].body.includes(`评价请点击 ${link} 。`), 'the link to its rating page, with its 评价码');

    // The window closes 2026-10-13 23:59:59 in Shanghai; its timer fired at that moment.
    now = new Date('2026-10-13T15:59:59.000Z');
    try {
      const outcomes = await twice(workers.unrated, id);
      for (const outcome of outcomes)
        assert.deepEqual(outcome, { kind: 'complete', variables: { ratingWindowOpen: false } });
    } finally {
      now = inWindow;
    }
    assert.equal((await db('unrated_service_records').where({ service_record_id: id })).length, 1);
  });

  it('given a window lengthened after its timer was set (a holiday notice the engine was not told of yet), when the timer fires at the old end, then no 未评 and the process waits until the end as stored', async () => {
    const id = await completedRecord('13900000000');
    await workers.schedule.handle(task(workers.schedule, id));
    const lengthened = new Date('2026-10-20T15:59:59.000Z');
    await db('evaluation_invitations')
      .where({ service_record_id: id })
      .update({ window_closes_at: lengthened });
    now = new Date('2026-10-13T16:00:05.000Z');
    try {
      const outcome = await workers.unrated.handle(unratedTask(id));
      assert.deepEqual(outcome, {
        kind: 'complete',
        variables: { ratingWindowOpen: true, windowClosesAt: lengthened },
      });
      // An instance started under the model before it could wait again: the task comes back at the end.
      const older = await workers.unrated.handle(task(workers.unrated, id));
      assert.equal(older.kind, 'failure');
      assert.deepEqual(
        [
          (older as { keepRetries?: boolean }).keepRetries,
          (older as { retryTimeoutMs?: number }).retryTimeoutMs,
        ],
        [true, lengthened.getTime() - now.getTime() + 1000],
      );
      assert.equal((await db('unrated_service_records').where({ service_record_id: id })).length, 0);
      now = new Date('2026-10-20T16:00:00.000Z');
      const atTheEnd = await workers.unrated.handle(unratedTask(id));
      assert.deepEqual(atTheEnd, { kind: 'complete', variables: { ratingWindowOpen: false } });
    } finally {
      now = inWindow;
    }
    const recorded = await db('unrated_service_records').where({ service_record_id: id });
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0].window_closed_at.toISOString(), lengthened.toISOString());
  });

  it("given the 办件 of one batch (art. 9: one rating for all), when each one's reminder runs, then the applicant gets one SMS and every one of them is reminded", async () => {
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const ids = [
      await completedRecord('13900000001', batchId),
      await completedRecord('13900000001', batchId),
    ];
    for (const id of ids) {
      await workers.schedule.handle(task(workers.schedule, id));
      await workers.reminder.handle(task(workers.reminder, id));
    }
    const sms = await batchReminders(batchId);
    assert.equal(sms.length, 1, 'one SMS for the batch');
    const invitations = await db('evaluation_invitations').whereIn('service_record_id', ids);
    assert.deepEqual(
      invitations.map((invitation) => invitation.reminded_at !== null),
      [true, true],
    );
  });

  it('given a batch whose second 办件 is completed weeks after the first (its own window), when its reminder runs, then the applicant gets an SMS naming its own deadline', async () => {
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const first = await completedRecord('13900000002', batchId);
    await workers.schedule.handle(task(workers.schedule, first));
    await workers.reminder.handle(task(workers.reminder, first));
    const later = await completedRecord('13900000002', batchId, '2026-10-20T10:00:00+08:00');
    now = new Date('2026-10-21T04:00:00Z');
    try {
      await workers.schedule.handle(task(workers.schedule, later));
      await workers.reminder.handle(task(workers.reminder, later));
    } finally {
      now = inWindow;
    }
    const sms = await batchReminders(batchId);
    assert.equal(sms.length, 2, 'one SMS for each window');
    assert.match(sms[0].body, /2026年10月13日前评价/);
    assert.match(sms[1].body, /2026年10月28日前评价/);
  });

  it('given a reminder that runs days late (the engine was down), then it is sent with five working days from then, and the process waits until then', async () => {
    const id = await completedRecord('13900000003');
    await workers.schedule.handle(task(workers.schedule, id));
    // Due on 10/01; sent on Friday 10/16, after the window's end (10/13) had passed.
    now = new Date('2026-10-16T02:00:00Z');
    try {
      const outcome = await workers.reminder.handle(task(workers.reminder, id));
      const closes = new Date('2026-10-23T15:59:59.000Z');
      assert.deepEqual(outcome, {
        kind: 'complete',
        variables: { windowClosesAt: closes, windowProvisional: false },
      });
      const invitation = await db('evaluation_invitations').where({ service_record_id: id }).first();
      assert.equal(invitation.window_closes_at.toISOString(), closes.toISOString());
      assert.equal(invitation.reminder_at.toISOString(), now.toISOString(), 'counted from the sending');
      assert.equal(invitation.reminder_skipped, null);
      const [sms] = await db('notifications').where({ idempotency_key: `evaluation-reminder:${id}` });
      assert.match(sms.body, /请于2026年10月23日前评价/);
      // Delivered again a day later: the window it was told stays.
      now = new Date('2026-10-17T02:00:00Z');
      await workers.reminder.handle(task(workers.reminder, id));
      const again = await db('evaluation_invitations').where({ service_record_id: id }).first();
      assert.equal(again.window_closes_at.toISOString(), closes.toISOString());
    } finally {
      now = inWindow;
    }
  });

  it("given a batch's reminder queued today under the key batches had before (a deployment mid-day), when another 办件 of the batch falls due, then no second SMS", async () => {
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const id = await completedRecord('13900000004', batchId);
    const phone = phoneLookup('13900000004', protector.lookupHash)!;
    await db('notifications').insert({
      channel: 'sms',
      recipient: protector.encrypt('13900000004'),
      recipient_encrypted: true,
      recipient_masked: '139****0004',
      subject: '评价提醒',
      body: '【好差评】您的办件已办结……',
      idempotency_key: legacyBatchReminderKeyOf(batchId, phone),
    });
    await workers.schedule.handle(task(workers.schedule, id));
    await workers.reminder.handle(task(workers.reminder, id));
    const sms = await batchReminders(batchId);
    assert.equal(sms.length, 1, 'the one queued before');
    const invitation = await db('evaluation_invitations').where({ service_record_id: id }).first();
    assert.ok(invitation.reminded_at, 'reminded by it');
  });

  it('given a 办件 whose applicant left no phone, when the reminder runs, then no SMS and the reason is kept', async () => {
    const id = await completedRecord(null);
    await workers.schedule.handle(task(workers.schedule, id));
    const outcome = await workers.reminder.handle(task(workers.reminder, id));
    assert.equal(outcome.kind, 'complete');
    const invitation = await db('evaluation_invitations').where({ service_record_id: id }).first();
    assert.equal(invitation.reminder_skipped, 'no-phone');
    assert.equal(
      (await db('notifications').where({ idempotency_key: `evaluation-reminder:${id}` })).length,
      0,
    );
  });

  it('given a task without a business key, then it fails without writing', async () => {
    const outcome = await workers.schedule.handle({ ...task(workers.schedule, 'x'), businessKey: null });
    assert.equal(outcome.kind, 'failure');
  });
});
