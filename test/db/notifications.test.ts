// Notifications through the outbox (issue 4), against a real PostgreSQL, a real SMTP server and a real
// HTTP SMS receiver, all on this machine: nothing is lost while a peer is down, nothing is sent twice,
// and raters' phones are stored encrypted and shown masked.
import assert from 'node:assert/strict';
import { createProtector } from '../../infra/protector.ts';
import {
  applicantOfServiceRecord,
  contactsOf,
  enqueueNotification,
  raterOfCase,
} from '../../infra/notifications/outbox.ts';
import { batchReminderKeyOf, reminderKeyOf } from '../../infra/notifications/reminder-keys.ts';
import {
  REMINDER_NO_LONGER_WANTED,
  reminderWithdrawalReason,
} from '../../infra/notifications/reminder-relevance.ts';
import { randomUUID } from 'node:crypto';
import { createMailer } from '../../infra/notifications/mailer.ts';
import { createSmsGateway } from '../../infra/notifications/sms-gateway.ts';
import { createNotificationDispatcher } from '../../infra/notifications/dispatcher.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import { startSmsPeer, startSmtpPeer } from '../support/mail-peers.ts';
import { freePort } from '../support/ports.ts';
import type { SmsPeer, SmtpPeer } from '../support/mail-peers.ts';
import type { Mailer } from '../../infra/notifications/mailer.ts';
import type { SmsGateway } from '../../infra/notifications/sms-gateway.ts';
import type { Db } from '../../infra/db.ts';

const KEY = 'c'.repeat(64);
const FROM = '好差评系统 <noreply@hcp.test>';

describe('notifications through the outbox (issue 4)', () => {
  let db: Db;
  let smtp: SmtpPeer;
  let smsPeer: SmsPeer;
  let logLines: string[];
  // The dispatcher's clock runs `shiftMs` ahead of the database's: tests move it past a back-off.
  let shiftMs: number;
  const clock = () => new Date(Date.now() + shiftMs);
  const protector = createProtector(KEY);

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_notifications'));
    smtp = await startSmtpPeer();
    smsPeer = await startSmsPeer();
  });

  after(async () => {
    await Promise.all([smtp.stop(), smsPeer.stop()]);
    await db.destroy();
  });

  beforeEach(async () => {
    await db('notifications').delete();
    smtp.mailbox.length = 0;
    smsPeer.smsInbox.length = 0;
    smtp.rejectWith = undefined;
    smsPeer.failWithStatus = undefined;
    logLines = [];
    shiftMs = 0;
  });

  function dispatcher({ mailer, sms }: { mailer?: Mailer; sms?: SmsGateway }) {
    return createNotificationDispatcher({
      db,
      mailer,
      sms,
      protector,
      clock,
      log: (line) => logLines.push(line),
    });
  }

  const mailerTo = (url: string) => createMailer({ smtpUrl: url, from: FROM, timeoutMs: 2000 });
  const smsGateway = () => createSmsGateway({ url: smsPeer.url, token: smsPeer.token });
  const reminder = (key: string) => ({
    channel: 'email' as const,
    to: 'wang.fang@market.xa.gov.example',
    subject: '【催办】差评核实即将到期',
    body: '王芳：您好，您单位有一件差评待核实，请于明日 17:00 前办理。',
    caseId: null,
    idempotencyKey: key,
  });

  const caseWithRaterPhone = (phone: string) =>
    openBadReviewCase(db, { realName: true, rater: { name: '张三', phone }, protector });

  it('given the same reminder enqueued twice in transactions, when the outbox is drained, then one row and one mail in Chinese arrive', async () => {
    for (let time = 0; time < 2; time++) {
      await db.transaction((trx) => enqueueNotification(trx, reminder('verify-reminder:case-1')));
    }
    assert.equal((await db('notifications').select('id')).length, 1);
    const mailer = mailerTo(smtp.url);
    const sent = await dispatcher({ mailer }).drain();
    assert.equal(sent, 1);
    assert.equal(await dispatcher({ mailer }).drain(), 0, 'a sent row is never sent again');
    assert.equal(smtp.mailbox.length, 1);
    const [mail] = smtp.mailbox;
    assert.equal(mail!.to, 'wang.fang@market.xa.gov.example');
    assert.equal(mail!.subject, '【催办】差评核实即将到期');
    assert.equal(mail!.text, '王芳：您好，您单位有一件差评待核实，请于明日 17:00 前办理。');
    assert.match(mail!.from, /noreply@hcp\.test/);
    const row = await db('notifications').first();
    assert.ok(row.sent_at);
    assert.equal(row.attempts, 1);
    mailer.close();
  });

  it('given the SMTP server is down, when the outbox is drained, then the mail stays queued with its error, and once the server is up it is delivered exactly once', async () => {
    const port = await freePort();
    const mailer = mailerTo(`smtp://127.0.0.1:${port}`);
    await enqueueNotification(db, reminder('verify-reminder:case-2'));
    assert.equal(await dispatcher({ mailer }).drain(), 0);
    const failed = await db('notifications').first();
    assert.equal(failed.sent_at, null);
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /ECONNREFUSED/);
    assert.ok(new Date(failed.available_at).getTime() > Date.now(), 'the next attempt waits (back-off)');
    assert.equal(await dispatcher({ mailer }).drain(), 0, 'no attempt before the back-off has passed');
    assert.equal((await db('notifications').first()).attempts, 1);

    const revived = await startSmtpPeer({ port });
    try {
      shiftMs = 11_000; // past the first back-off (10 s)
      assert.equal(await dispatcher({ mailer }).drain(), 1);
      assert.equal(await dispatcher({ mailer }).drain(), 0);
      assert.equal(revived.mailbox.length, 1);
      assert.equal(revived.mailbox[0]!.subject, '【催办】差评核实即将到期');
      const row = await db('notifications').first();
      assert.ok(row.sent_at);
      assert.equal(row.attempts, 2);
      assert.equal(row.last_error, null);
    } finally {
      await revived.stop();
      mailer.close();
    }
  });

  it('given the SMTP server refuses recipients for now, when it accepts again, then the mail goes out once', async () => {
    smtp.rejectWith = '邮箱服务暂时不可用';
    const mailer = mailerTo(smtp.url);
    await enqueueNotification(db, reminder('verify-reminder:case-3'));
    assert.equal(await dispatcher({ mailer }).drain(), 0);
    const failed = await db('notifications').first();
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /451/);
    assert.equal(smtp.mailbox.length, 0);

    smtp.rejectWith = undefined;
    shiftMs = 11_000;
    assert.equal(await dispatcher({ mailer }).drain(), 1);
    assert.equal(smtp.mailbox.length, 1);
    mailer.close();
  });

  it("given a rater's case, when an SMS answer is enqueued and drained, then the phone is stored encrypted and masked and the gateway gets it with the token", async () => {
    const caseId = await caseWithRaterPhone('13812345678');
    await enqueueNotification(db, {
      channel: 'sms',
      to: raterOfCase(caseId),
      subject: '差评整改反馈',
      body: '您好，您对政务服务的评价已收到并核实，已整改。感谢您的监督。',
      caseId,
      idempotencyKey: `rater-answer-sms:${caseId}`,
    });
    const stored = await db('notifications').where({ case_id: caseId }).first();
    assert.equal(stored.recipient_encrypted, true);
    assert.ok(!stored.recipient.includes('13812345678'), 'the phone is not stored in plain');
    assert.equal(protector.decrypt(stored.recipient), '13812345678');
    assert.equal(stored.recipient_masked, '138****5678');

    assert.equal(await dispatcher({ sms: smsGateway() }).drain(), 1);
    assert.deepEqual(
      smsPeer.smsInbox.map(({ to, text, authorization }) => ({ to, text, authorization })),
      [
        {
          to: '13812345678',
          text: '您好，您对政务服务的评价已收到并核实，已整改。感谢您的监督。',
          authorization: 'Bearer sms-test-token',
        },
      ],
    );
    assert.match(smsPeer.smsInbox[0]!.idempotencyKey ?? '', /^[0-9a-f]{32}$/);
  });

  it('given the SMS gateway fails and echoes the phone, when drained, then the row retries and its stored error shows only the mask', async () => {
    const caseId = await caseWithRaterPhone('13987654321');
    await enqueueNotification(db, {
      channel: 'sms',
      to: raterOfCase(caseId),
      subject: '差评整改反馈',
      body: '您好，您的评价已处理。',
      caseId,
      idempotencyKey: `rater-answer-sms:${caseId}`,
    });
    smsPeer.failWithStatus = 503;
    assert.equal(await dispatcher({ sms: smsGateway() }).drain(), 0);
    const failed = await db('notifications').first();
    assert.equal(failed.attempts, 1);
    assert.match(failed.last_error, /503/);
    assert.ok(!failed.last_error.includes('13987654321'), failed.last_error);
    assert.match(failed.last_error, /139\*\*\*\*4321/);
    // An echo long enough that the stored excerpt ends inside the phone: its visible part must not show.
    for (const padding of [170, 175, 180]) {
      smsPeer.failPadding = padding;
      await db('notifications').update({ available_at: new Date(0) });
      assert.equal(await dispatcher({ sms: smsGateway() }).drain(), 0);
      const error = (await db('notifications').first()).last_error as string;
      assert.doesNotMatch(error, /13987|9876|87654|65432/, error);
    }
    smsPeer.failPadding = 0;
  });

  it('given no SMTP server is configured, when drained twice, then the mail stays queued untried and it is said once', async () => {
    await enqueueNotification(db, reminder('verify-reminder:case-4'));
    const unconfigured = dispatcher({ sms: smsGateway() });
    assert.equal(await unconfigured.drain(), 0);
    assert.equal(await unconfigured.drain(), 0);
    const row = await db('notifications').first();
    assert.equal(row.attempts, 0);
    assert.equal(row.sent_at, null);
    assert.equal(logLines.filter((line) => line.includes('SMTP_URL')).length, 1);
  });

  it('given the demo organisation, when contacts are asked for, then the department (home or another one worked in) filters only when given and roles always', async () => {
    const leaders = await contactsOf(db, { departmentId: 'xa-market', roles: ['unit-leader'] });
    assert.deepEqual(leaders, [
      {
        userId: 'li.qiang',
        name: '李强',
        role: 'unit-leader',
        departmentId: 'xa-market',
        email: 'li.qiang@market.xa.gov.example',
        phone: '13991000102',
      },
    ]);
    const unitPeople = await contactsOf(db, {
      departmentId: 'xa-market',
      roles: ['unit-staff', 'unit-leader'],
    });
    assert.deepEqual(
      unitPeople.map((contact) => contact.userId),
      ['li.qiang', 'wang.fang'],
    );
    assert.deepEqual(await contactsOf(db, { departmentId: 'xa-hrss', roles: ['unit-leader'] }), []);
    // 王芳 also works 住建局's cases (user_departments): she is told of their clocks too.
    assert.ok(
      (await contactsOf(db, { departmentId: 'xa-housing', roles: ['unit-staff'] })).some(
        (contact) => contact.userId === 'wang.fang',
      ),
    );
    const supervisors = await contactsOf(db, { roles: ['supervisor'] });
    assert.deepEqual(
      supervisors.map((contact) => [contact.userId, contact.email]),
      [['sun.li', 'sun.li@supervision.xa.gov.example']],
    );
    await assert.rejects(contactsOf(db, { roles: ['leader'] }), /unknown user role/);
  });
  it('given reminders (art. 10) queued while the SMS gateway was down, when it answers again, then the one still in its window is sent and those of a 办件 rated or past its window meanwhile are withdrawn with the reason', async () => {
    const invited = async (serviceRecordId: string, windowClosesAt: Date) => {
      await db('evaluation_invitations').insert({
        service_record_id: serviceRecordId,
        completed_at: new Date(Date.now() - 48 * 3_600_000),
        reminder_at: new Date(Date.now() - 24 * 3_600_000),
        window_closes_at: windowClosesAt,
        window_provisional: false,
        scheduled_at: new Date(Date.now() - 48 * 3_600_000),
      });
      await db.transaction((trx) =>
        enqueueNotification(trx, {
          channel: 'sms',
          to: applicantOfServiceRecord(serviceRecordId),
          subject: '评价提醒',
          body: `您的办件 ${serviceRecordId} 已办结，请评价。`,
          caseId: null,
          idempotencyKey: reminderKeyOf(serviceRecordId),
        }),
      );
    };
    const withPhone = async (phone: string) => {
      const id = `SR-N-${randomUUID().slice(0, 8)}`;
      await db('service_records').insert({
        id,
        item_code: 'XA-SC-0001',
        handling_department_id: 'xa-market',
        channel: 'online',
        accepted_at: new Date(Date.now() - 72 * 3_600_000),
        completed_at: new Date(Date.now() - 48 * 3_600_000),
        applicant_phone_encrypted: protector.encrypt(phone),
        applicant_phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
      });
      return id;
    };
    const later = new Date(Date.now() + 5 * 24 * 3_600_000);
    const open = await withPhone('13900000011');
    await invited(open, later);
    const pastWindow = await withPhone('13900000012');
    await invited(pastWindow, new Date(Date.now() - 60_000));
    const recordedUnrated = await withPhone('13900000013');
    await invited(recordedUnrated, later);
    await db('unrated_service_records').insert({
      service_record_id: recordedUnrated,
      window_closed_at: later,
      recorded_at: new Date(),
    });
    const caseId = await openBadReviewCase(db, { protector });
    const rated = (await db('evaluations').where({ id: caseId }).first()).service_record_id as string;
    await db('service_records')
      .where({ id: rated })
      .update({
        applicant_phone_encrypted: protector.encrypt('13900000014'),
        applicant_phone_masked: '139****0014',
      });
    await invited(rated, later);

    assert.equal(await dispatcher({ sms: smsGateway() }).drain(), 1);
    assert.deepEqual(
      smsPeer.smsInbox.map((sms) => sms.to),
      ['13900000011'],
    );
    const rows = await db('notifications')
      .whereIn('idempotency_key', [pastWindow, recordedUnrated, rated, open].map(reminderKeyOf))
      .select('idempotency_key', 'sent_at', 'withdrawn_at', 'withdrawn_reason');
    const byKey = new Map(rows.map((row) => [row.idempotency_key, row]));
    assert.ok(byKey.get(reminderKeyOf(open)).sent_at);
    for (const [id, reason] of [
      [pastWindow, REMINDER_NO_LONGER_WANTED.windowOver],
      [recordedUnrated, REMINDER_NO_LONGER_WANTED.windowOver],
      [rated, REMINDER_NO_LONGER_WANTED.rated],
    ] as const) {
      const row = byKey.get(reminderKeyOf(id));
      assert.equal(row.sent_at, null, id);
      assert.ok(row.withdrawn_at, id);
      assert.equal(row.withdrawn_reason, reason, id);
    }
    assert.equal(await dispatcher({ sms: smsGateway() }).drain(), 0, 'a withdrawn row is not tried again');
    assert.equal(smsPeer.smsInbox.length, 1);
  });
  it("given a batch's reminder queued for the 办件 whose windows ended on one day, when another 办件 of the batch is still in a later window, then the reminder is withdrawn all the same", async () => {
    const batchId = `B-${randomUUID().slice(0, 8)}`;
    const member = async (windowClosesAt: Date) => {
      const id = `SR-N-${randomUUID().slice(0, 8)}`;
      await db('service_records').insert({
        id,
        batch_id: batchId,
        item_code: 'XA-SC-0001',
        handling_department_id: 'xa-market',
        channel: 'online',
        accepted_at: new Date(Date.now() - 20 * 24 * 3_600_000),
        completed_at: new Date(Date.now() - 10 * 24 * 3_600_000),
      });
      await db('evaluation_invitations').insert({
        service_record_id: id,
        completed_at: new Date(Date.now() - 10 * 24 * 3_600_000),
        reminder_at: new Date(Date.now() - 9 * 24 * 3_600_000),
        window_closes_at: windowClosesAt,
        window_provisional: false,
        scheduled_at: new Date(Date.now() - 10 * 24 * 3_600_000),
      });
    };
    const ended = new Date(Date.now() - 2 * 24 * 3_600_000);
    await member(ended);
    await member(new Date(Date.now() + 5 * 24 * 3_600_000));
    const key = batchReminderKeyOf(batchId, 'ab12', ended);
    assert.equal(await reminderWithdrawalReason(db, key, new Date()), REMINDER_NO_LONGER_WANTED.windowOver);
    const laterKey = batchReminderKeyOf(batchId, 'ab12', new Date(Date.now() + 5 * 24 * 3_600_000));
    assert.equal(await reminderWithdrawalReason(db, laterKey, new Date()), null, 'the later one still goes');
  });
});
