// The task list's API (issue 6) on the real engine: what each user sees, the actions (签收, 转办, 退回, 催办),
// the filters and the countdown, and isolation — a unit never reaches another unit's tasks, cases or files.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { completeStage, postBadReview, waitForTask } from './cases.ts';
import { eventually } from '../support/fixtures.ts';
import { addStaffMember, DISTRICT_SUPERVISOR, staff, type StaffSession } from '../support/staff.ts';
import { SAMPLE_PDF, uploadEvidence } from '../support/evidence-files.ts';

const verifyValid = { outcome: 'valid', findings: '情况属实' };

/** A supervisor of 碑林区 (bl-approval's region), whose market bureau handles 办件 at the district's centre. */
const BEILIN_SUPERVISOR = {
  id: 'bl.supervisor',
  name: '碑林监督员',
  role: 'supervisor',
  departmentId: 'bl-approval',
};

/** The row of a task in a list query, paging through (other tests leave open tasks with earlier due dates). */
async function rowInList(session: StaffSession, query: string, taskId: string): Promise<any> {
  for (let page = 1; page <= 50; page += 1) {
    const answer = await session.get(`/api/tasks?pageSize=100&page=${page}&${query}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const rows = answer.body.tasks as any[];
    const found = rows.find((row) => row.id === taskId);
    if (found) return found;
    if (rows.length < 100) return undefined;
  }
  return undefined;
}

describe('the task list API (issue 6)', () => {
  it('given a 差评 of the market bureau, then its staff see the verify task with its case and countdown, and other units see none of it, however the ids are guessed', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const unit = await staff(harness.apiUrl, 'wang.fang');
    const row = await rowInList(unit, 'view=todo&stage=Task_VerifyComplaint', task.id);
    assert.ok(row, 'the unit sees the task');
    assert.equal(row.caseId, caseId);
    assert.equal(row.name, '核实差评');
    assert.equal(row.case.levelName, '非常不满意');
    assert.equal(row.case.itemCode, 'XA-SC-0001');
    assert.equal(row.case.responsibleDepartment.id, 'xa-market');
    assert.ok(['on-track', 'at-risk'].includes(row.sla.state), JSON.stringify(row.sla));
    assert.equal(typeof row.sla.workingDaysLeft, 'number');
    const uploaded = await uploadEvidence(harness.apiUrl, caseId, {
      content: SAMPLE_PDF,
      fileName: '说明.pdf',
      type: 'application/pdf',
      uploadedBy: 'wang.fang',
    });
    assert.equal(uploaded.status, 201);

    for (const outsider of ['zhang.wei', 'guo.hua', 'wu.lei']) {
      const other = await staff(harness.apiUrl, outsider);
      const list = await other.get('/api/tasks?pageSize=100');
      assert.ok(
        !(list.body.tasks as any[]).some((candidate) => candidate.caseId === caseId),
        `${outsider}'s list`,
      );
      for (const path of [
        `/api/tasks/${task.id}`,
        `/api/cases/${caseId}`,
        `/api/cases/${caseId}/progress`,
        `/api/cases/${caseId}/attachments`,
        `/api/cases/${caseId}/comments`,
        `/api/attachments/${uploaded.body.id}`,
        `/api/colleagues?taskId=${task.id}`,
      ]) {
        const response = await other.get(path);
        assert.equal(response.status, 404, `${outsider} GET ${path}`);
      }
      for (const action of ['claim', 'complete', 'send-back', 'unclaim']) {
        const response = await other.post(`/api/tasks/${task.id}/${action}`, verifyValid);
        assert.equal(response.status, 404, `${outsider} POST ${action}`);
        assert.equal(response.body.error.id, 'task.not_visible');
      }
      const comment = await other.post(`/api/cases/${caseId}/comments`, { text: '看看' });
      assert.equal(comment.status, 404);
      const upload = await uploadEvidence(harness.apiUrl, caseId, {
        content: SAMPLE_PDF,
        fileName: 'x.pdf',
        type: 'application/pdf',
        uploadedBy: outsider,
      });
      assert.equal(upload.status, 404, `${outsider} upload`);
      const group = await other.get('/api/tasks?group=xa-market');
      assert.equal(group.status, 403);
      assert.equal(group.body.error.id, 'task.group_not_mine');
    }
    assert.equal((await harness.db('attachments').where({ case_id: caseId })).length, 1, 'no outsider file');
    assert.equal((await harness.db('case_comments').where({ case_id: caseId })).length, 0);

    // The city's approval department, 12345 and supervisors see the case of their jurisdiction.
    for (const insider of ['zhao.min', 'liu.yang', 'sun.li']) {
      const response = await (await staff(harness.apiUrl, insider)).get(`/api/cases/${caseId}`);
      assert.equal(response.status, 200, insider);
    }
    // A reviewer sees the case, not the unit's task to work on it.
    const reviewer = await staff(harness.apiUrl, 'zhao.min');
    assert.equal((await reviewer.post(`/api/tasks/${task.id}/claim`, {})).status, 404);
  });

  it('given a verify task, when it is claimed, a colleague is refused, it is transferred, and the holder completes it, then 已办 lists it and the timeline names them', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const wang = await staff(harness.apiUrl, 'wang.fang');
    const li = await staff(harness.apiUrl, 'li.qiang');
    assert.equal((await wang.post(`/api/tasks/${task.id}/claim`, {})).body.assignee, 'wang.fang');
    const taken = await li.post(`/api/tasks/${task.id}/claim`, {});
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.id, 'task.claimed_by_other');
    const stolen = await li.post(`/api/tasks/${task.id}/complete`, verifyValid);
    assert.equal(stolen.status, 409, 'a colleague cannot complete a task someone holds');
    const colleagues = await wang.get(`/api/colleagues?taskId=${task.id}`);
    assert.deepEqual(
      (colleagues.body.colleagues as any[]).map((colleague) => colleague.id),
      ['li.qiang'],
    );
    const outsider = await wang.post(`/api/tasks/${task.id}/transfer`, { userId: 'zhang.wei' });
    assert.equal(outsider.status, 400);
    assert.equal(outsider.body.error.id, 'task.transfer_invalid');
    const moved = await wang.post(`/api/tasks/${task.id}/transfer`, {
      userId: 'li.qiang',
      note: '请李科长核实',
    });
    assert.equal(moved.status, 200);
    assert.equal((await harness.engine.task(task.id)).assignee, 'li.qiang');
    const row = await rowInList(li, 'stage=Task_VerifyComplaint', task.id);
    assert.deepEqual(row.assignee, { id: 'li.qiang', name: '李强' });
    assert.equal((await li.post(`/api/tasks/${task.id}/complete`, verifyValid)).status, 200);
    const stale = await wang.post(`/api/tasks/${task.id}/complete`, verifyValid);
    assert.equal(stale.status, 409, 'a stale form');
    assert.equal(stale.body.error.id, 'task.not_found');
    assert.match(stale.body.error.message, /已被他人办理/);

    const done = await li.get('/api/tasks?view=done&pageSize=100');
    const doneRow = (done.body.tasks as any[]).find((candidate) => candidate.id === task.id);
    assert.equal(doneRow.name, '核实差评');
    assert.equal(doneRow.caseId, caseId);
    const caseBody = (await li.get(`/api/cases/${caseId}`)).body;
    const completed = (caseBody.timeline as any[]).find((event) => event.kind === 'stage-completed');
    assert.equal(completed.actor, 'li.qiang');
    assert.equal(completed.actorName, '李强');
    assert.ok((caseBody.timeline as any[]).some((event) => event.kind === 'task-transferred'));
    const history = await harness.engine.historicTasks({ taskId: task.id });
    assert.equal(history[0]!.assignee, 'li.qiang', "the engine's history names who completed it");
  });

  it('given a rectify task, when the unit sends it back with a reason, then the case is verified again on a new clock and the model refuses a send-back where it names none', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const wang = await staff(harness.apiUrl, 'wang.fang');
    const verify = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const noSendBack = await wang.post(`/api/tasks/${verify.id}/send-back`, { reason: '退回' });
    assert.equal(noSendBack.status, 400);
    assert.equal(noSendBack.body.error.id, 'task.send_back_not_allowed');
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    const rectify = await waitForTask(harness, caseId, 'Task_RectifyComplaint');
    const detail = await wang.get(`/api/tasks/${rectify.id}`);
    assert.equal(detail.body.canSendBack, true);
    assert.equal(detail.body.context.verifyFindings, '情况属实');
    const blank = await wang.post(`/api/tasks/${rectify.id}/send-back`, { reason: '  ' });
    assert.equal(blank.status, 400);
    const sent = await wang.post(`/api/tasks/${rectify.id}/send-back`, {
      reason: '核实结论有误，需重新调取录像',
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.sentBackTo, 'Task_VerifyComplaint');
    const again = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    assert.notEqual(again.id, verify.id);
    assert.ok(again.dueAt);
    const reopened = await wang.get(`/api/tasks/${again.id}`);
    assert.equal(reopened.body.context.sendBackReason, '核实结论有误，需重新调取录像');
    assert.equal(
      (
        await harness.engine.tasks({
          processInstanceBusinessKey: caseId,
          taskDefinitionKey: 'Task_RectifyComplaint',
        })
      ).length,
      0,
      'the rectify task is gone',
    );
    const verifyClocks = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'verify' })
      .orderBy('round');
    assert.deepEqual(
      verifyClocks.map((clock) => clock.round),
      [1, 2],
    );
    assert.equal(verifyClocks[1].done_at, null);
    const [sentBack] = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'rectify' });
    assert.equal(sentBack.state, 'stopped', 'sent back undone: neither met nor missed');
    // Verified again, the case goes on to a second round of rectification and closes as usual.
    await completeStage(harness, caseId, 'Task_VerifyComplaint', verifyValid);
    const rectifyAgain = await waitForTask(harness, caseId, 'Task_RectifyComplaint');
    assert.ok(rectifyAgain.dueAt);
    const notSentBack = await wang.get(`/api/tasks/${rectifyAgain.id}`);
    assert.equal(notSentBack.body.context.sendBackReason, undefined, 'the next task was not sent back');
    const rectifyClocks = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'rectify' })
      .orderBy('round');
    assert.deepEqual(
      rectifyClocks.map((clock) => clock.round),
      [1, 2],
    );
    const timeline = ((await wang.get(`/api/cases/${caseId}`)).body.timeline as any[]).map(
      (event) => event.kind,
    );
    assert.ok(timeline.includes('stage-sent-back'));
  });

  it("given a district 差评 at its 12345 return visit, when that district's supervisor lists 待办, then the city hotline's task of it is there, and no case outside the district", async () => {
    const harness = getHarness();
    const districtCase = await postBadReview(
      harness,
      {},
      { itemCode: 'BL-SC-0001', handlingDepartmentId: 'bl-market', institutionId: 'bl-center-w01' },
    );
    await completeStage(harness, districtCase, 'Task_VerifyComplaint', verifyValid, 'bl-market');
    await completeStage(
      harness,
      districtCase,
      'Task_RectifyComplaint',
      { problem: '办理超时', actions: '已当面致歉并办结' },
      'bl-market',
    );
    const returnVisit = await waitForTask(harness, districtCase, 'Task_RecordReturnVisit', 'xa-12345');
    const cityCase = await postBadReview(harness);
    const cityTask = await waitForTask(harness, cityCase, 'Task_VerifyComplaint');

    await addStaffMember(harness.db, BEILIN_SUPERVISOR);
    const district = await staff(harness.apiUrl, BEILIN_SUPERVISOR.id);
    const row = await rowInList(district, 'view=todo', returnVisit.id);
    assert.ok(row, 'the return visit of a 碑林 case, though the city 12345 holds it');
    assert.equal(row.caseId, districtCase);
    assert.equal((await district.get(`/api/tasks/${returnVisit.id}`)).status, 200);
    assert.equal(await rowInList(district, 'view=todo', cityTask.id), undefined, 'a city case is not theirs');
    await addStaffMember(harness.db, DISTRICT_SUPERVISOR);
    const otherDistrict = await staff(harness.apiUrl, DISTRICT_SUPERVISOR.id);
    assert.equal(
      await rowInList(otherDistrict, 'view=todo', returnVisit.id),
      undefined,
      '雁塔 sees no 碑林 case',
    );
    const city = await staff(harness.apiUrl, 'sun.li');
    assert.ok(await rowInList(city, 'view=todo', returnVisit.id), 'the city supervisor sees every district');
  });

  it('given an open task, when a supervisor urges it, then the case records it and the unit is e-mailed; a unit cannot urge', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const supervisor = await staff(harness.apiUrl, 'sun.li');
    const seen = await supervisor.get(`/api/tasks?stage=Task_VerifyComplaint&pageSize=100`);
    assert.ok(
      (seen.body.tasks as any[]).some((row) => row.id === task.id),
      'supervisors see their jurisdiction',
    );
    const urged = await supervisor.post(`/api/tasks/${task.id}/urge`, { message: '请于今日内核实' });
    assert.equal(urged.status, 201);
    assert.ok((urged.body.urged as string[]).includes('wang.fang'));
    const mail = await eventually(
      async () =>
        harness.mailbox.find((message) => message.subject.includes('催办') && message.text.includes(caseId)),
      { what: 'the urging e-mail' },
    );
    assert.match(mail.text, /请于今日内核实/);
    assert.match(
      mail.text,
      /办理期限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/,
      'the due date as people read it',
    );
    const byUnit = await (
      await staff(harness.apiUrl, 'wang.fang')
    ).post(`/api/tasks/${task.id}/urge`, {
      message: '催',
    });
    assert.equal(byUnit.status, 403);
    assert.equal(byUnit.body.error.id, 'auth.forbidden');
    const supervisorComplete = await supervisor.post(`/api/tasks/${task.id}/complete`, verifyValid);
    assert.equal(supervisorComplete.status, 403, 'a supervisor watches, the unit works');
  });

  it('given the filters, then the list narrows by stage, SLA state, item and date, sorted by due date; the diagram shows where the case stands', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const wang = await staff(harness.apiUrl, 'wang.fang');
    const listed = async (query: string) => Boolean(await rowInList(wang, query, task.id));
    assert.ok(await listed('itemCode=XA-SC-0001'));
    assert.ok(!(await listed('itemCode=XA-RS-0001')));
    assert.ok(!(await listed('stage=Task_RectifyComplaint')));
    assert.ok(!(await listed('sla=overdue')));
    const state = ((await wang.get(`/api/tasks/${task.id}`)).body.sla as { state: string }).state;
    assert.ok(await listed(`sla=${state}`));
    assert.ok(!(await listed('createdTo=2020-01-01')));
    assert.ok(await listed(`search=${caseId}`), 'found by its case id');
    assert.ok(
      await listed(`search=${caseId.slice(0, 8).toUpperCase()}`),
      'found by the 8 digits the screens show',
    );
    const record = (await harness.db('evaluations').where({ id: caseId }).first()).service_record_id;
    assert.ok(await listed(`search=${record}`), 'found by its 办件 number');
    assert.ok(!(await listed('search=SR-none')));
    assert.ok(await listed(`createdFrom=2020-01-01`));
    const dues = ((await wang.get('/api/tasks?pageSize=100')).body.tasks as any[])
      .map((row) => row.dueAt as string | null)
      .filter((due): due is string => due !== null)
      .map((due) => new Date(due).getTime());
    assert.deepEqual(
      dues,
      [...dues].sort((a, b) => a - b),
      'sorted by due date',
    );
    const bad = await wang.get('/api/tasks?sla=late');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.id, 'request.invalid');

    const progress = await wang.get(`/api/cases/${caseId}/progress`);
    const [process] = progress.body.processes as any[];
    assert.equal(process.key, 'bad-review');
    assert.ok(process.activeActivityIds.includes('Task_VerifyComplaint'));
    assert.ok(process.passedActivityIds.includes('Task_RouteCase'));
    const xml = await wang.get(`/api/process-definitions/${process.processDefinitionId}/xml`);
    assert.match(xml.body.bpmn20Xml, /Task_VerifyComplaint/);
    const caseBody = (await wang.get(`/api/cases/${caseId}`)).body;
    assert.equal(caseBody.evaluation.serviceRecord.itemName, '企业设立登记');
    assert.equal(caseBody.evaluation.serviceRecord.handlingDepartmentName, '西安市市场监督管理局');
    assert.deepEqual(caseBody.responsibleDepartment, { id: 'xa-market', name: '西安市市场监督管理局' });
    const departments = (await wang.get('/api/departments')).body.departments as any[];
    assert.equal(
      departments.find((department) => department.id === 'xa-hrss').name,
      '西安市人力资源和社会保障局',
    );
    const comment = await wang.post(`/api/cases/${caseId}/comments`, { text: '已调取录像' });
    assert.equal(comment.status, 201);
    assert.equal(comment.body.authorName, '王芳');
    assert.equal(
      (await wang.post(`/api/cases/${caseId}/comments`, { text: ' ' })).body.error.id,
      'comment.invalid',
    );
    assert.equal(((await wang.get(`/api/cases/${caseId}/comments`)).body.comments as any[]).length, 1);
  });
});
