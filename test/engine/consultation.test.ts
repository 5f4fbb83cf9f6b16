// The consultation (issue 4, art. 20) on its own: started over REST as bad-review's call activity
// starts it, driven through POST /api/tasks/:id/complete, checked in the engine's history and in the
// database: three departments give opinions in parallel, the coordinator writes the one reply. Then the
// whole path from a posted 差评 through bad-review's call activity to the answer to the rater.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import {
  completeStage,
  completeTask,
  passedActivities,
  postBadReview,
  waitForCaseStatus,
  waitForTask,
  recordReturnVisit,
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
import { eventually } from '../support/fixtures.ts';
import { assertOneWorkOrder, deliveredMessages } from './messages.ts';
import type { Harness } from './harness.ts';

async function consultationCase(harness: Harness) {
  const caseId = await postBadReview(harness);
  // Routed first, as a real consultation always is: its reminders go to the owners of the unit it names.
  await waitForTask(harness, caseId, 'Task_VerifyComplaint');
  const clock = await startClockAsTheFormWould(harness, caseId, 'consultation-reply');
  const instanceId = await startCalledProcess(harness, 'consultation', caseId, {
    consultationReason: '企业设立涉及市场监管、人社、住建三部门，材料要求互相矛盾',
    ...clock,
  });
  return { caseId, instanceId, clock };
}

/** A consultation whose coordinator picked the market bureau (the unit) and the HR bureau. */
async function consultingMarketAndHrss(harness: Harness) {
  const started = await consultationCase(harness);
  await completeStage(
    harness,
    started.caseId,
    'Task_PickConsultationDepartments',
    { departments: ['xa-market', 'xa-hrss'] },
    'xa-approval',
  );
  return started;
}

const clockOf = (harness: Harness, caseId: string, stage: string) =>
  harness.db('sla_clocks').where({ case_id: caseId, stage }).first();

const DEPARTMENTS = ['xa-market', 'xa-hrss', 'xa-housing'];

describe('the consultation on its own (issue 4, art. 20)', () => {
  it('given a multi-department 差评, when three departments give opinions and the coordinator replies, then the reply is the outcome and each clock stops at its end', async () => {
    const harness = getHarness();
    const { caseId, instanceId, clock } = await consultationCase(harness);

    const pick = await waitForTask(harness, caseId, 'Task_PickConsultationDepartments', 'xa-approval');
    assert.ok(sameInstant(pick.dueAt, clock.consultationReplyDue), 'art. 20: 15 working days from the start');
    const [replyTimer] = await harness.engine.jobs({
      processInstanceId: instanceId,
      activityId: 'Timer_ConsultationReplyOverdue',
    });
    assert.ok(replyTimer && sameInstant(replyTimer.dueDate, clock.consultationReplyDue));

    const picked = await completeTask(harness, pick.id, { departments: DEPARTMENTS });
    assert.equal(picked.status, 200, JSON.stringify(picked.body));
    assert.equal(
      (await clockOf(harness, caseId, 'consultation-reply')).done_at,
      null,
      'the reply clock runs on',
    );
    const opinionClock = await clockOf(harness, caseId, 'consultation-opinion');
    assert.equal(opinionClock.state, 'on-track');

    // One opinion task per department, each in that department's list, all due with the opinion clock.
    const opinions = [];
    for (const department of DEPARTMENTS) {
      const task = await waitForTask(harness, caseId, 'Task_GiveConsultationOpinion', department);
      assert.ok(sameInstant(task.dueAt, opinionClock.due_at));
      opinions.push({ department, task });
    }
    assert.equal(new Set(opinions.map(({ task }) => task.id)).size, 3);
    const opinionTimers = await harness.engine.jobs({
      processInstanceId: instanceId,
      activityId: 'Timer_ConsultationOpinionOverdue',
    });
    assert.equal(opinionTimers.length, 1, 'one escalation timer for the whole round of opinions');

    for (const [index, { department, task }] of opinions.entries()) {
      const given = await completeTask(harness, task.id, {
        opinion: `${department} 的意见：可通过容缺受理解决`,
      });
      assert.equal(given.status, 200, JSON.stringify(given.body));
      const state = (await clockOf(harness, caseId, 'consultation-opinion')).state;
      assert.equal(state, index < 2 ? 'on-track' : 'met', `after ${index + 1} of 3 opinions`);
    }

    const reply = await waitForTask(harness, caseId, 'Task_WriteConsultationReply', 'xa-approval');
    const seen = await harness.engine.taskVariables(reply.id);
    const collected = JSON.parse(String(seen.consultationOpinions?.value)) as { departmentId: string }[];
    assert.deepEqual(collected.map((opinion) => opinion.departmentId).sort(), [...DEPARTMENTS].sort());

    const text = '经市场监管、人社、住建三部门会商，已统一材料清单，您的业务可于下周一办结。';
    const replied = await completeTask(harness, reply.id, { reply: text });
    assert.equal(replied.status, 200, JSON.stringify(replied.body));

    await waitForInstanceEnd(harness, instanceId);
    const variables = await historicVariables(harness, instanceId);
    assert.equal(variables.consultationReply, text);
    assert.deepEqual(variables.consultationDepartments, DEPARTMENTS);
    const passed = await passedIn(harness, instanceId);
    assert.equal(passed.filter((id) => id === 'Task_GiveConsultationOpinion').length, 3);
    assert.ok(passed.includes('EndEvent_ConsultationReplied'));
    assert.equal((await clockOf(harness, caseId, 'consultation-reply')).state, 'met');
    const completions = await harness.db('case_events').where({ case_id: caseId, kind: 'stage-completed' });
    assert.deepEqual(completions.map((event: any) => event.detail.taskDefinitionKey).sort(), [
      'Task_GiveConsultationOpinion',
      'Task_GiveConsultationOpinion',
      'Task_GiveConsultationOpinion',
      'Task_PickConsultationDepartments',
      'Task_WriteConsultationReply',
    ]);
    assert.deepEqual(
      await deliveredMessages(harness, caseId),
      [],
      'the departments work from their task lists; the case (bad-review) answers the rater with the reply',
    );
  });

  it('given two opinion tasks, when both departments complete them at the same moment, then both are accepted, both opinions reach the coordinator and the opinion clock stops once', async () => {
    const harness = getHarness();
    const { caseId, instanceId } = await consultationCase(harness);
    const departments = ['xa-market', 'xa-hrss'];
    await completeStage(harness, caseId, 'Task_PickConsultationDepartments', { departments }, 'xa-approval');
    const tasks = [];
    for (const department of departments) {
      tasks.push(await waitForTask(harness, caseId, 'Task_GiveConsultationOpinion', department));
    }

    const answers = await Promise.all(
      tasks.map((task, index) =>
        completeTask(harness, task.id, { opinion: `${departments[index]} 同时提交的意见` }),
      ),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200],
      JSON.stringify(answers.map((answer) => answer.body)),
    );

    const reply = await waitForTask(harness, caseId, 'Task_WriteConsultationReply', 'xa-approval');
    const seen = await harness.engine.taskVariables(reply.id);
    const collected = JSON.parse(String(seen.consultationOpinions?.value)) as { departmentId: string }[];
    assert.deepEqual(collected.map((opinion) => opinion.departmentId).sort(), [...departments].sort());
    const passed = await passedIn(harness, instanceId);
    assert.equal(passed.filter((id) => id === 'Task_GiveConsultationOpinion').length, 2);
    const opinionClock = await clockOf(harness, caseId, 'consultation-opinion');
    assert.equal(opinionClock.state, 'met');
    assert.ok(opinionClock.done_at);
    const completions = await harness
      .db('case_events')
      .where({ case_id: caseId, kind: 'stage-completed', stage: 'consultation-opinion' });
    assert.equal(completions.length, 2, 'each opinion recorded once');
  });

  it('given one opinion given and one missing, when the opinions’ reminder timer runs, then the staff of the department still to answer are reminded, not the unit that answered', async () => {
    const harness = getHarness();
    const { caseId, instanceId } = await consultingMarketAndHrss(harness);
    await waitForTask(harness, caseId, 'Task_GiveConsultationOpinion', 'xa-hrss');
    await completeStage(harness, caseId, 'Task_GiveConsultationOpinion', {
      opinion: '本局已核实，同意整改方案',
    });
    const [job] = await harness.engine.jobs({
      processInstanceId: instanceId,
      activityId: 'Timer_ConsultationOpinionReminder',
    });
    assert.ok(job, 'one reminder timer for the opinions');
    await harness.engine.executeJob(job.id);
    const reminded = await eventually(
      async () => {
        const keys: string[] = await harness
          .db('notifications')
          .where('idempotency_key', 'like', `sla-reminded:${caseId}:consultation-opinion:%`)
          .pluck('idempotency_key');
        return keys.length > 0 ? keys : undefined;
      },
      { what: 'the opinions’ reminder' },
    );
    assert.deepEqual(reminded, [`sla-reminded:${caseId}:consultation-opinion:1:zhang.wei`]);
  });

  it('given a consultation still waiting for opinions, when the art. 20 timer runs, then the reply clock turns overdue and the opinions stay open', async () => {
    const harness = getHarness();
    const { caseId, instanceId } = await consultingMarketAndHrss(harness);
    const opinion = await waitForTask(harness, caseId, 'Task_GiveConsultationOpinion', 'xa-hrss');
    const [job] = await harness.engine.jobs({
      processInstanceId: instanceId,
      activityId: 'Timer_ConsultationReplyOverdue',
    });
    assert.ok(job, 'the art. 20 timer watches the whole consultation');
    await harness.engine.executeJob(job.id);
    // The worker marks the clock, then completes its task: wait for the branch's end, then look.
    await eventually(
      async () =>
        (await passedIn(harness, instanceId)).includes('EndEvent_ConsultationReplyEscalated')
          ? true
          : undefined,
      { what: 'the escalation branch to end' },
    );
    assert.equal((await clockOf(harness, caseId, 'consultation-reply')).state, 'overdue');
    assert.equal((await harness.engine.task(opinion.id)).id, opinion.id, 'the opinions go on');
    assert.equal((await clockOf(harness, caseId, 'consultation-opinion')).state, 'on-track');
  });

  it('given a choice of departments that is empty, too small, unknown, repeated or without the responsible unit, when it is submitted, then 400 task.form_invalid names the fields and nothing starts', async () => {
    const harness = getHarness();
    const { caseId } = await consultationCase(harness);
    const pick = await waitForTask(harness, caseId, 'Task_PickConsultationDepartments', 'xa-approval');

    const refusals: [unknown, string[]][] = [
      [[], ['departments', 'departments']],
      [['xa-market'], ['departments']],
      [
        ['xa-market', 'xa-nowhere'],
        ['departments.1', 'departments'],
      ],
      [['xa-market', 'xa-hrss', 'xa-hrss'], ['departments.2']],
      [
        ['xa-market', 'xa-approval'],
        ['departments.1', 'departments'],
      ],
      [['xa-hrss', 'xa-housing'], ['departments']],
      ['xa-market,xa-hrss', ['departments']],
    ];
    for (const [departments, paths] of refusals) {
      const refused = await completeTask(harness, pick.id, { departments });
      assert.equal(refused.status, 400, JSON.stringify(departments));
      assert.equal(refused.body.error.id, 'task.form_invalid');
      assert.deepEqual(
        refused.body.error.details.fields.map((field: any) => field.path),
        paths,
        JSON.stringify(departments),
      );
    }
    assert.equal((await harness.engine.task(pick.id)).id, pick.id, 'the task stays open');
    assert.equal(await clockOf(harness, caseId, 'consultation-opinion'), undefined, 'no opinion clock');
    assert.equal(
      (await harness.db('case_events').where({ case_id: caseId, kind: 'stage-completed' })).length,
      0,
    );
  });
});

/**
 * A posted 差评 the unit sends to consultation: the departments picked, each one's opinion given, the
 * coordinator's reply written — as the task list's users would, stage by stage. Returns the case id.
 */
async function consultedAndReplied(
  harness: Harness,
  verifyForm: { findings: string; consultationReason: string },
  opinions: readonly (readonly [department: string, opinion: string])[],
  reply: string,
): Promise<string> {
  const caseId = await postBadReview(harness);
  await completeStage(harness, caseId, 'Task_VerifyComplaint', { outcome: 'consultation', ...verifyForm });
  await completeStage(
    harness,
    caseId,
    'Task_PickConsultationDepartments',
    { departments: opinions.map(([department]) => department) },
    'xa-approval',
  );
  for (const [department, opinion] of opinions) {
    await completeStage(harness, caseId, 'Task_GiveConsultationOpinion', { opinion }, department);
  }
  await completeStage(harness, caseId, 'Task_WriteConsultationReply', { reply }, 'xa-approval');
  return caseId;
}

describe('a multi-department 差评 from rating to the answer (issue 4, art. 20)', () => {
  it('given a 差评 the unit sends to consultation, when three departments give opinions and the coordinator replies, then the rater is answered with the reply by SMS and the case closes after the return visit', async () => {
    const harness = getHarness();
    const reply = '经市场监管、人社、住建三部门会商，社保登记改为容缺受理，请您携带身份证到 2 号窗口办理。';
    const caseId = await consultedAndReplied(
      harness,
      {
        findings: '涉及人社、住建部门的前置条件',
        consultationReason: '市场监管、人社、住建三部门对材料要求不一致',
      },
      [
        ['xa-market', '可先行办理'],
        ['xa-hrss', '可容缺受理'],
        ['xa-housing', '竣工备案可后补'],
      ],
      reply,
    );
    // A real-name rater gets the 12345 return visit after the answer.
    await recordReturnVisit(harness, caseId, 'satisfied');

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'answered-after-consultation');
    assert.match(closed.answer.message, /容缺受理/);
    const consultation = await calledInstanceOf(harness, caseId, 'consultation');
    assert.equal((await historicVariables(harness, consultation.id)).consultationReply, reply);
    const passed = await passedActivities(harness, caseId);
    assert.ok(passed.includes('CallActivity_Consultation'));
    assert.ok(!passed.includes('Task_RectifyComplaint'));
    const replyClock = await clockOf(harness, caseId, 'consultation-reply');
    assert.equal(replyClock.state, 'met');

    const consultationPassed = await passedIn(harness, consultation.id);
    assert.equal(consultationPassed.filter((id) => id === 'Task_GiveConsultationOpinion').length, 3);
    assert.deepEqual(
      (await historicVariables(harness, consultation.id)).consultationDepartments,
      DEPARTMENTS,
    );
    await assertOneWorkOrder(harness, caseId);
    const messages = await deliveredMessages(harness, caseId);
    assert.ok(messages.length > 0, 'the rater is answered');
    assert.ok(messages.every((message) => message.channel === 'sms' && message.to === '13812345678'));
    assert.match(messages[0]!.text, /三部门会商/);
  });
});

describe('a consultation from the rating to its return visits (issue 4, art. 18 and 20)', () => {
  it('given a consultation whose reply the rater finds unsatisfactory twice, then each return visit is recorded with its own round, the second rectification is round 2, and the case escalates after the second visit as any other', async () => {
    const harness = getHarness();
    const caseId = await consultedAndReplied(
      harness,
      { findings: '涉及市场监管、人社两部门', consultationReason: '材料要求互相矛盾，须两部门会商' },
      [
        ['xa-market', '统一材料清单'],
        ['xa-hrss', '统一材料清单'],
      ],
      '经两部门会商，已统一材料清单，请按新清单提交。',
    );
    await recordReturnVisit(harness, caseId, 'dissatisfied', '仍要求重复提交材料');
    await completeStage(harness, caseId, 'Task_RectifyComplaint', {
      problem: '窗口仍按旧清单收件',
      actions: '已按新清单重新培训窗口人员',
    });
    await recordReturnVisit(harness, caseId, 'dissatisfied', '问题仍未解决');
    await waitForTask(harness, caseId, 'Task_HandleEscalation', 'xa-approval');

    const visits = await harness
      .db('case_events')
      .where({ case_id: caseId, kind: 'return-visit-recorded' })
      .orderBy('id');
    assert.deepEqual(
      visits.map((event: { detail: { round: number; note: string } }) => [
        event.detail.round,
        event.detail.note,
      ]),
      [
        [1, '仍要求重复提交材料'],
        [2, '问题仍未解决'],
      ],
      'both results are in the timeline',
    );
    const rectify = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'rectify' });
    assert.deepEqual(
      rectify.map((clock: { round: number }) => clock.round),
      [2],
      'the consultation was the first round',
    );
  });
});
