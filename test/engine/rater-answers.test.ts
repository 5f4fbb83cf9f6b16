// The answer to the rater (art. 17: feedback for every 差评), round by round (issue 4): a second
// rectification is answered again, a 差评 not adopted after the appeal review is answered with the
// reviewer's reasons (and no return visit), an anonymous rater reads the answers through the platform by
// the rating's id, and a redelivered answer step of a later round changes nothing more.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getHarness } from './harness.ts';
import { answerThenDie } from './dying-worker.ts';
import { assertOneWorkOrder, smsSaying } from './messages.ts';
import { WITHDRAWAL_REASONS } from '../../infra/hotline/withdrawal.ts';
import {
  activitiesOfEndedCase,
  adminSession,
  completeStage,
  evidenceOf,
  postBadReview,
  timelineKinds,
  waitForCaseStatus,
  waitForTask,
  recordReturnVisit,
} from './cases.ts';
import {
  eventually,
  getJson,
  postJson,
  badReviewBody,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { ERROR_CATALOGUE } from '../../server/errors.ts';
import type { Harness } from './harness.ts';

const PHONE = '13812345678';
const verifyValid = { outcome: 'valid', findings: '调取录像，情况属实' };
/** Rectification text unique to one test: the SMS inbox is shared by the whole run. */
const actions = (what: string) => `${what}（${randomUUID().slice(0, 8)}）`;

const answersInDb = (harness: Harness, caseId: string) =>
  harness.db('rater_answers').where({ case_id: caseId }).orderBy('round');
const answerEvents = (harness: Harness, caseId: string) =>
  harness.db('case_events').where({ case_id: caseId, kind: 'rater-answered' }).orderBy('id');
const publicAnswers = (harness: Harness, ratingId: string) =>
  getJson(harness.apiUrl, `/api/evaluations/${ratingId}/answer`);

describe('the answers to the rater, round by round (issue 4, art. 17)', () => {
  it('given a dissatisfied return visit, when the unit rectifies again and the rater is satisfied, then each round is answered: two answers, two SMS delivered, two timeline events', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const first = actions('当面致歉并补办');
    const second = actions('专人上门办结');
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    await completeStage(harness, caseId, 'Task_RectifyComplaint', { problem: '办理超时', actions: first });
    await recordReturnVisit(harness, caseId, 'dissatisfied');
    await completeStage(harness, caseId, 'Task_RectifyComplaint', {
      problem: '首次整改不到位',
      actions: second,
    });
    await recordReturnVisit(harness, caseId, 'satisfied');
    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'rectified');

    const rows = await answersInDb(harness, caseId);
    assert.deepEqual(
      rows.map((row) => [row.round, row.kind]),
      [
        [1, 'rectification'],
        [2, 'rectification'],
      ],
    );
    assert.ok(rows[0].message.includes(first));
    assert.ok(rows[1].message.includes(second));
    assert.notEqual(rows[0].task_id, rows[1].task_id, 'each round is its own answer step');

    // Both answers went out by SMS, to the rater's real number.
    for (const text of [first, second]) assert.equal((await smsSaying(harness, text)).to, PHONE);
    const sms = await harness.db('notifications').where({ case_id: caseId, channel: 'sms' }).orderBy('id');
    assert.deepEqual(
      sms.map((row) => row.idempotency_key),
      [`rater-answer:${caseId}:1`, `rater-answer:${caseId}:2`],
    );

    const events = await answerEvents(harness, caseId);
    assert.deepEqual(
      events.map((event) => event.detail.round),
      [1, 2],
    );
    const kinds = timelineKinds(closed);
    assert.equal(kinds.filter((kind) => kind === 'rater-answered').length, 2);

    // The case API shows every round, the latest as `answer`.
    assert.deepEqual(
      closed.answers.map((answer: { round: number }) => answer.round),
      [1, 2],
    );
    assert.ok(closed.answer.message.includes(second));
    assert.equal(closed.answer.round, 2);

    const activities = await activitiesOfEndedCase(harness, caseId);
    assert.equal(activities.filter((id) => id === 'Task_AnswerRater').length, 2);
    assert.equal(activities.filter((id) => id === 'Task_RecordReturnVisit').length, 2);
  });

  for (const [decision, realName] of [
    ['invalid', true],
    ['malicious', false],
  ] as const) {
    it(`given a 差评 the appeal review finds ${decision} (${realName ? 'real-name' : 'anonymous'}), when the case closes as not adopted, then the rater is told so with the reviewer's reasons and there is no return visit`, async () => {
      const harness = getHarness();
      const caseId = await postBadReview(harness, realName ? {} : { realName: false, rater: undefined });
      await waitForTask(harness, caseId, 'Task_VerifyComplaint');
      const evidenceId = await evidenceOf(harness, caseId);
      await completeStage(harness, caseId, 'Task_VerifyComplaint', {
        outcome: 'contested',
        findings: '调取当日监控，评价人未在本窗口办理业务',
        appealReasons: '评价所指办件由其他窗口受理',
        evidenceAttachmentIds: [evidenceId],
      });
      const reasons = `叫号记录证实评价人未在该窗口办理（${randomUUID().slice(0, 8)}）`;
      await completeStage(harness, caseId, 'Task_ReviewAppeal', { decision, reasons }, 'xa-approval');

      const closed = await waitForCaseStatus(harness, caseId, 'closed');
      assert.equal(closed.outcome, 'not-adopted');
      const [answer, ...more] = await answersInDb(harness, caseId);
      assert.equal(more.length, 0, 'one answer');
      assert.equal(answer.kind, 'not-adopted');
      assert.equal(answer.round, 1);
      assert.match(answer.message, /差评已由同级行政审批部门复核.*不予采纳/);
      assert.ok(answer.message.includes(`理由：${reasons}`), answer.message);
      assert.deepEqual(
        closed.answers.map((shown: { kind: string }) => shown.kind),
        ['not-adopted'],
      );
      const kinds = timelineKinds(closed);
      assert.ok(kinds.indexOf('rating-not-adopted') < kinds.indexOf('rater-answered'));
      assert.ok(kinds.indexOf('rater-answered') < kinds.indexOf('case-closed'));
      assert.ok(!kinds.includes('return-visit-recorded'));

      if (realName) {
        assert.equal((await smsSaying(harness, reasons)).to, PHONE);
      } else {
        const sms = await harness.db('notifications').where({ case_id: caseId, channel: 'sms' });
        assert.equal(sms.length, 0, 'no phone, no SMS: the platform shows the answer');
        const shown = await publicAnswers(harness, caseId);
        assert.equal(shown.status, 200);
        assert.equal(shown.body.answers[0].message, answer.message);
      }

      const activities = await activitiesOfEndedCase(harness, caseId);
      assert.ok(activities.includes('Task_AnswerRaterNotAdopted'), 'the engine ran the answer step');
      for (const skipped of [
        'Task_AnswerRater',
        'Task_RectifyComplaint',
        'Task_StartReturnVisitClock',
        'Task_RecordReturnVisit',
      ]) {
        assert.ok(!activities.includes(skipped), `no ${skipped}: nothing was rectified`);
      }
      assert.ok(activities.indexOf('Task_AnswerRaterNotAdopted') < activities.indexOf('Task_CloseCase'));
      // Nothing to rectify, so nothing for 12345 to visit: its work order is withdrawn, saying why — beside
      // the closing, which does not wait for 12345 (the instance ended only after both).
      const order = await assertOneWorkOrder(harness, caseId);
      assert.equal(order.withdrawal?.reason, WITHDRAWAL_REASONS['not-adopted']);
      assert.ok(activities.includes('Task_WithdrawWorkOrderNotAdopted'));
      const withdrawn = await harness.db('case_events').where({ case_id: caseId, kind: 'hotline-withdrawn' });
      assert.equal(withdrawn.length, 1);
      assert.equal(withdrawn[0].detail.ground, 'not-adopted');
    });
  }

  it('given an anonymous 差评 rated on the platform, when its rater asks by the rating id, then "处理中" first, the answer once it is given, and nothing personal', async () => {
    const harness = getHarness();
    const record = serviceRecordBody();
    assert.equal(
      (await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    const rated = await postRating(
      harness.apiUrl,
      harness.protector,
      badReviewBody(record.id, { channel: 'qr-code', realName: false, rater: undefined }),
    );
    assert.equal(rated.status, 201);
    const ratingId = rated.body.id as string;

    const waiting = await publicAnswers(harness, ratingId);
    assert.equal(waiting.status, 200, JSON.stringify(waiting.body));
    assert.equal(waiting.body.status, 'processing');
    assert.equal(waiting.body.statusLabel, '处理中');
    assert.deepEqual(waiting.body.answers, []);

    const done = actions('已对窗口人员批评教育');
    await completeStage(harness, rated.body.caseId, 'Task_VerifyComplaint', verifyValid);
    await completeStage(harness, rated.body.caseId, 'Task_RectifyComplaint', {
      problem: '答复生硬',
      actions: done,
    });
    const answered = await eventually(
      async () => {
        const shown = await publicAnswers(harness, ratingId);
        return shown.body.closed ? shown : undefined;
      },
      { what: 'the closed case in the public answer' },
    );
    assert.equal(answered.status, 200);
    assert.equal(answered.body.status, 'answered');
    assert.equal(answered.body.statusLabel, '已答复');
    assert.equal(answered.body.answers.length, 1);
    const [answer] = answered.body.answers;
    assert.equal(answer.round, 1);
    assert.ok(answer.message.includes(done));
    const stored = (await answersInDb(harness, ratingId))[0];
    assert.equal(new Date(answer.answeredAt).getTime(), new Date(stored.answered_at).getTime());
    assert.deepEqual(Object.keys(answered.body).sort(), [
      'answers',
      'closed',
      'evaluationId',
      'status',
      'statusLabel',
    ]);
    assert.deepEqual(Object.keys(answer).sort(), ['answeredAt', 'message', 'round']);
    const text = JSON.stringify(answered.body);
    for (const secret of ['xa-market', '市场监管', 'wang.fang', '王芳', record.id]) {
      assert.ok(!text.includes(secret), `the public answer does not name ${secret}`);
    }

    // The page the thank-you screen links to shows the same answer.
    const page = await fetch(`${harness.apiUrl}/rate/answer?id=${ratingId}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    // Answered: still under way, or already closed (an anonymous 差评 has no return visit to wait for).
    assert.match(html, /处理状态：(已答复，仍在办理|已办结)/);
    assert.ok(html.includes(done));
  });

  it("given an unknown id, a malformed one or the id of a good rating, when the answer is asked for, then 404 evaluation.answer_not_found in Chinese; a rating's id, the key, is a random UUID", async () => {
    const harness = getHarness();
    const record = serviceRecordBody();
    await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    const good = await postRating(harness.apiUrl, harness.protector, {
      serviceRecordId: record.id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(good.status, 201);
    // The id is the rater's key to the answers: random (version 4), never time-ordered (infra/record-ids.ts).
    assert.match(
      good.body.id as string,
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    for (const id of [randomUUID(), 'not-a-rating', good.body.id as string]) {
      const refused = await publicAnswers(harness, id);
      assert.equal(refused.status, 404, id);
      assert.equal(refused.body.error.id, 'evaluation.answer_not_found');
      assert.equal(refused.body.error.message, ERROR_CATALOGUE['evaluation.answer_not_found'].message);
    }
    const page = await fetch(`${harness.apiUrl}/rate/answer?id=${randomUUID()}`);
    assert.equal(page.status, 404);
    assert.ok((await page.text()).includes('未找到处理结果'));
  });

  it("given the second round's answer step ran but its worker died before completing, when the engine redelivers it, then round 2 is answered once", async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    await completeStage(harness, caseId, 'Task_RectifyComplaint', {
      problem: '办理超时',
      actions: actions('当面致歉'),
    });
    await recordReturnVisit(harness, caseId, 'dissatisfied');
    await waitForTask(harness, caseId, 'Task_RectifyComplaint');

    await answerThenDie(harness, caseId, () =>
      completeStage(harness, caseId, 'Task_RectifyComplaint', {
        problem: '首次整改不到位',
        actions: actions('专人上门办结'),
      }),
    );
    assert.equal(
      (await answersInDb(harness, caseId)).length,
      2,
      'round 2 was written before the worker died',
    );

    // After the lock expires the task is delivered again and the case moves on to the return visit.
    await waitForTask(harness, caseId, 'Task_RecordReturnVisit', 'xa-12345', 30_000);
    assert.deepEqual(
      (await answersInDb(harness, caseId)).map((row) => row.round),
      [1, 2],
    );
    assert.equal((await harness.db('notifications').where({ case_id: caseId, channel: 'sms' })).length, 2);
    assert.equal((await answerEvents(harness, caseId)).length, 2);
    const history = await (await adminSession(harness)).get(`/api/cases/${caseId}`);
    assert.equal(history.body.answers.length, 2);
  });
});
