// One 差评 travels the whole loop: rating → case → route → verify → rectify → answer → closed,
// checked in the API, the database and the engine's history.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { completeTask, postBadReview, waitForTask } from './cases.ts';
import { eventually, getJson, postJson, serviceRecordBody } from '../support/fixtures.ts';

describe('a 差评 end to end (issue 2)', () => {
  it('given a 非常不满意 rating of a window 办件, when the unit verifies and rectifies, then the case closes with its answer and history', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);

    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    assert.ok(verify.dueAt, 'the verify task carries its due date');
    const verified = await completeTask(harness, verify.id, {
      outcome: 'valid',
      findings: '调取录像，情况属实',
    });
    assert.equal(verified.status, 200);

    const rectify = await waitForTask(harness, caseId, 'Task_RectifyComplaint');
    const rectified = await completeTask(harness, rectify.id, {
      problem: '窗口人员答复生硬',
      actions: '批评教育并开展窗口服务规范培训',
    });
    assert.equal(rectified.status, 200);

    const closed = await eventually(
      async () => {
        const found = await getJson(harness.apiUrl, `/api/cases/${caseId}`);
        return found.body.status === 'closed' ? found.body : undefined;
      },
      { what: 'the case to close' },
    );
    assert.equal(closed.outcome, 'rectified');
    assert.equal(closed.responsibleDepartmentId, 'xa-market');
    assert.equal(closed.routingRule, 'handled-by');
    assert.deepEqual(
      closed.timeline.map((event: { kind: string; stage: string }) => `${event.kind}:${event.stage}`),
      [
        'case-opened:intake',
        'case-routed:route',
        'stage-completed:verify',
        'stage-completed:rectify',
        'rater-answered:answer',
        'case-closed:close',
      ],
    );
    assert.equal(closed.evaluation.rater.phone, '138****5678', 'the phone is masked');
    assert.equal(closed.evaluation.rater.name, '张*');
    assert.match(closed.answer.message, /批评教育并开展窗口服务规范培训/);
    assert.equal(closed.slaClocks[0].stage, 'verify');
    assert.equal(closed.slaClocks[0].state, 'met');

    // The database: the contact is stored encrypted, never in clear.
    const stored = await harness.db('evaluations').where({ id: caseId }).first();
    assert.ok(!String(stored.rater_phone_encrypted).includes('13812345678'));
    assert.match(stored.rater_phone_encrypted, /^v1:/);
    const outbox = await harness.db('outbox').where({ case_id: caseId }).first();
    assert.ok(outbox.processed_at, 'the start order was processed');

    // The engine's history: the instance ended after passing every step, under the rating's id.
    const [instance] = await harness.engine.historicProcessInstances({ processInstanceBusinessKey: caseId });
    assert.ok(instance);
    assert.equal(instance.state, 'COMPLETED');
    const activities = (await harness.engine.historicActivities(instance.id)).map(
      (activity) => activity.activityId,
    );
    for (const step of [
      'StartEvent_BadReviewReceived',
      'Task_RouteCase',
      'Task_VerifyComplaint',
      'Task_RectifyComplaint',
      'Task_AnswerRater',
      'Task_CloseCase',
      'EndEvent_CaseClosed',
    ]) {
      assert.ok(activities.includes(step), `history has ${step}`);
    }
  });

  it('given a 满意 rating, when it is posted, then it is stored and no case starts', async () => {
    const harness = getHarness();
    const record = serviceRecordBody();
    await postJson(harness.apiUrl, '/api/service-records', record);
    const rated = await postJson(harness.apiUrl, '/api/evaluations', {
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

  it('given an incomplete verification form, when it is submitted, then 400 task.form_invalid and the task stays open', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const refused = await completeTask(harness, verify.id, { outcome: 'valid', findings: '' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.id, 'task.form_invalid');
    const still = await harness.engine.task(verify.id);
    assert.equal(still.id, verify.id);
  });
});
