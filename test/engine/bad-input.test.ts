// Bad input against the real engine (issue 4): a verify form without an outcome or with a contradictory
// one, a signed return-visit result for a case the engine has closed, evidence of a forbidden type or
// size. Each is a clear 4xx with a stable id and a Chinese message, and nothing changes in the engine or
// the database.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import {
  caseHistory,
  completeTask,
  endedCaseHistory,
  evidenceOf,
  postBadReview,
  waitForCaseStatus,
  waitForTask,
  recordReturnVisit,
  verifyAndRectify,
} from './cases.ts';
import { historicVariables } from './called-processes.ts';
import { workOrdersOf } from './messages.ts';
import { eventually } from '../support/fixtures.ts';
import { postSigned, webhookEvent } from '../support/hotline.ts';
import { WINDOWS_PROGRAM, oversizedPdf, uploadEvidence } from '../support/evidence-files.ts';
import type { Harness } from './harness.ts';

const CHINESE = /[\u4e00-\u9fff]/;

/** Everything a refused request must leave as it was: the case's rows and its process in the engine. */
async function snapshot(harness: Harness, caseId: string) {
  // The hotline reports its own "accepted" status on its own time: wait for it, lest it pass for a change.
  await eventually(
    () => harness.db('case_events').where({ case_id: caseId, kind: 'hotline-status' }).first(),
    { what: 'the hotline-status event' },
  );
  const history = await caseHistory(harness, caseId);
  const [events, row, clocks, attachments, notifications, variables] = await Promise.all([
    harness.db('case_events').where({ case_id: caseId }).orderBy('id').select('id', 'kind'),
    harness.db('cases').where({ id: caseId }).first(),
    harness.db('sla_clocks').where({ case_id: caseId }).orderBy('id'),
    harness.db('attachments').where({ case_id: caseId }).orderBy('id').select('id'),
    harness.db('notifications').where({ case_id: caseId }).orderBy('id').select('id'),
    historicVariables(harness, history.instance.id),
  ]);
  return { events, row, clocks, attachments, notifications, history, variables };
}

function assertRefusedInChinese(
  refused: { status: number; body: Record<string, any> },
  status: number,
  id: string,
): void {
  assert.equal(refused.status, status, JSON.stringify(refused.body));
  assert.equal(refused.body.error.id, id);
  assert.match(refused.body.error.message, CHINESE);
}

describe('bad input against the running case (issue 4)', () => {
  it('given an open verify task, when its form has no outcome, an unknown one or fields of another outcome, then 400 task.form_invalid names them in Chinese and nothing changes', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const evidenceId = await evidenceOf(harness, caseId);
    const before = await snapshot(harness, caseId);

    const findings = '情况属实';
    const refusals: [Record<string, unknown>, string[]][] = [
      [{ findings }, ['outcome']],
      [{ outcome: 'adopted', findings }, ['outcome']],
      // Valid, yet with an appeal's reasons and evidence: the unit cannot both accept and contest.
      [
        {
          outcome: 'valid',
          findings,
          appealReasons: '疑为误评',
          evidenceAttachmentIds: [evidenceId],
        },
        [''],
      ],
      [{ outcome: 'consultation', findings, consultationReason: '多部门', appealReasons: '疑为误评' }, ['']],
      // Contested without its evidence: half of an outcome.
      [{ outcome: 'contested', findings, appealReasons: '疑为误评' }, ['evidenceAttachmentIds']],
    ];
    for (const [form, paths] of refusals) {
      const refused = await completeTask(harness, verify.id, form);
      assertRefusedInChinese(refused, 400, 'task.form_invalid');
      const fields = refused.body.error.details.fields as { path: string; problem: string }[];
      assert.deepEqual(
        fields.map((field) => field.path),
        paths,
        JSON.stringify(form),
      );
      for (const field of fields) assert.match(field.problem, CHINESE, field.problem);
    }
    const contradiction = await completeTask(harness, verify.id, refusals[2]![0]);
    assert.match(contradiction.body.error.details.fields[0].problem, /appealReasons、evidenceAttachmentIds/);

    assert.deepEqual(await snapshot(harness, caseId), before);
    const task = await harness.engine.task(verify.id);
    assert.equal(task.assignee, null, 'not even claimed');

    // The same task still takes a form that says one thing.
    const done = await completeTask(harness, verify.id, { outcome: 'valid', findings });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    await waitForTask(harness, caseId, 'Task_RectifyComplaint');
  });

  it('given a case the engine has closed after a satisfied return visit, when 12345 posts another return-visit result, signed correctly, then 409 hotline.case_closed and nothing changes', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await verifyAndRectify(harness, caseId);
    await recordReturnVisit(harness, caseId, 'satisfied');
    await waitForCaseStatus(harness, caseId, 'closed');
    await endedCaseHistory(harness, caseId);
    const [order] = workOrdersOf(harness, caseId);
    assert.ok(order);
    const before = await snapshot(harness, caseId);

    const late = webhookEvent('return-visit.recorded', {
      workOrderNumber: order.number,
      externalReference: caseId,
      result: 'dissatisfied',
      note: '结案后补录的回访',
    });
    const refused = await postSigned(harness.apiUrl, late, { secret: harness.hotlineSecret });
    assertRefusedInChinese(refused, 409, 'hotline.case_closed');

    assert.deepEqual(await snapshot(harness, caseId), before);
    assert.equal(before.history.instance.state, 'COMPLETED');
    assert.equal(
      (await harness.db('case_events').where({ case_id: caseId, kind: 'return-visit-reported' })).length,
      0,
    );
  });

  it('given a live case, when a program disguised as a PDF, a program and a file over 10 MB are uploaded as evidence, then 415 and 413 and nothing is stored or moved', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const before = await snapshot(harness, caseId);

    const disguised = await uploadEvidence(harness.apiUrl, caseId, {
      content: WINDOWS_PROGRAM,
      fileName: '整改报告.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assertRefusedInChinese(disguised, 415, 'attachment.type_not_allowed');
    const program = await uploadEvidence(harness.apiUrl, caseId, {
      content: WINDOWS_PROGRAM,
      fileName: 'setup.exe',
      type: 'application/x-msdownload',
      uploadedBy: 'wang.fang',
    });
    assertRefusedInChinese(program, 415, 'attachment.type_not_allowed');
    const oversized = await uploadEvidence(harness.apiUrl, caseId, {
      content: oversizedPdf(),
      fileName: '监控录像截图合集.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assertRefusedInChinese(oversized, 413, 'attachment.too_large');

    assert.deepEqual(await snapshot(harness, caseId), before);
  });
});
