// One 差评 travels the whole loop: rating → case → route → 12345 → verify → rectify → answer → return
// visit → closed, checked in the API, the database, the messages sent and the engine's history.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import {
  completeStage,
  completeTask,
  activitiesOfEndedCase,
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
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';

describe('a 差评 end to end (issues 2 and 4)', () => {
  it('given a real-name 非常不满意 rating, when the unit verifies and rectifies and 12345 finds the rater satisfied, then the case closes with its answer, its clocks and its history', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);

    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    assert.ok(verify.dueAt, 'the verify task carries its due date');
    await completeStage(harness, caseId, 'Task_VerifyComplaint', {
      outcome: 'valid',
      findings: '调取录像，情况属实',
    });
    await completeStage(harness, caseId, 'Task_RectifyComplaint', {
      problem: '窗口人员答复生硬',
      actions: '批评教育并开展窗口服务规范培训',
    });
    // The operator, who may reveal the rater's contact to call them, writes it into the note.
    await recordReturnVisit(harness, caseId, 'satisfied', '已致电张三 13812345678，评价人表示满意');

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'rectified');
    assert.equal(closed.responsibleDepartmentId, 'xa-market');
    assert.equal(closed.routingRule, 'handled-by');
    const kinds = timelineKinds(closed);
    for (const kind of [
      'case-opened',
      'case-routed',
      'stage-completed',
      'rater-answered',
      'return-visit-recorded',
      'case-closed',
    ]) {
      assert.ok(kinds.includes(kind), `timeline has ${kind}`);
    }
    assert.ok(kinds.indexOf('rater-answered') < kinds.indexOf('return-visit-recorded'));
    assert.equal(closed.evaluation.rater.phone, '138****5678', 'the phone is masked');
    // The unit reads the operator's note with the rater's contact masked (art. 24).
    const visitNotes = (await harness.db('case_events').where({ case_id: caseId, kind: 'stage-completed' }))
      .map((event) => event.detail.form?.note as string | undefined)
      .filter((note) => note?.includes('评价人表示满意'));
    assert.equal(visitNotes.length, 1);
    assert.doesNotMatch(visitNotes[0]!, /张三|13812345678/);
    assert.match(visitNotes[0]!, /138\*{4}5678/);
    assert.match(closed.answer.message, /批评教育并开展窗口服务规范培训/);
    const clocks = Object.fromEntries(
      closed.slaClocks.map((clock: { stage: string; state: string }) => [clock.stage, clock.state]),
    );
    assert.deepEqual(clocks, { verify: 'met', rectify: 'met', 'return-visit': 'met' });

    // The rater got the answer by SMS, to the real number (the dispatcher alone decrypted it).
    const sms = await eventually(
      async () => harness.smsInbox.find((message) => message.text.includes('批评教育')),
      {
        what: 'the answer SMS',
      },
    );
    assert.equal(sms.to, '13812345678');

    // The database: the contact is stored encrypted, never in clear.
    const stored = await harness.db('evaluations').where({ id: caseId }).first();
    assert.match(stored.rater_phone_encrypted, /^v1:/);
    assert.ok(!String(stored.rater_phone_encrypted).includes('13812345678'));

    // The engine's history: the instance ended after passing every step, under the rating's id.
    const activities = await activitiesOfEndedCase(harness, caseId);
    for (const step of [
      'Task_RouteCase',
      'Task_HotlineHandover',
      'Task_VerifyComplaint',
      'Task_RectifyComplaint',
      'Task_AnswerRater',
      'Task_StartReturnVisitClock',
      'Task_RecordReturnVisit',
      'Task_RecordReturnVisitResult',
      'Task_CloseCase',
      'EndEvent_CaseClosed',
    ]) {
      assert.ok(activities.includes(step), `history has ${step}`);
    }
  });

  it('given a 满意 rating, when it is posted, then it is stored and no case starts', async () => {
    const harness = getHarness();
    const record = serviceRecordBody();
    await postJson(harness.apiUrl, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    const rated = await postRating(harness.apiUrl, harness.protector, {
      serviceRecordId: record.id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201);
    assert.equal(rated.body.caseId, null);
    assert.equal((await harness.db('cases').where({ evaluation_id: rated.body.id })).length, 0);
    const instances = await harness.engine.historicProcessInstances({
      processInstanceBusinessKey: rated.body.id,
    });
    assert.equal(instances.length, 0);
  });

  it('given a task someone already completed, when it is completed again, then 409 task.not_found and nothing changes', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const first = await completeTask(harness, verify.id, { outcome: 'valid', findings: '属实' });
    assert.equal(first.status, 200);
    const second = await completeTask(harness, verify.id, { outcome: 'valid', findings: '属实（重复提交）' });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.id, 'task.not_found');
    const completions = await harness.db('case_events').where({ case_id: caseId, kind: 'stage-completed' });
    assert.equal(completions.length, 1);
  });

  const refusedForms: [string, Record<string, unknown>][] = [
    ['an empty finding', { outcome: 'valid', findings: '' }],
    ['an unknown outcome', { outcome: 'maybe', findings: '不确定' }],
    [
      'an appeal without evidence',
      {
        outcome: 'contested',
        findings: '评价不实',
        appealReasons: '当日无此业务',
        evidenceAttachmentIds: [],
      },
    ],
    [
      'evidence of another case',
      {
        outcome: 'contested',
        findings: '评价不实',
        appealReasons: '当日无此业务',
        evidenceAttachmentIds: ['00000000-0000-4000-8000-000000000000'],
      },
    ],
    ['a consultation without a reason', { outcome: 'consultation', findings: '涉及多部门' }],
  ];
  for (const [what, form] of refusedForms) {
    it(`given a verification form with ${what}, when it is submitted, then 400 task.form_invalid and nothing changes`, async () => {
      const harness = getHarness();
      const caseId = await postBadReview(harness);
      const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
      const refused = await completeTask(harness, verify.id, form);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.id, 'task.form_invalid');
      assert.equal((await harness.engine.task(verify.id)).id, verify.id, 'the task stays open');
      assert.equal(
        (await harness.db('case_events').where({ case_id: caseId, kind: 'stage-completed' })).length,
        0,
      );
      assert.equal((await harness.db('sla_clocks').where({ case_id: caseId })).length, 1, 'no clock started');
    });
  }
});
