// The 12345 hotline with the real engine (issue 4, art. 16 and 18): every 差评 becomes exactly one work
// order, even across a hotline outage, and the return visit the hotline reports continues the case.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { workOrdersOf } from './messages.ts';
import { externalTaskLog } from './called-processes.ts';
import {
  caseHistory,
  completeStage,
  postBadReview,
  timesPassed,
  waitForCaseStatus,
  waitForTask,
} from './cases.ts';
import { eventually } from '../support/fixtures.ts';
import { postSigned, webhookEvent } from '../support/hotline.ts';
import type { Harness } from './harness.ts';

async function processInstanceOf(harness: Harness, caseId: string): Promise<string> {
  return eventually(
    async () =>
      ((await harness.db('cases').where({ id: caseId }).first()) as { process_instance_id: string | null })
        .process_instance_id ?? undefined,
    { what: `the process instance of case ${caseId}` },
  );
}

/** What a refusal must leave as it was. Waits first for the hotline's own "accepted" status to land. */
async function caseSnapshot(harness: Harness, caseId: string) {
  await eventually(
    () => harness.db('case_events').where({ case_id: caseId, kind: 'hotline-status' }).first(),
    {
      what: 'the hotline-status event',
    },
  );
  const processInstanceId = await processInstanceOf(harness, caseId);
  const [events, row, activities, variables] = await Promise.all([
    harness.db('case_events').where({ case_id: caseId }).orderBy('id').select('id'),
    harness.db('cases').where({ id: caseId }).first(),
    harness.engine.historicActivities(processInstanceId),
    harness.engine.processVariables(processInstanceId),
  ]);
  return { events, row, activities: activities.length, variables };
}

describe('the 12345 hotline (issue 4)', () => {
  it('given a 差评, when it is routed, then exactly one 营商环境类 work order exists for it and its number is on the case and in the process', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');

    const orders = workOrdersOf(harness, caseId);
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.category, '营商环境类');
    assert.equal(orders[0]!.raterRealName, '张三');
    const stored = await harness.db('cases').where({ id: caseId }).first();
    assert.equal(stored.hotline_work_order_number, orders[0]!.number);
    const variables = await harness.engine.processVariables(stored.process_instance_id);
    assert.equal(variables.hotlineWorkOrderNumber?.value, orders[0]!.number);
    const handovers = await harness.db('case_events').where({ case_id: caseId, kind: 'hotline-handover' });
    assert.equal(handovers.length, 1);
  });

  it('given the hotline is down, when a 差评 is posted, then the handover fails and retries, and once the hotline is back exactly one work order arrives', async () => {
    const harness = getHarness();
    await harness.hotline.setAvailable(false);
    let caseId: string;
    try {
      caseId = await postBadReview(harness);
      const processInstanceId = await processInstanceOf(harness, caseId);
      // The engine shows the failures: retries counting down from 20, and the reason.
      const failing = await eventually(
        async () => {
          const [task] = await harness.engine.externalTasks({
            topicName: 'hotline-handover',
            processInstanceId,
          });
          return task && task.retries !== null && task.retries <= 18 ? task : undefined;
        },
        { timeoutMs: 45_000, what: 'two failed handover attempts' },
      );
      assert.match(failing.errorMessage ?? '', /12345 hotline unreachable/);
      assert.equal(workOrdersOf(harness, caseId).length, 0);
      assert.equal((await harness.db('cases').where({ id: caseId }).first()).hotline_work_order_number, null);
    } finally {
      await harness.hotline.setAvailable(true);
    }
    await waitForTask(harness, caseId, 'Task_VerifyComplaint', 'xa-market', 45_000);
    assert.equal(workOrdersOf(harness, caseId).length, 1, 'no work order lost, none doubled');
    const stored = await harness.db('cases').where({ id: caseId }).first();
    assert.equal(stored.hotline_work_order_number, workOrdersOf(harness, caseId)[0]!.number);

    // The engine's history: one handover that failed, was retried and then succeeded once; the case went
    // on to verification, and the work order number reached the process.
    const history = await caseHistory(harness, caseId);
    assert.equal(timesPassed(history, 'Task_HotlineHandover'), 1, 'one handover step, however many tries');
    assert.deepEqual(history.open, ['Task_VerifyComplaint']);
    const tries = await externalTaskLog(harness, history.instance.id, 'hotline-handover');
    assert.ok(tries.filter((entry) => entry.failureLog).length >= 2, 'the failed tries are in the log');
    assert.equal(tries.filter((entry) => entry.successLog).length, 1, 'one success, so one work order');
    const variables = await harness.engine.processVariables(history.instance.id);
    assert.equal(variables.hotlineWorkOrderNumber?.value, stored.hotline_work_order_number);
    const handovers = await harness.db('case_events').where({ case_id: caseId, kind: 'hotline-handover' });
    assert.equal(handovers.length, 1);
  });

  it('given a webhook call without the shared secret, then it is refused (401) and the case does not move', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const [order] = workOrdersOf(harness, caseId);
    const before = await caseSnapshot(harness, caseId);
    const visit = webhookEvent('return-visit.recorded', {
      workOrderNumber: order!.number,
      externalReference: caseId,
      result: 'satisfied',
      note: '伪造的回访',
    });
    const forged = await postSigned(harness.apiUrl, visit, { secret: 'guessed-hotline-secret' });
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.id, 'hotline.bad_signature');
    assert.deepEqual(await caseSnapshot(harness, caseId), before);
  });

  it('given a case still being verified, when 12345 reports a return visit, then 409 hotline.return_visit_not_awaited and nothing changes', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const [order] = workOrdersOf(harness, caseId);
    const before = await caseSnapshot(harness, caseId);
    const visit = webhookEvent('return-visit.recorded', {
      workOrderNumber: order!.number,
      externalReference: caseId,
      result: 'satisfied',
      note: '过早的回访',
    });
    const early = await postSigned(harness.apiUrl, visit, { secret: harness.hotlineSecret });
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.error.id, 'hotline.return_visit_not_awaited');
    assert.deepEqual(await caseSnapshot(harness, caseId), before);
  });

  it('given a rectified real-name case, when the 12345 operator records a satisfied return visit in the hotline, then the result reaches the process and the case closes', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await completeStage(harness, caseId, 'Task_VerifyComplaint', { outcome: 'valid', findings: '情况属实' });
    await completeStage(harness, caseId, 'Task_RectifyComplaint', {
      problem: '窗口人员答复生硬',
      actions: '批评教育并开展培训',
    });
    await waitForTask(harness, caseId, 'Task_RecordReturnVisit', 'xa-12345');
    const [order] = workOrdersOf(harness, caseId);

    const response = await fetch(`${harness.hotline.url}/work-orders/${order!.number}/return-visit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'satisfied', note: '评价人对整改表示满意' }),
    });
    assert.equal(response.status, 200, JSON.stringify(await response.clone().json()));

    await waitForCaseStatus(harness, caseId, 'closed', 30_000);
    const [instance] = await harness.engine.historicProcessInstances({ processInstanceBusinessKey: caseId });
    const history = await fetch(
      `${harness.engine.baseUrl}/history/variable-instance?processInstanceId=${instance!.id}`,
    );
    const variables = Object.fromEntries(
      ((await history.json()) as { name: string; value: unknown }[]).map((row) => [row.name, row.value]),
    );
    assert.equal(variables.returnVisitResult, 'satisfied');
    assert.equal(variables.returnVisitNote, '评价人对整改表示满意');
    assert.equal(variables.returnVisitSource, 'hotline');
    const reported = await harness
      .db('case_events')
      .where({ case_id: caseId, kind: 'return-visit-reported' });
    assert.equal(reported.length, 1);
  });
});
