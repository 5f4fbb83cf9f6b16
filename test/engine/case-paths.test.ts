// The branches of the bad-review model (issue 4): who answers for a 差评, anonymous raters, a
// dissatisfied return visit, and the clocks' reminder and escalation timers.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import {
  caseHistory,
  completeStage,
  completeTask,
  activitiesOfEndedCase,
  endedCaseHistory,
  timesPassed,
  passedActivities,
  postBadReview,
  timelineKinds,
  waitForCaseStatus,
  waitForTask,
  recordReturnVisit,
} from './cases.ts';
import {
  eventually,
  postJson,
  serviceRecordBody,
  badReviewBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';
import { assertOneWorkOrder, deliveredMessages, waitForMessages, workOrdersOf } from './messages.ts';
import type { Harness } from './harness.ts';

const verifyValid = { outcome: 'valid', findings: '情况属实' };

async function departmentName(harness: Harness, id: string): Promise<string> {
  return ((await harness.db('departments').where({ id }).first('name')) as { name: string }).name;
}
const rectified = { problem: '办理超时', actions: '已当面致歉并办结' };

describe('the paths of a 差评 case (issue 4)', () => {
  it('given an anonymous 差评, when it is rectified, then the answer is recorded and the case closes without a return visit', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness, { realName: false, rater: undefined });
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    await completeStage(harness, caseId, 'Task_RectifyComplaint', rectified);
    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'rectified');
    assert.ok(closed.answer, 'the answer is recorded for the platform to show');
    const activities = await activitiesOfEndedCase(harness, caseId);
    assert.ok(!activities.includes('Task_RecordReturnVisit'), 'no return visit for an anonymous rater');
    const messages = await harness.db('notifications').where({ case_id: caseId, channel: 'sms' });
    assert.equal(messages.length, 0, 'no phone, no SMS');
  });

  it('given a platform 差评, when it is routed, then the platform builder verifies it (谁建设、谁负责)', async () => {
    const harness = getHarness();
    const record = serviceRecordBody({
      platformId: 'xa-online-hall',
      channel: 'online',
      institutionId: undefined,
    });
    assert.equal(
      (await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    const rated = await postRating(
      harness.apiUrl,
      harness.protector,
      badReviewBody(record.id, { target: 'platform', tags: ['系统不稳定'] }),
    );
    const caseId = rated.body.caseId as string;
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint', 'xa-bigdata');
    assert.ok(task.id);
    const stored = await harness.db('cases').where({ id: caseId }).first();
    assert.equal(stored.routing_rule, 'built-by');
    assert.equal(stored.responsible_department_id, 'xa-bigdata');

    const history = await caseHistory(harness, caseId);
    assert.equal(history.instance.state, 'ACTIVE');
    for (const step of ['StartEvent_BadReviewReceived', 'Task_RouteCase', 'Task_HotlineHandover']) {
      assert.equal(timesPassed(history, step), 1, step);
    }
    assert.ok(
      !history.passed.includes('Task_AssignResponsibleUnit'),
      'routed without the approval department',
    );
    assert.deepEqual(history.open, ['Task_VerifyComplaint']);
    const order = await assertOneWorkOrder(harness, caseId);
    assert.equal(order.responsibleDepartment, await departmentName(harness, 'xa-bigdata'));
    assert.equal(order.raterRealName, '张三');
    assert.deepEqual(await deliveredMessages(harness, caseId), [], 'nobody is notified yet');
  });

  it('given a 差评 of a unit that does not work in this system, when the approval department assigns it, then the chosen unit verifies it', async () => {
    const harness = getHarness();
    // 国家税务总局西安市税务局 is in the catalogue but not onboarded (accepts_cases = false).
    const record = serviceRecordBody({
      itemCode: 'XA-SW-0001',
      handlingDepartmentId: 'xa-tax',
      institutionId: undefined,
    });
    assert.equal(
      (await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    const rated = await postRating(harness.apiUrl, harness.protector, badReviewBody(record.id));
    const caseId = rated.body.caseId as string;
    const assign = await waitForTask(harness, caseId, 'Task_AssignResponsibleUnit', 'xa-approval');
    assert.ok(assign.dueAt, 'assignment runs against its own clock');
    const waiting = await caseHistory(harness, caseId);
    assert.equal(timesPassed(waiting, 'Task_RouteCase'), 1);
    assert.deepEqual(waiting.open, ['Task_AssignResponsibleUnit']);
    assert.ok(!waiting.passed.includes('Task_HotlineHandover'), '12345 waits for a unit to name');
    assert.equal(workOrdersOf(harness, caseId).length, 0);
    const refused = await completeTask(harness, assign.id, { departmentId: 'no-such-unit' });
    assert.equal(refused.status, 400);
    // A bureau not connected to the system, or 12345: nobody there could verify it, its clock running.
    for (const departmentId of ['xa-tax', 'xa-12345']) {
      const notHandling = await completeTask(harness, assign.id, { departmentId });
      assert.equal(notHandling.status, 400, departmentId);
      assert.deepEqual(
        notHandling.body.error.details.fields.map((field: { path: string }) => field.path),
        ['departmentId'],
      );
      assert.match(notHandling.body.error.details.fields[0].problem, /不承办差评/);
    }
    await completeStage(
      harness,
      caseId,
      'Task_AssignResponsibleUnit',
      { departmentId: 'bl-market', note: '由属地市场监管部门协调' },
      'xa-approval',
    );
    await waitForTask(harness, caseId, 'Task_VerifyComplaint', 'bl-market');
    const stored = await harness.db('cases').where({ id: caseId }).first();
    // The district unit's appeals, 会商 and escalations go to its own (district) approval department.
    const groups = await harness.engine.processVariables(stored.process_instance_id);
    assert.deepEqual([groups.approvalGroup?.value, groups.hotlineGroup?.value], ['bl-approval', 'xa-12345']);
    assert.equal(stored.routing_rule, 'unroutable');
    assert.equal(stored.responsible_department_id, 'bl-market');
    const assigned = await caseHistory(harness, caseId);
    for (const step of ['Task_RouteCase', 'Task_AssignResponsibleUnit', 'Task_HotlineHandover']) {
      assert.equal(timesPassed(assigned, step), 1, step);
    }
    assert.deepEqual(assigned.open, ['Task_VerifyComplaint']);
    const order = await assertOneWorkOrder(harness, caseId);
    assert.equal(order.responsibleDepartment, await departmentName(harness, 'bl-market'));
    assert.deepEqual(await deliveredMessages(harness, caseId), [], 'nobody is notified yet');
    const clocks = await harness.db('sla_clocks').where({ case_id: caseId }).orderBy('id');
    assert.deepEqual(
      clocks.map((clock) => [clock.stage, clock.state]),
      [
        ['assign', 'met'],
        ['verify', 'on-track'],
      ],
    );
  });

  it('given a dissatisfied return visit, when the unit rectifies again and 12345 finds the rater satisfied, then the case closes after two rounds', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    await completeStage(harness, caseId, 'Task_RectifyComplaint', rectified);
    await recordReturnVisit(harness, caseId, 'dissatisfied', '问题仍未解决');
    await completeStage(harness, caseId, 'Task_RectifyComplaint', {
      problem: '首次整改不到位',
      actions: '专人上门办结并回访',
    });
    await recordReturnVisit(harness, caseId, 'satisfied');
    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'rectified');
    const rounds = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'rectify' })
      .orderBy('round');
    assert.deepEqual(
      rounds.map((clock) => [clock.round, clock.state]),
      [
        [1, 'met'],
        [2, 'met'],
      ],
    );
    const visits = await harness
      .db('case_events')
      .where({ case_id: caseId, kind: 'return-visit-recorded' })
      .orderBy('id');
    assert.deepEqual(
      visits.map((event) => event.detail.result),
      ['dissatisfied', 'satisfied'],
    );

    const history = await endedCaseHistory(harness, caseId);
    for (const [step, times] of [
      ['Task_RectifyComplaint', 2],
      ['Task_AnswerRater', 2],
      ['Task_RecordReturnVisit', 2],
      ['Task_RecordReturnVisitResult', 2],
      ['Task_StartNextRound', 1],
      ['Task_CloseCase', 1],
    ] as const) {
      assert.equal(timesPassed(history, step), times, step);
    }
    assert.ok(!history.passed.includes('Task_StartEscalationClock'), 'no escalation while rounds are left');
    const order = await assertOneWorkOrder(harness, caseId);
    assert.equal(order.returnVisit, null, 'both visits were recorded by the operator in the task list');
    const messages = await deliveredMessages(harness, caseId);
    assert.ok(messages.length > 0, 'the rater is answered');
    assert.ok(
      messages.every((message) => message.channel === 'sms' && message.to === '13812345678'),
      'only the rater is told, by SMS to the phone they left',
    );
    assert.match(messages[0]!.text, /已当面致歉并办结/);
  });

  it('given the rounds are used up, when the rater is still dissatisfied, then the approval department handles the escalation and closes the case', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    for (let round = 1; round <= 2; round++) {
      await completeStage(harness, caseId, 'Task_RectifyComplaint', rectified);
      await recordReturnVisit(harness, caseId, 'dissatisfied', `第${round}次回访不满意`);
    }
    // The escalation is announced to the approval department's reviewers and coordinator by mail.
    await waitForTask(harness, caseId, 'Task_HandleEscalation', 'xa-approval');
    const announced = await waitForMessages(
      harness,
      caseId,
      (message) => message.channel === 'email' && message.subject.includes('升级至审批部门'),
      'the mail announcing the escalation',
    );
    assert.deepEqual(announced.map((message) => message.to).sort(), [
      'chen.jing@approval.xa.gov.example',
      'zhao.min@approval.xa.gov.example',
    ]);
    assert.ok(
      announced.every((message) => message.text.includes(caseId) && message.text.includes('2 轮整改')),
    );
    // The approval department lets the escalation run over its deadline: the supervisors are told.
    const escalated = await caseHistory(harness, caseId);
    const [overdue] = await harness.engine.jobs({
      processInstanceId: escalated.instance.id,
      activityId: 'Timer_HandleEscalationOverdue',
    });
    assert.ok(overdue, 'the escalation runs against its own clock');
    await harness.engine.executeJob(overdue.id);
    await eventually(
      async () =>
        (await passedActivities(harness, caseId)).includes('EndEvent_HandleEscalationEscalated')
          ? true
          : undefined,
      { what: 'the escalation branch of the escalation to end' },
    );
    // The approval department's coordinator, who answers for the escalation, and the supervisor.
    const overdueMails = await eventually(
      async () => {
        const mails = (await deliveredMessages(harness, caseId)).filter(
          (message) => message.channel === 'email' && message.subject.includes('已超期'),
        );
        return mails.length >= 2 ? mails : undefined;
      },
      { what: 'both overdue escalation mails' },
    );
    assert.deepEqual(overdueMails.map((mail) => mail.to).sort(), [
      'chen.jing@approval.xa.gov.example',
      'sun.li@supervision.xa.gov.example',
    ]);
    const escalationMail = overdueMails[0];
    assert.match(escalationMail!.subject, /升级处理.*已超期/);
    assert.match(escalationMail!.text, new RegExp(caseId));
    assert.equal(
      (await harness.db('sla_clocks').where({ case_id: caseId, stage: 'escalation' }).first()).state,
      'overdue',
    );

    await completeStage(
      harness,
      caseId,
      'Task_HandleEscalation',
      { decision: 'close', note: '已约谈单位负责人，诉求超出受理范围' },
      'xa-approval',
    );
    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'closed-after-escalation');
    assert.ok(timelineKinds(closed).includes('stage-started'));

    const history = await endedCaseHistory(harness, caseId);
    for (const [step, times] of [
      ['Task_RectifyComplaint', 2],
      ['Task_RecordReturnVisit', 2],
      ['Task_StartNextRound', 1],
      ['Task_StartEscalationClock', 1],
      ['Task_HandleEscalation', 1],
      ['Task_EscalateHandleEscalation', 1],
      ['Task_AnswerRaterAfterEscalation', 1],
      ['Task_CloseCase', 1],
    ] as const) {
      assert.equal(timesPassed(history, step), times, step);
    }
    await assertOneWorkOrder(harness, caseId);
    const messages = await deliveredMessages(harness, caseId);
    assert.deepEqual(
      messages
        .filter((message) => message.channel === 'email')
        .map((message) => message.to)
        .sort(),
      [
        'chen.jing@approval.xa.gov.example',
        'chen.jing@approval.xa.gov.example',
        'sun.li@supervision.xa.gov.example',
        'zhao.min@approval.xa.gov.example',
      ],
      'the escalation announced to the approval department; its overdue clock to its coordinator and the supervisor',
    );
    const answers = messages.filter((message) => message.channel === 'sms');
    assert.ok(answers.length > 0 && answers.every((message) => message.to === '13812345678'));
    // Each round was answered, and then the approval department's decision (art. 17).
    assert.deepEqual(
      closed.answers.map((answer: { round: number; kind: string }) => [answer.round, answer.kind]),
      [
        [1, 'rectification'],
        [2, 'rectification'],
        [3, 'escalation-closed'],
      ],
    );
    const [told] = await waitForMessages(
      harness,
      caseId,
      (message) => message.channel === 'sms' && message.text.includes('决定结案'),
      'the SMS telling the rater the escalation decision',
    );
    assert.match(told!.text, /处理意见：已约谈单位负责人，诉求超出受理范围。/);
  });

  it('given an open verify task, when its reminder and escalation timers run, then the clock goes at risk then overdue, staff and leaders get mail, and the task stays open', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const caseRow = await harness.db('cases').where({ id: caseId }).first();
    const timer = async (activityId: string) => {
      const [job] = await harness.engine.jobs({ processInstanceId: caseRow.process_instance_id, activityId });
      assert.ok(job, `${activityId} waits in the engine`);
      return job;
    };
    const reminder = await timer('Timer_VerifyComplaintReminder');
    const overdue = await timer('Timer_VerifyComplaintOverdue');
    const clock = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
    assert.equal(new Date(overdue.dueDate!).getTime(), new Date(clock.due_at).getTime());
    assert.ok(
      new Date(reminder.dueDate!).getTime() < new Date(clock.due_at).getTime(),
      'the reminder comes first',
    );

    await harness.engine.executeJob(reminder.id);
    await eventually(
      async () => {
        const row = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
        return row.state === 'at-risk' ? row : undefined;
      },
      { what: 'the clock at risk' },
    );
    await eventually(
      async () =>
        harness.mailbox.find((mail) => mail.to.includes('wang.fang') && mail.subject.includes('即将超期')),
      { what: 'the reminder mail to the unit staff' },
    );

    // The reminder branch must have run to its end before the next job executes: a job executed while
    // that branch's external task completes races the engine's update of the execution tree.
    await eventually(
      async () =>
        (await passedActivities(harness, caseId)).includes('EndEvent_VerifyComplaintReminded')
          ? true
          : undefined,
      { what: 'the reminder branch to end' },
    );
    await harness.engine.executeJob(overdue.id);
    await eventually(
      async () => {
        const row = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();
        return row.state === 'overdue' ? row : undefined;
      },
      { what: 'the clock overdue' },
    );
    const leaderMail = await eventually(
      async () =>
        harness.mailbox.find((mail) => mail.to.includes('li.qiang') && mail.subject.includes('已超期')),
      { what: 'the escalation mail to the unit leader' },
    );
    assert.match(leaderMail.text, new RegExp(caseId));
    await eventually(
      async () => harness.mailbox.find((mail) => mail.to.includes('sun.li') && mail.text.includes(caseId)),
      { what: 'the escalation mail to the supervisor' },
    );
    assert.equal((await harness.engine.task(verify.id)).id, verify.id, 'the case goes on');
  });
});
