// A 差评 a supervisor confirms fraudulent (issue 5, art. 23) ends its case in the engine: the review's order
// (outbox) delivers bad-review's message rating-fraud-confirmed, the interrupting event sub-process 确认刷评
// withdraws the case's tasks — a called appeal review too — and the case-close worker closes the case as
// 'fraud-confirmed' with its running clocks stopped. No answer goes to the rater, no 12345 return visit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSES_DIR } from '../../infra/deploy-models.ts';
import { getHarness } from './harness.ts';
import {
  completeStage,
  endedCaseHistory,
  evidenceOf,
  postBadReview,
  timelineKinds,
  waitForCaseStatus,
  waitForTask,
  verifyAndRectify,
  type OpenTask,
} from './cases.ts';
import { postSigned, webhookEvent } from '../support/hotline.ts';
import { calledInstanceOf } from './called-processes.ts';
import { eventually, postJson } from '../support/fixtures.ts';
import { staff, staffOfDepartment } from '../support/staff.ts';
import type { Harness } from './harness.ts';

// 王芳's work phone (demo data): a rating from it is flagged staff-phone.
const STAFF_PHONE = '13991000101';

/** A real-name 差评 from a staff member's own phone, once the fraud check has flagged it; the case id. */
async function flaggedBadReview(harness: Harness): Promise<string> {
  const caseId = await postBadReview(harness, { rater: { name: '李四', phone: STAFF_PHONE } });
  await eventually(
    () => harness.db('fraud_flags').where({ evaluation_id: caseId, signal: 'staff-phone' }).first(),
    { what: `the staff-phone flag on ${caseId}` },
  );
  return caseId;
}

async function review(harness: Harness, caseId: string, outcome: 'confirmed' | 'dismissed') {
  const supervisor = await staff(harness.apiUrl, 'sun.li');
  const response = await postJson(
    harness.apiUrl,
    `/api/evaluations/${caseId}/fraud-review`,
    { outcome, basis: '评价手机号为窗口工作人员本人号码' },
    supervisor.headers,
  );
  assert.equal(response.status, 201, JSON.stringify(response.body));
}

async function openTasksOf(harness: Harness, caseId: string, group: string): Promise<OpenTask[]> {
  const list = await (
    await staffOfDepartment(harness.apiUrl, group)
  ).get(`/api/tasks?group=${group}&pageSize=100`);
  assert.equal(list.status, 200);
  return (list.body.tasks as OpenTask[]).filter((task) => task.caseId === caseId);
}

/** bad-review as deployed before it could be ended early: without the event sub-process and its shapes. */
function withoutFraudEnd(xml: string): string {
  const stripped = xml
    .replace(/\s*<bpmn:subProcess id="SubProcess_FraudConfirmed"[\s\S]*?<\/bpmn:subProcess>/, '')
    .replace(/\s*<bpmn:message id="Message_RatingFraudConfirmed"[^>]*\/>/, '')
    .replace(
      /\s*<bpmndi:BPMN(?:Shape|Edge) id="[^"]*(?:FraudConfirmed|WithdrawHotlineWorkOrder)[^"]*"[\s\S]*?<\/bpmndi:BPMN(?:Shape|Edge)>/g,
      '',
    );
  assert.doesNotMatch(stripped, /FraudConfirmed|WithdrawHotlineWorkOrder/);
  return stripped;
}

describe('a 差评 confirmed fraudulent ends its case (issue 5, art. 23)', () => {
  it('given a flagged 差评 waiting for its verification, when a supervisor confirms it, then the task is withdrawn, the clock stopped and the case closed as fraud confirmed, with no answer and no return visit', async () => {
    const harness = getHarness();
    const caseId = await flaggedBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const ratingBefore = await harness.db('evaluations').where({ id: caseId }).first();

    await review(harness, caseId, 'confirmed');

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'fraud-confirmed');
    const history = await endedCaseHistory(harness, caseId);
    for (const activity of [
      'StartEvent_FraudConfirmed',
      'Task_CloseCaseFraudConfirmed',
      'EndEvent_CaseEndedFraudConfirmed',
    ])
      assert.ok(history.passed.includes(activity), `${activity} passed`);
    for (const activity of ['Task_CloseCase', 'EndEvent_CaseClosed'])
      assert.ok(!history.passed.includes(activity), `${activity} not passed`);
    assert.ok(history.passed.includes('Task_WithdrawHotlineWorkOrder'));
    const [workOrder] = harness.hotline.orders().filter((held) => held.externalReference === caseId);
    assert.equal(workOrder?.status, 'withdrawn', '12345 was told to withdraw its work order');
    // The withdrawal is the step after 终止处置: the case as it reads now that the instance has ended.
    const ended = await waitForCaseStatus(harness, caseId, 'closed');
    assert.ok(timelineKinds(ended).includes('hotline-withdrawn'));

    assert.deepEqual(await openTasksOf(harness, caseId, 'xa-market'), [], 'the verify task is withdrawn');
    const clocks = await harness.db('sla_clocks').where({ case_id: caseId });
    assert.deepEqual(
      clocks.map((clock) => [clock.stage, clock.state, clock.done_at !== null]),
      [['verify', 'stopped', true]],
    );
    assert.deepEqual(await harness.db('rater_answers').where({ case_id: caseId }), []);
    const closedEvent = (closed.timeline as { kind: string; detail: Record<string, unknown> }[]).find(
      (event) => event.kind === 'case-closed',
    );
    assert.deepEqual(closedEvent?.detail, { outcome: 'fraud-confirmed' });
    assert.deepEqual(await harness.db('evaluations').where({ id: caseId }).first(), ratingBefore);
    assert.deepEqual(await harness.db('counted_evaluations').where({ id: caseId }), []);
    const order = await harness.db('outbox').where({ case_id: caseId, kind: 'end-fraud-case' }).first();
    assert.ok(order.processed_at, 'the order to end the case was carried out');
  });

  it('given a flagged 差评 rectified and answered, waiting for its 12345 return visit, when a supervisor confirms it, then the return visit is withdrawn on both sides and a result 12345 sends later is refused', async () => {
    const harness = getHarness();
    const caseId = await flaggedBadReview(harness);
    await verifyAndRectify(harness, caseId);
    await waitForTask(harness, caseId, 'Task_RecordReturnVisit', 'xa-12345');

    await review(harness, caseId, 'confirmed');

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'fraud-confirmed');
    assert.deepEqual(
      await openTasksOf(harness, caseId, 'xa-12345'),
      [],
      'the return-visit task is withdrawn',
    );
    // Withdrawn right after the case closed (the step after 终止处置).
    const order = await eventually(
      async () =>
        harness.hotline
          .orders()
          .find((held) => held.externalReference === caseId && held.status === 'withdrawn'),
      { what: 'the work order withdrawn' },
    );
    const clocks = await harness.db('sla_clocks').where({ case_id: caseId }).orderBy('id');
    assert.deepEqual(
      clocks.map((clock) => [clock.stage, clock.state]),
      [
        ['verify', 'met'],
        ['rectify', 'met'],
        ['return-visit', 'stopped'],
      ],
    );
    const late = await postSigned(
      harness.apiUrl,
      webhookEvent('return-visit.recorded', {
        workOrderNumber: order!.number,
        externalReference: caseId,
        result: 'satisfied',
        note: '回访满意',
      }),
      { secret: harness.hotlineSecret },
    );
    assert.equal(late.status, 409, JSON.stringify(late.body));
    const after = await waitForCaseStatus(harness, caseId, 'closed');
    assert.ok(!timelineKinds(after).includes('return-visit-reported'));
  });

  it('given a flagged 差评 whose unit appealed it, when a supervisor confirms it, then the appeal review ends with the case', async () => {
    const harness = getHarness();
    const caseId = await flaggedBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    await completeStage(harness, caseId, 'Task_VerifyComplaint', {
      outcome: 'contested',
      findings: '评价手机号为本窗口工作人员号码',
      appealReasons: '疑为工作人员自评的恶意差评',
      evidenceAttachmentIds: [await evidenceOf(harness, caseId)],
    });
    await waitForTask(harness, caseId, 'Task_ReviewAppeal', 'xa-approval');
    const appeal = await calledInstanceOf(harness, caseId, 'appeal-review');

    await review(harness, caseId, 'confirmed');

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'fraud-confirmed');
    const ended = await eventually(
      async () => {
        const [instance] = await harness.engine.historicProcessInstances({ processInstanceId: appeal.id });
        return instance?.endTime ? instance : undefined;
      },
      { what: 'the appeal review to end' },
    );
    assert.equal(
      ended.state,
      'INTERNALLY_TERMINATED',
      'the appeal review was ended by its caller, not completed',
    );
    assert.deepEqual(await openTasksOf(harness, caseId, 'xa-approval'), [], 'the review task is withdrawn');
    assert.deepEqual(
      await harness.db('evaluation_decisions').where({ case_id: caseId }),
      [],
      'no appeal decision',
    );
    const running = await harness.db('sla_clocks').where({ case_id: caseId }).whereNull('done_at');
    assert.deepEqual(running, []);
    const appealClock = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'appeal-review' })
      .first();
    assert.equal(appealClock.state, 'stopped');
    assert.ok(!timelineKinds(closed).includes('rating-not-adopted'));
  });

  it('given a flagged 差评 whose case runs on a version of bad-review from before 确认刷评, when a supervisor confirms it, then the case is ended from outside and closed as fraud confirmed', async () => {
    const harness = getHarness();
    const shipped = readFileSync(join(PROCESSES_DIR, 'bad-review.bpmn'), 'utf8');
    await harness.engine.deployNewVersion('hcp-test-before-fraud-end', 'hcp-test', {
      name: 'bad-review.bpmn',
      content: withoutFraudEnd(shipped),
    });
    let caseId: string;
    try {
      caseId = await flaggedBadReview(harness);
      await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    } finally {
      // Later cases start on the shipped model again (a new version with its content).
      await harness.engine.deployNewVersion('hcp-test-restore', 'hcp-test', {
        name: 'bad-review.bpmn',
        content: shipped,
      });
    }
    const [running] = await harness.engine.processInstances({
      businessKey: caseId,
      processDefinitionKey: 'bad-review',
    });
    const xml = await harness.engine.definitionXml('process', running!.definitionId);
    assert.doesNotMatch(xml.bpmn20Xml!, /SubProcess_FraudConfirmed/, 'the case runs on the old version');

    await review(harness, caseId, 'confirmed');

    const closed = await waitForCaseStatus(harness, caseId, 'closed');
    assert.equal(closed.outcome, 'fraud-confirmed');
    const [ended] = await harness.engine.historicProcessInstances({ processInstanceId: running!.id });
    assert.equal(ended?.state, 'EXTERNALLY_TERMINATED');
    const [workOrder] = harness.hotline.orders().filter((held) => held.externalReference === caseId);
    assert.equal(workOrder?.status, 'withdrawn', 'its 12345 work order withdrawn by the drainer');
    assert.ok(timelineKinds(closed).includes('hotline-withdrawn'));
    assert.deepEqual(await openTasksOf(harness, caseId, 'xa-market'), [], 'the verify task is gone');
    const clocks = await harness.db('sla_clocks').where({ case_id: caseId });
    assert.deepEqual(
      clocks.map((clock) => [clock.stage, clock.state]),
      [['verify', 'stopped']],
    );
    const order = await harness.db('outbox').where({ case_id: caseId, kind: 'end-fraud-case' }).first();
    assert.ok(order.processed_at);
    assert.deepEqual(
      (closed.timeline as { kind: string; detail: unknown }[])
        .filter((event) => event.kind === 'case-closed')
        .map((event) => event.detail),
      [{ outcome: 'fraud-confirmed' }],
    );
  });

  it('given a flagged 差评 a supervisor dismisses, then its case runs on', async () => {
    const harness = getHarness();
    const caseId = await flaggedBadReview(harness);
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint');

    await review(harness, caseId, 'dismissed');

    assert.deepEqual(await harness.db('outbox').where({ case_id: caseId, kind: 'end-fraud-case' }), []);
    const [stillOpen] = await openTasksOf(harness, caseId, 'xa-market');
    assert.equal(stillOpen?.id, task.id);
    const found = await (await staff(harness.apiUrl, 'admin')).get(`/api/cases/${caseId}`);
    assert.equal(found.body.status, 'open');
  });
});
