// The running server drains the notification outbox (issue 4): a message enqueued in its database, as a
// worker would in its own transaction, reaches the harness's real SMTP server or SMS gateway.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getHarness } from './harness.ts';
import { postBadReview } from './cases.ts';
import { eventually } from '../support/fixtures.ts';
import { addStaffMember, DISTRICT_SUPERVISOR, staff } from '../support/staff.ts';
import { contactsOf, enqueueNotification, raterOfCase } from '../../infra/notifications/outbox.ts';

describe('notifications from the running server (issue 4)', () => {
  it("given the unit's staff, when a reminder is enqueued in the server's database, then the dispatcher delivers it to their mailbox", async () => {
    const harness = getHarness();
    const [staff] = await contactsOf(harness.db, { departmentId: 'xa-market', roles: ['unit-staff'] });
    assert.ok(staff?.email);
    const subject = `【催办】差评待核实 ${randomUUID().slice(0, 8)}`;
    await harness.db.transaction((trx) =>
      enqueueNotification(trx, {
        channel: 'email',
        to: staff.email!,
        subject,
        body: `${staff.name}：您好，您单位有一件差评待核实，请及时办理。`,
        caseId: null,
        idempotencyKey: `engine-tier-reminder:${subject}`,
      }),
    );
    const mail = await eventually(
      async () => harness.mailbox.find((received) => received.subject === subject),
      {
        what: 'the reminder in the mailbox',
      },
    );
    assert.equal(mail.to, 'wang.fang@market.xa.gov.example');
    assert.equal(mail.text, '王芳：您好，您单位有一件差评待核实，请及时办理。');
    // The dispatcher marks the row once the SMTP server has answered, which may be a moment after the mailbox
    // holds the message.
    const row = await eventually(
      async () => {
        const found = await harness.db('notifications').where({ subject }).first();
        return found?.sent_at ? found : undefined;
      },
      { what: 'the reminder marked sent' },
    );
    assert.ok(row.sent_at, 'marked sent');
    assert.equal(row.attempts, 1);
  });

  it("given a 差评 with the rater's phone, when an SMS answer is enqueued, then the gateway gets the phone and the API shows it sent and masked", async () => {
    const harness = getHarness();
    const supervisor = await staff(harness.apiUrl, 'sun.li');
    const caseId = await postBadReview(harness, { rater: { name: '张三', phone: '13812345678' } });
    const body = `您好，您的评价（${caseId.slice(0, 8)}）已核实整改，感谢您的监督。`;
    await enqueueNotification(harness.db, {
      channel: 'sms',
      to: raterOfCase(caseId),
      subject: '差评整改反馈',
      body,
      caseId,
      idempotencyKey: `engine-tier-answer:${caseId}`,
    });
    const sms = await eventually(async () => harness.smsInbox.find((received) => received.text === body), {
      what: 'the SMS at the gateway',
    });
    assert.equal(sms.to, '13812345678');
    assert.equal(sms.authorization, 'Bearer sms-test-token');

    const listed = await eventually(
      async () => {
        const response = await supervisor.get(`/api/notifications?caseId=${caseId}`);
        assert.equal(response.status, 200);
        const found = (response.body.notifications as any[]).find((item) => item.body === body);
        return found?.status === 'sent' ? found : undefined;
      },
      { what: 'the SMS listed as sent' },
    );
    assert.equal(listed.recipient, '138****5678');
    assert.equal(listed.channel, 'sms');
    assert.equal(listed.attempts, 1);
    assert.equal(listed.caseId, caseId);
    assert.ok(!JSON.stringify(listed).includes('13812345678'), 'the API never shows the phone');
    const everything = await supervisor.get('/api/notifications');
    assert.ok(
      (everything.body.notifications as any[]).some((item) => item.body === body),
      "in the city supervisor's whole list",
    );
    // A district's supervisor: the city unit's case is not found for them, nor in their whole list.
    await addStaffMember(harness.db, DISTRICT_SUPERVISOR);
    const district = await staff(harness.apiUrl, DISTRICT_SUPERVISOR.id);
    const hidden = await district.get(`/api/notifications?caseId=${caseId}`);
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error.id, 'case.not_found');
    const theirs = await district.get('/api/notifications');
    assert.equal(theirs.status, 200);
    assert.ok(!(theirs.body.notifications as any[]).some((item) => item.caseId === caseId));
    const refused = await supervisor.get('/api/notifications?caseId=not-a-case');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.id, 'request.invalid');
  });
});
