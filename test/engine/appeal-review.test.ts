// The appeal review (issue 4, art. 19) on its own: started over REST as bad-review's call activity
// starts it, driven through POST /api/tasks/:id/complete, checked in the engine's history and in the
// database; then the whole path from a posted 差评 through bad-review's call activity and back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getHarness } from './harness.ts';
import {
  completeStage,
  completeTask,
  evidenceOf,
  passedActivities,
  postBadReview,
  staffForTask,
  timelineKinds,
  waitForCaseStatus,
  waitForTask,
} from './cases.ts';
import {
  calledInstanceOf,
  historicVariables,
  passedIn,
  sameInstant,
  startCalledProcess,
  startClockAsTheFormWould,
  waitForInstanceEnd,
} from './called-processes.ts';
import { SAMPLE_PNG } from '../support/evidence-files.ts';
import { eventually } from '../support/fixtures.ts';
import { staff } from '../support/staff.ts';
import { deliveredMessages, workOrdersOf } from './messages.ts';
import type { Harness } from './harness.ts';

/** A 差评 of xa-market whose unit contested it: what the verify form leaves when bad-review calls us. */
async function contestedCase(harness: Harness) {
  const caseId = await postBadReview(harness);
  // Routed first, as a real appeal always is: the review's reminders go to the owners of the unit it names.
  await waitForTask(harness, caseId, 'Task_VerifyComplaint');
  const evidenceId = await evidenceOf(harness, caseId);
  const clock = await startClockAsTheFormWould(harness, caseId, 'appeal-review');
  const instanceId = await startCalledProcess(harness, 'appeal-review', caseId, {
    appealReasons: '当日监控显示评价人未到该窗口办理业务，疑为误评',
    appealEvidenceIds: [evidenceId],
    ...clock,
  });
  return { caseId, evidenceId, instanceId, clock };
}

// The case's bad-review instance runs beside the called one (its verify clock): only the appeal's clocks.
const clocksOf = (harness: Harness, caseId: string) =>
  harness
    .db('sla_clocks')
    .where({ case_id: caseId })
    .whereIn('stage', ['appeal-review', 'appeal-evidence'])
    .orderBy(['stage', 'round']);

describe('the appeal review on its own (issue 4, art. 19)', () => {
  it('given a contested 差评, when the approval department finds it valid, then the review ends valid and nothing is recorded against the rating', async () => {
    const harness = getHarness();
    const { caseId, instanceId, clock } = await contestedCase(harness);

    const review = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    assert.ok(sameInstant(review.dueAt, clock.appealReviewDue), 'the task is due when the clock is');
    const [overdue] = await harness.engine.jobs({
      processInstanceId: instanceId,
      activityId: 'Timer_ReviewAppealOverdue',
    });
    const [reminder] = await harness.engine.jobs({
      processInstanceId: instanceId,
      activityId: 'Timer_ReviewAppealReminder',
    });
    assert.ok(overdue && sameInstant(overdue.dueDate, clock.appealReviewDue));
    assert.ok(reminder && sameInstant(reminder.dueDate, clock.appealReviewRemindAt));

    // The approval department's process owner and the admin sit in it, but decide no appeal.
    const owner = await staff(harness.apiUrl, 'zhou.jie');
    const listed = await owner.get('/api/tasks?pageSize=100');
    assert.ok(!(listed.body.tasks as any[]).some((task) => task.id === review.id), "not in the owner's 待办");
    const byOwner = await owner.post(`/api/tasks/${review.id}/complete`, {
      decision: 'malicious',
      reasons: '试',
    });
    assert.equal(byOwner.status, 404);
    const admin = await staff(harness.apiUrl, 'admin');
    const byAdmin = await admin.post(`/api/tasks/${review.id}/claim`, {});
    assert.deepEqual([byAdmin.status, byAdmin.body.error.id], [403, 'auth.forbidden']);

    const done = await completeTask(harness, review.id, {
      decision: 'valid',
      reasons: '录像显示评价人确在窗口办理，差评有效',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));

    await waitForInstanceEnd(harness, instanceId);
    const passed = await passedIn(harness, instanceId);
    assert.ok(passed.includes('EndEvent_AppealValid'));
    assert.ok(!passed.includes('Task_RecordNotAdopted'));
    const variables = await historicVariables(harness, instanceId);
    assert.equal(variables.appealDecision, 'valid');
    assert.equal(variables.appealDecisionReasons, '录像显示评价人确在窗口办理，差评有效');
    assert.equal((await harness.db('evaluation_decisions').where({ case_id: caseId })).length, 0);
    const [reviewClock] = await clocksOf(harness, caseId);
    assert.equal(reviewClock.stage, 'appeal-review');
    assert.equal(reviewClock.state, 'met');
    assert.deepEqual(
      await deliveredMessages(harness, caseId),
      [],
      'the review tells nobody itself: the case goes on to rectification and answers the rater there',
    );
  });

  for (const decision of ['invalid', 'malicious'] as const) {
    it(`given a contested 差评, when the approval department finds it ${decision}, then a not-adopted decision is recorded once and the rating itself is unchanged`, async () => {
      const harness = getHarness();
      const { caseId, instanceId } = await contestedCase(harness);
      const ratingBefore = await harness.db('evaluations').where({ id: caseId }).first();

      const review = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
      const basis =
        decision === 'invalid' ? '评价针对的办件并非本单位办理' : '同一号码短时间内对多个窗口集中差评';
      const done = await completeTask(harness, review.id, { decision, reasons: basis });
      assert.equal(done.status, 200, JSON.stringify(done.body));

      await waitForInstanceEnd(harness, instanceId);
      const passed = await passedIn(harness, instanceId);
      assert.ok(passed.includes('Task_RecordNotAdopted'));
      assert.ok(passed.includes('EndEvent_NotAdopted'));
      assert.equal((await historicVariables(harness, instanceId)).appealDecision, decision);

      const decisions = await harness.db('evaluation_decisions').where({ case_id: caseId });
      assert.equal(decisions.length, 1);
      assert.equal(decisions[0].evaluation_id, caseId);
      assert.equal(decisions[0].decision, 'not-adopted');
      assert.equal(decisions[0].reason, decision);
      assert.equal(decisions[0].basis, basis);
      assert.equal(decisions[0].decided_by, 'xa-approval');
      const events = await harness.db('case_events').where({ case_id: caseId, kind: 'rating-not-adopted' });
      assert.equal(events.length, 1);
      assert.equal(events[0].detail.reason, decision);

      assert.deepEqual(await harness.db('evaluations').where({ id: caseId }).first(), ratingBefore);
      assert.equal((await harness.db('counted_evaluations').where({ id: caseId })).length, 0);
      assert.deepEqual(
        await deliveredMessages(harness, caseId),
        [],
        'recording the decision tells nobody: the case (bad-review) answers the rater',
      );
    });
  }

  it('given a review that asks for more evidence, when the unit adds a file and the reviewer decides, then each round has its own clock and the reviewer sees all evidence', async () => {
    const harness = getHarness();
    const { caseId, instanceId, evidenceId } = await contestedCase(harness);

    const firstReview = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    const asked = await completeTask(harness, firstReview.id, {
      decision: 'more-evidence',
      reasons: '请补充当日窗口叫号记录',
    });
    assert.equal(asked.status, 200, JSON.stringify(asked.body));

    const provide = await waitForTask(harness, caseId, 'Task_ProvideAppealEvidence', 'xa-market');
    const evidenceClock = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'appeal-evidence' })
      .first();
    assert.ok(sameInstant(provide.dueAt, evidenceClock.due_at));
    assert.equal(
      (await harness.engine.taskVariables(provide.id)).appealEvidenceRequest?.value,
      '请补充当日窗口叫号记录',
    );

    // Another case's file is not evidence of this one: refused, and nothing moves.
    const otherCase = await postBadReview(harness);
    const foreign = await evidenceOf(harness, otherCase);
    const refused = await completeTask(harness, provide.id, {
      additionalReasons: '附叫号记录',
      evidenceAttachmentIds: [foreign],
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.id, 'task.form_invalid');
    assert.deepEqual(
      refused.body.error.details.fields.map((field: any) => field.path),
      ['evidenceAttachmentIds.0'],
    );
    assert.equal((await harness.engine.task(provide.id)).id, provide.id, 'the task stays open');
    assert.equal(
      (await harness.db('sla_clocks').where({ case_id: caseId, stage: 'appeal-review' })).length,
      1,
    );

    const callLog = await evidenceOf(harness, caseId, SAMPLE_PNG, 'image/png');
    const provided = await completeTask(harness, provide.id, {
      additionalReasons: '附当日叫号记录截图，评价人的号码未在该窗口叫号',
      evidenceAttachmentIds: [callLog],
    });
    assert.equal(provided.status, 200, JSON.stringify(provided.body));

    const secondReview = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    assert.notEqual(secondReview.id, firstReview.id);
    const roundTwo = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'appeal-review', round: 2 })
      .first();
    assert.ok(roundTwo, 'the review runs again on a new clock');
    assert.ok(sameInstant(secondReview.dueAt, roundTwo.due_at));
    const seen = await harness.engine.taskVariables(secondReview.id);
    assert.deepEqual(JSON.parse(String(seen.appealEvidenceIds?.value)), [evidenceId, callLog]);

    const decided = await completeTask(harness, secondReview.id, {
      decision: 'invalid',
      reasons: '叫号记录证实评价人未在该窗口办理',
    });
    assert.equal(decided.status, 200);
    await waitForInstanceEnd(harness, instanceId);
    const passed = await passedIn(harness, instanceId);
    assert.equal(passed.filter((id) => id === 'Task_ReviewAppeal').length, 2);
    assert.equal(passed.filter((id) => id === 'Task_ProvideAppealEvidence').length, 1);
    assert.deepEqual(
      (await clocksOf(harness, caseId)).map((row: any) => `${row.stage}#${row.round}:${row.state}`),
      ['appeal-evidence#1:met', 'appeal-review#1:met', 'appeal-review#2:met'],
    );
    assert.equal((await harness.db('evaluation_decisions').where({ case_id: caseId })).length, 1);
    assert.deepEqual(
      await deliveredMessages(harness, caseId),
      [],
      'asking for evidence goes through the task list: no message, to the unit or the rater',
    );
  });

  it('given an open review, when its reminder and then its overdue timer run, then the clock turns at risk, then overdue, and the review stays open', async () => {
    const harness = getHarness();
    const { caseId, instanceId } = await contestedCase(harness);
    const review = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    const clockState = async () => (await clocksOf(harness, caseId))[0].state as string;

    // One timer after the other, each branch run to its end: a job executed while the other branch's
    // external task completes would race the engine's reshaping of the execution tree.
    for (const [timer, state, end] of [
      ['Timer_ReviewAppealReminder', 'at-risk', 'EndEvent_ReviewAppealReminded'],
      ['Timer_ReviewAppealOverdue', 'overdue', 'EndEvent_ReviewAppealEscalated'],
    ] as const) {
      const [job] = await harness.engine.jobs({ processInstanceId: instanceId, activityId: timer });
      assert.ok(job, `${timer} waits in the engine`);
      await harness.engine.executeJob(job.id);
      await eventually(async () => ((await passedIn(harness, instanceId)).includes(end) ? true : undefined), {
        what: `${end} in the history`,
      });
      assert.equal(await clockState(), state);
    }
    assert.equal(
      (await harness.engine.task(review.id)).id,
      review.id,
      'the timers do not interrupt the review',
    );
    // The review is the approval department's: its reviewers and coordinator are reminded; at the
    // deadline its coordinator, who answers for its casework, and the supervisors are told.
    const mails = await eventually(
      async () => {
        const delivered = await deliveredMessages(harness, caseId);
        return delivered.length >= 4 ? delivered : undefined;
      },
      { what: 'the reminder and overdue mails' },
    );
    assert.ok(mails.every((mail) => mail.channel === 'email' && mail.text.includes(caseId)));
    assert.deepEqual(
      mails
        .filter((mail) => mail.subject.includes('申诉复核') && mail.subject.includes('即将超期'))
        .map((mail) => mail.to)
        .sort(),
      ['chen.jing@approval.xa.gov.example', 'zhao.min@approval.xa.gov.example'],
    );
    assert.deepEqual(
      mails
        .filter((mail) => mail.subject.includes('申诉复核') && mail.subject.includes('已超期'))
        .map((mail) => mail.to)
        .sort(),
      ['chen.jing@approval.xa.gov.example', 'sun.li@supervision.xa.gov.example'],
    );
    assert.equal(mails.length, 4);
  });

  it('given a decision without reasons or an unknown decision, when it is submitted, then 400 task.form_invalid names the field and nothing changes', async () => {
    const harness = getHarness();
    const { caseId } = await contestedCase(harness);
    const review = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');

    const noReasons = await completeTask(harness, review.id, { decision: 'malicious', reasons: '  ' });
    assert.equal(noReasons.status, 400);
    assert.equal(noReasons.body.error.id, 'task.form_invalid');
    assert.deepEqual(
      noReasons.body.error.details.fields.map((field: any) => field.path),
      ['reasons'],
    );
    const unknown = await completeTask(harness, review.id, { decision: 'adopted', reasons: '理由' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(
      unknown.body.error.details.fields.map((field: any) => field.path),
      ['decision'],
    );
    const foreignId = await completeTask(harness, review.id, {
      decision: 'valid',
      reasons: '理由',
      evidenceAttachmentIds: [randomUUID()],
    });
    assert.equal(foreignId.status, 400, 'the reviewer form takes no evidence');

    assert.equal((await harness.engine.task(review.id)).id, review.id);
    assert.equal(
      (await harness.db('case_events').where({ case_id: caseId, stage: 'appeal-review' })).length,
      0,
    );
    const [clock] = await clocksOf(harness, caseId);
    assert.equal(clock.done_at, null);
  });
});

describe('a contested 差评 from rating to closure (issue 4, art. 19)', () => {
  async function contestedThroughVerify(harness: Harness) {
    const caseId = await postBadReview(harness, { realName: false, rater: undefined });
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const evidenceId = await evidenceOf(harness, caseId);
    await completeStage(harness, caseId, 'Task_VerifyComplaint', {
      outcome: 'contested',
      findings: '调取当日监控，评价人未在本窗口办理业务',
      appealReasons: '疑为误评：评价所指办件由其他窗口受理',
      evidenceAttachmentIds: [evidenceId],
    });
    return caseId;
  }

  /** Contested, and the review finds the 差评 valid: the unit's rectify task is open. */
  async function contestedAndFoundValid(harness: Harness) {
    const caseId = await contestedThroughVerify(harness);
    await completeStage(
      harness,
      caseId,
      'Task_ReviewAppeal',
      { decision: 'valid', reasons: '监控显示评价人确在本窗口办理' },
      'xa-approval',
    );
    return { caseId, rectify: await waitForTask(harness, caseId, 'Task_RectifyComplaint') };
  }

  it('given a 差评 the unit contests with evidence, when the review finds it malicious, then the case closes as not adopted and the rating stays as it was', async () => {
    const harness = getHarness();
    const caseId = await contestedThroughVerify(harness);
    const ratingBefore = await harness.db('evaluations').where({ id: caseId }).first();

    const review = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    const clock = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'appeal-review' }).first();
    assert.ok(sameInstant(review.dueAt, clock.due_at), 'the verify form started the review clock');
    const reviewed = await completeTask(harness, review.id, {
      decision: 'malicious',
      reasons: '评价人当日未到大厅，且同一号码对多个窗口集中差评',
    });
    assert.equal(reviewed.status, 200, JSON.stringify(reviewed.body));

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'not-adopted');
    assert.ok(timelineKinds(closed).includes('rating-not-adopted'));
    const appeal = await calledInstanceOf(harness, caseId, 'appeal-review');
    assert.equal(appeal.state, 'COMPLETED');
    assert.ok((await passedActivities(harness, caseId)).includes('CallActivity_AppealReview'));
    assert.ok(!(await passedActivities(harness, caseId)).includes('Task_RectifyComplaint'));
    const [decision] = await harness.db('evaluation_decisions').where({ case_id: caseId });
    assert.equal(decision.reason, 'malicious');
    assert.deepEqual(await harness.db('evaluations').where({ id: caseId }).first(), ratingBefore);
    assert.equal(workOrdersOf(harness, caseId).length, 1, 'one 12345 work order, none for the appeal');
    assert.ok(
      (await deliveredMessages(harness, caseId)).every((message) => message.channel !== 'email'),
      'no staff mail: the review ran within its time',
    );
    assert.equal(
      (await deliveredMessages(harness, caseId)).filter((message) => message.channel === 'sms').length,
      0,
      'an anonymous rater left no phone to text',
    );
  });

  it('given a review found valid and the rectification sent back to verification, when the unit contests again, then the second review runs on a clock of its own (round 2, due counted from now), and the case view names the rounds', async () => {
    const harness = getHarness();
    const { caseId, rectify } = await contestedAndFoundValid(harness);
    const wang = await staffForTask(harness, rectify.id);
    const sent = await wang.post(`/api/tasks/${rectify.id}/send-back`, { reason: '核实时漏看了另一段录像' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const evidenceId = await evidenceOf(harness, caseId);
    const contestedAt = Date.now();
    await completeStage(harness, caseId, 'Task_VerifyComplaint', {
      outcome: 'contested',
      findings: '另一段录像显示评价人未在本窗口办理',
      appealReasons: '再次申请复核：新调取的录像表明为误评',
      evidenceAttachmentIds: [evidenceId],
    });
    const second = await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    const clocks = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'appeal-review' })
      .orderBy('round');
    assert.deepEqual(
      clocks.map((clock) => [clock.round, clock.done_at === null]),
      [
        [1, false],
        [2, true],
      ],
    );
    assert.ok(new Date(clocks[1].started_at).getTime() >= contestedAt - 1000, 'started now');
    assert.ok(
      new Date(clocks[1].due_at).getTime() > Date.now(),
      'due ahead, not the first review’s past date',
    );
    assert.ok(sameInstant(second.dueAt, clocks[1].due_at), 'the task is due when its own clock is');
    const view = await wang.get(`/api/cases/${caseId}`);
    assert.deepEqual(
      view.body.slaClocks
        .filter((clock: { stage: string }) => clock.stage === 'appeal-review')
        .map((clock: { round: number }) => clock.round),
      [1, 2],
    );
  });

  it('given a 差评 the unit contests, when the review finds it valid, then the unit rectifies it as any 差评', async () => {
    const harness = getHarness();
    const { caseId, rectify } = await contestedAndFoundValid(harness);
    const rectifyClocks = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'rectify' });
    assert.equal(rectifyClocks.length, 1, 'one rectify clock, started once');
    const [rectifyClock] = rectifyClocks;
    assert.ok(
      sameInstant(rectify.dueAt, rectifyClock.due_at),
      'bad-review started the rectify clock after the review',
    );
    assert.equal((await harness.db('evaluation_decisions').where({ case_id: caseId })).length, 0);
    const appeal = await calledInstanceOf(harness, caseId, 'appeal-review');
    assert.equal((await historicVariables(harness, appeal.id)).appealDecision, 'valid');
    assert.equal(workOrdersOf(harness, caseId).length, 1, 'one 12345 work order, none for the appeal');
    assert.deepEqual(await deliveredMessages(harness, caseId), [], 'the rater is answered after rectifying');
  });
});
