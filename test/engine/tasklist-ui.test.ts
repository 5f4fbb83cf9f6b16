// The task list (issue 6) in a real browser over the real engine, workers and server: each scenario
// works a 差评 through the UI as the demo user whose job it is, then reads what the server stored.
// Screenshots of the main screens go to docs/screenshots/tasklist-*.png (README, "The task list").
import assert from 'node:assert/strict';
import { staff as apiAs } from '../support/staff.ts';
import { getHarness, type Harness } from './harness.ts';
import { postBadReview } from './cases.ts';
import { taskUpdateWithDue } from '../../infra/engine-deadlines.ts';
import { formatEngineDate } from '../../infra/engine-variables.ts';
import { eventually } from '../support/fixtures.ts';
import {
  PDF,
  caseRow,
  claimAndOpen,
  completeAs,
  ensureTasklistBuilt,
  field,
  launchChromium,
  showList,
  signInPage,
  waitForMyTask,
} from './tasklist-ui-support.ts';
import type { Browser, Page } from 'playwright-core';

const shot = (name: string) => `docs/screenshots/tasklist-${name}.png`;

/** A screenshot of the screen without the passing toasts (签收 / 已办结 …) over it. */
function screenshot(page: Page, name: string) {
  return page.screenshot({
    path: shot(name),
    fullPage: true,
    animations: 'disabled',
    style: '.el-message { display: none !important; }',
  });
}

describe('the task list in a browser (issue 6)', function () {
  this.timeout(180_000);
  let harness: Harness;
  let browser: Browser;
  const pages: Page[] = [];

  before(async () => {
    harness = getHarness();
    await ensureTasklistBuilt();
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });

  after(() => browser?.close());

  async function signIn(userId: string, options: { screenshot?: string } = {}) {
    const page = await signInPage(browser, harness.apiUrl, userId, options);
    pages.push(page);
    return page;
  }

  const completion = (caseId: string, taskDefinitionKey: string) =>
    eventually(
      () =>
        harness
          .db('case_events')
          .where({ case_id: caseId, kind: 'stage-completed' })
          .whereRaw("detail->>'taskDefinitionKey' = ?", [taskDefinitionKey])
          .first(),
      { timeoutMs: 15_000, what: `${taskDefinitionKey} of ${caseId} completed` },
    );

  async function submitAndReturn(page: Page, button: string) {
    await page.getByRole('button', { name: button }).click();
    await page.locator('.task-table').waitFor();
  }

  it('given a 差评 of 市场监管局, when 王芳 signs in, claims, verifies and rectifies it, then the server keeps her findings and report and the case moves on to the answer', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    const verify = await waitForMyTask(wang, caseId, 'Task_VerifyComplaint');

    const page = await signIn('wang.fang', { screenshot: shot('login') });
    const row = await caseRow(page, caseId);
    assert.match(await row.locator('.sla-tag').innerText(), /工作日|今日到期/);
    await screenshot(page, 'todo');

    await row.getByRole('button', { name: '签收' }).click();
    await row.getByRole('button', { name: '办理' }).waitFor();
    assert.equal((await harness.engine.task(verify.id)).assignee, 'wang.fang', 'claimed in the engine');

    await row.getByRole('button', { name: '办理' }).click();
    await page.locator('form[data-form=verify]').waitFor();
    await page.getByRole('button', { name: '提交核实结论' }).click();
    await page.getByText('请选择核实结论').waitFor();
    await page.getByText('差评属实，一般整改（5 个工作日）').click();
    await field(page, '核实情况').fill('调取窗口录像，工作人员答复时语气生硬，情况属实。');
    await page.locator('.el-form-item__error').first().waitFor({ state: 'detached' });
    await screenshot(page, 'verify-form');
    await submitAndReturn(page, '提交核实结论');

    const verified = await completion(caseId, 'Task_VerifyComplaint');
    assert.equal(verified.actor, 'wang.fang');
    assert.deepEqual(verified.detail.form, {
      outcome: 'valid',
      findings: '调取窗口录像，工作人员答复时语气生硬，情况属实。',
    });

    await waitForMyTask(wang, caseId, 'Task_RectifyComplaint');
    await claimAndOpen(page, caseId);
    await field(page, '存在问题').fill('窗口人员服务用语不规范。');
    await field(page, '整改措施').fill('已对当事人批评教育，全窗口开展服务规范培训。');
    // A reload (or a new sign-in after the session ran out) keeps what she typed.
    await page.reload();
    await page.locator('form[data-form=rectify]').waitFor();
    assert.equal(await field(page, '整改措施').inputValue(), '已对当事人批评教育，全窗口开展服务规范培训。');
    await submitAndReturn(page, '提交整改报告');

    const rectified = await completion(caseId, 'Task_RectifyComplaint');
    assert.equal(rectified.actor, 'wang.fang');
    assert.equal(rectified.detail.form.actions, '已对当事人批评教育，全窗口开展服务规范培训。');
    await eventually(() => harness.db('rater_answers').where({ case_id: caseId }).first(), {
      what: 'the answer to the rater',
    });

    await page.getByRole('tab', { name: '已办' }).click();
    await caseRow(page, caseId);
    assert.equal(await page.locator(`[data-case-id="${caseId}"]`).count(), 2, 'verify and rectify in 已办');

    await page.evaluate(`window.location.hash = '#/cases/${caseId}'`);
    await page.locator('.diagram .djs-element.hcp-passed').first().waitFor();
    // Departments by their names, not their ids.
    await page.locator('[data-test=timeline]', { hasText: '责任单位：西安市市场监督管理局' }).waitFor();
    const timeline = await page.locator('[data-test=timeline]').innerText();
    assert.doesNotMatch(timeline, /xa-market/);
    assert.match(timeline, /王芳/);
    assert.match(timeline, /整改措施：已对当事人批评教育/);
    assert.match(await page.locator('[data-test=rater-phone]').innerText(), /^138\*+5678$/);
    assert.match(await page.locator('[data-test=rater-answer]').innerText(), /整改情况：已对当事人批评教育/);
    await screenshot(page, 'case');
  });

  it('given a contested 差评 with evidence uploaded in the form, when 赵敏 of 审批局 decides it invalid, then the decision is recorded and the case closes as not adopted', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    await waitForMyTask(wang, caseId, 'Task_VerifyComplaint');
    const unit = await signIn('wang.fang');
    await claimAndOpen(unit, caseId);
    await unit.getByText('差评不属实，申请复核（申诉）').click();
    await field(unit, '核实情况').fill('当日该窗口无此业务办理记录。');
    await field(unit, '申诉理由').fill('评价对应的办件系误选窗口，非本单位办理。');

    const input = unit.locator('[data-test=attachment-input]');
    await input.setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是证据') });
    await unit.getByText('不能作为证据上传').waitFor();
    assert.equal((await harness.db('attachments').where({ case_id: caseId })).length, 0, 'refused in the UI');
    await input.setInputFiles({ name: '窗口办件记录.pdf', mimeType: 'application/pdf', buffer: PDF });
    await unit.locator('[data-attachment="窗口办件记录.pdf"].is-checked').waitFor();
    await submitAndReturn(unit, '提交核实结论');

    const [evidence] = await harness.db('attachments').where({ case_id: caseId });
    assert.equal(evidence.file_name, '窗口办件记录.pdf');
    const contested = await completion(caseId, 'Task_VerifyComplaint');
    assert.equal(contested.detail.form.outcome, 'contested');
    assert.deepEqual(contested.detail.form.evidenceAttachmentIds, [evidence.id]);

    const zhao = await apiAs(harness.apiUrl, 'zhao.min');
    await waitForMyTask(zhao, caseId, 'Task_ReviewAppeal');
    const reviewer = await signIn('zhao.min');
    await claimAndOpen(reviewer, caseId);
    assert.equal(await reviewer.locator('[data-test=evidence-link]').innerText(), '窗口办件记录.pdf');
    await reviewer.getByText('无效差评').click();
    await field(reviewer, '复核理由').fill('办件记录证明该评价对应的业务不在本窗口办理，评价对象错误。');
    await screenshot(reviewer, 'appeal-review');
    await submitAndReturn(reviewer, '提交复核结论');

    const decided = await completion(caseId, 'Task_ReviewAppeal');
    assert.equal(decided.actor, 'zhao.min');
    const decision = await eventually(
      () => harness.db('evaluation_decisions').where({ case_id: caseId }).first(),
      {
        what: 'the not-adopted decision',
      },
    );
    assert.equal(decision.reason, 'invalid');
    assert.equal(decision.basis, '办件记录证明该评价对应的业务不在本窗口办理，评价对象错误。');
    await eventually(
      async () =>
        (await harness.db('cases').where({ id: caseId }).first()).status === 'closed' ? true : undefined,
      { what: 'the case to close' },
    );
    assert.equal((await harness.db('cases').where({ id: caseId }).first()).outcome, 'not-adopted');

    // The case page says how it ended, in words: on its status and on the timeline's 结案.
    await reviewer.goto(`${harness.apiUrl}/tasklist/#/cases/${caseId}`);
    await reviewer.locator('[data-test=case-status]').getByText('已结案（差评不予采纳）').waitFor();
    const timeline = await reviewer.locator('[data-test=timeline]').innerText();
    assert.match(timeline, /结论：差评不予采纳/);
    assert.doesNotMatch(timeline, /not-adopted/);
  });

  it('given a 差评 sent to consultation, when 陈静 picks two departments, 王芳 and 张伟 give opinions and 陈静 replies, then every step is stored under its author and the reply goes to the rater', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    await completeAs(wang, caseId, 'Task_VerifyComplaint', {
      outcome: 'consultation',
      findings: '涉及市场监管与人社两个部门的办理衔接。',
      consultationReason: '企业设立后社保登记未同步办理，需两部门共同研究。',
    });

    const chen = await apiAs(harness.apiUrl, 'chen.jing');
    await waitForMyTask(chen, caseId, 'Task_PickConsultationDepartments');
    const coordinator = await signIn('chen.jing');
    await claimAndOpen(coordinator, caseId);
    await coordinator.getByRole('button', { name: '发起会商' }).click();
    await coordinator.getByText('会商至少需要 2 个不同的部门').waitFor();
    const select = coordinator.locator('[data-test=consultation-departments]');
    await select.click();
    await coordinator.keyboard.type('xa-hrss');
    await coordinator.keyboard.press('Enter');
    await coordinator.keyboard.press('Escape');
    await submitAndReturn(coordinator, '发起会商');
    const picked = await completion(caseId, 'Task_PickConsultationDepartments');
    assert.equal(picked.actor, 'chen.jing');
    assert.deepEqual(picked.detail.form.departments, ['xa-market', 'xa-hrss']);

    const opinions = {
      'wang.fang': '市场监管局已完成企业设立登记，建议推送信息至人社部门。',
      'zhang.wei': '人社局将开通数据共享，企业设立后同步办理社保登记。',
    };
    for (const [userId, opinion] of Object.entries(opinions)) {
      await waitForMyTask(await apiAs(harness.apiUrl, userId), caseId, 'Task_GiveConsultationOpinion');
      const staff = await signIn(userId);
      await claimAndOpen(staff, caseId);
      await field(staff, '会商意见').fill(opinion);
      await submitAndReturn(staff, '提交会商意见');
    }
    const given = await harness
      .db('case_events')
      .where({ case_id: caseId, kind: 'stage-completed' })
      .whereRaw("detail->>'taskDefinitionKey' = 'Task_GiveConsultationOpinion'");
    assert.deepEqual(
      Object.fromEntries(given.map((event) => [event.actor, event.detail.form.opinion])),
      opinions,
    );

    await waitForMyTask(chen, caseId, 'Task_WriteConsultationReply');
    await claimAndOpen(coordinator, caseId);
    for (const opinion of Object.values(opinions)) await coordinator.getByText(opinion).waitFor();
    const reply = '经会商，两部门已建立企业设立与社保登记信息共享机制，今后将同步办理。';
    await field(coordinator, '答复评价人').fill(reply);
    await screenshot(coordinator, 'consultation-reply');
    await submitAndReturn(coordinator, '提交会商答复');

    assert.equal((await completion(caseId, 'Task_WriteConsultationReply')).actor, 'chen.jing');
    const answer = await eventually(() => harness.db('rater_answers').where({ case_id: caseId }).first(), {
      what: 'the answer to the rater',
    });
    assert.match(answer.message, /信息共享机制/);
  });

  it('given a rectified real-name 差评, when 12345 operator 刘洋 records a satisfied return visit, then the result is stored and the case closes as rectified', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    await completeAs(wang, caseId, 'Task_VerifyComplaint', { outcome: 'valid', findings: '情况属实。' });
    await completeAs(wang, caseId, 'Task_RectifyComplaint', {
      problem: '答复不耐烦。',
      actions: '已约谈并培训。',
    });

    const liu = await apiAs(harness.apiUrl, 'liu.yang');
    await waitForMyTask(liu, caseId, 'Task_RecordReturnVisit');
    const operator = await signIn('liu.yang');
    await claimAndOpen(operator, caseId);
    await operator.locator('[data-test=task-notes]').getByText('已约谈并培训。').waitFor();
    await operator.locator('form[data-form=return-visit]').getByText('满意', { exact: true }).click();
    await field(operator, '回访记录').fill('评价人表示整改后窗口服务明显改善。');
    await screenshot(operator, 'return-visit');
    await submitAndReturn(operator, '登记回访结果');

    assert.equal((await completion(caseId, 'Task_RecordReturnVisit')).actor, 'liu.yang');
    const recorded = await eventually(
      () => harness.db('case_events').where({ case_id: caseId, kind: 'return-visit-recorded' }).first(),
      { what: 'the return visit recorded' },
    );
    assert.equal(recorded.detail.result, 'satisfied');
    assert.equal(recorded.detail.source, 'operator');
    assert.equal(recorded.detail.note, '评价人表示整改后窗口服务明显改善。');
    await eventually(
      async () =>
        (await harness.db('cases').where({ id: caseId }).first()).status === 'closed' ? true : undefined,
      { what: 'the case to close' },
    );
    assert.equal((await harness.db('cases').where({ id: caseId }).first()).outcome, 'rectified');
  });

  it('given a form open while the task is completed elsewhere, when it is submitted, then the user reads that someone else handled it and is back at the list', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    await waitForMyTask(wang, caseId, 'Task_VerifyComplaint');
    const page = await signIn('wang.fang');
    await claimAndOpen(page, caseId);
    const task = await waitForMyTask(wang, caseId, 'Task_VerifyComplaint');
    const elsewhere = await wang.post(`/api/tasks/${task.id}/complete`, {
      outcome: 'valid',
      findings: '另一窗口已办理。',
    });
    assert.equal(elsewhere.status, 200);

    await page.getByText('差评属实，一般整改（5 个工作日）').click();
    await field(page, '核实情况').fill('迟到的表单。');
    await page.getByRole('button', { name: '提交核实结论' }).click();
    await page.getByText('该任务已被他人办理').waitFor();
    await page.locator('.task-table').waitFor();
    const stored = await harness.db('case_events').where({ case_id: caseId, kind: 'stage-completed' });
    assert.deepEqual(
      stored.map((event) => event.detail.form.findings),
      ['另一窗口已办理。'],
      'the stale form stored nothing',
    );
  });

  it('given open tasks, when supervisor 孙丽 opens 时限监控 and urges a task, then the counts show and the urge is recorded on the case', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    await waitForMyTask(wang, caseId, 'Task_VerifyComplaint');
    const page = await signIn('sun.li');
    await page.getByRole('menuitem', { name: '时限监控' }).click();
    const counts = page.locator('[data-sla-count][data-loaded=true]');
    await eventually(async () => ((await counts.count()) === 3 ? true : undefined), {
      what: 'the three counts',
    });
    const shown = (await counts.allInnerTexts()).map((text) => Number(text.match(/\d+/g)?.pop()));
    assert.ok(shown.reduce((sum, n) => sum + n, 0) >= 1, `open tasks counted: ${shown.join(', ')}`);
    await screenshot(page, 'sla-overview');

    await showList(page);
    const row = await caseRow(page, caseId);
    await row.getByRole('button', { name: '催办' }).click();
    await page.getByRole('dialog').locator('textarea').fill('请今日内完成核实。');
    await page.getByRole('button', { name: '发送催办' }).click();
    const urged = await eventually(
      () => harness.db('case_events').where({ case_id: caseId, kind: 'task-urged' }).first(),
      { what: 'the urge recorded' },
    );
    assert.equal(urged.actor, 'sun.li');
    assert.equal(urged.detail.message, '请今日内完成核实。');
  });

  it('given an overdue task, when 孙丽 presses 催办 on its row in 时限监控, then that very task is urged from there', async () => {
    const caseId = await postBadReview(harness);
    const wang = await apiAs(harness.apiUrl, 'wang.fang');
    const task = await waitForMyTask(wang, caseId, 'Task_VerifyComplaint');
    // Overdue since yesterday: its due date in the engine is what the list's SLA filter reads.
    const engineTask = await harness.engine.task(task.id);
    await harness.engine.updateTask(
      task.id,
      taskUpdateWithDue(engineTask, formatEngineDate(new Date(Date.now() - 24 * 60 * 60 * 1000))),
    );
    const page = await signIn('sun.li');
    await page.getByRole('menuitem', { name: '时限监控' }).click();
    const row = page.locator('.el-table__row', { has: page.locator(`[data-case-id="${caseId}"]`) });
    await eventually(async () => ((await row.count()) > 0 ? true : undefined), {
      what: 'the overdue row in 时限监控',
    });
    await row.getByRole('button', { name: '催办' }).click();
    await page.getByRole('dialog').locator('textarea').fill('已超期，请立即核实。');
    await page.getByRole('button', { name: '发送催办' }).click();
    const urged = await eventually(
      () => harness.db('case_events').where({ case_id: caseId, kind: 'task-urged' }).first(),
      { what: 'the urge recorded' },
    );
    assert.equal(urged.detail.message, '已超期，请立即核实。');
    assert.match(page.url(), /sla/, 'still on 时限监控');
  });
});
