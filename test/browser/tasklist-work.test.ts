// Who may do what on the task list's screens, and what the screens show, in a real browser over the HTTP
// app and a fresh database. This tier runs no engine (its address answers nothing): the cases, comments,
// attachments and 已办 are the server's own answers, read from the database; 待办 and a task's page come
// from the engine, so their answers — the shape of GET /api/tasks and GET /api/tasks/:id
// (docs/tasklist-api.md) — are given to the page here. The engine tier works real tasks through these
// screens (test/engine/tasklist-ui.test.ts).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { tasklistInBrowser } from '../support/tasklist-browser.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import type { TaskDetail, TaskPage, TaskRow } from '../../tasklist-ui/src/types.ts';

const READ_ONLY = '您可查看此任务，但不能办理';

describe('the task list’s work screens (issue 6)', function () {
  this.timeout(90_000);
  const ui = tasklistInBrowser('hcp_test_browser_tasklist_work');
  /** An open 差评 of 市场监管局, seen by its unit, the approval department, the supervisor and admins. */
  let caseId: string;

  before(async () => {
    caseId = await openBadReviewCase(ui.world.db, { text: '窗口人员态度生硬' });
    await ui.world
      .db('cases')
      .where({ id: caseId })
      .update({ status: 'open', responsible_department_id: 'xa-market' });
  });

  const signIn = (userId: string) => ui.signIn(userId);

  /** An open task of the case, unclaimed, as GET /api/tasks lists it. */
  function taskRow(id: string, stage: string, name: string, assignee: TaskRow['assignee'] = null): TaskRow {
    return {
      id,
      name,
      stage,
      formKey: null,
      caseId,
      assignee,
      createdAt: '2026-11-24T02:00:00.000Z',
      dueAt: '2026-12-08T09:00:00.000Z',
      dueProvisional: false,
      sla: { state: 'on-track', workingDaysLeft: 8 },
      canSendBack: false,
      case: {
        level: 'very-dissatisfied',
        levelName: '非常不满意',
        itemCode: 'XA-SC-0001',
        itemName: '企业设立登记',
        serviceRecordId: 'SR-TEST',
        subject: null,
        responsibleDepartment: { id: 'xa-market', name: '西安市市场监督管理局' },
      },
    };
  }

  /** The engine's answers for 待办 and for the tasks' pages; the rest goes to the server. */
  async function engineAnswers(page: Page, rows: TaskRow[], details: TaskDetail[] = []): Promise<void> {
    await page.route(
      (url) => url.pathname === '/api/tasks',
      (route) => {
        const view = new URL(route.request().url()).searchParams.get('view') ?? 'todo';
        if (view !== 'todo') return route.continue();
        const answer: TaskPage = { total: rows.length, page: 1, pageSize: 20, tasks: rows };
        return route.fulfill({ json: answer });
      },
    );
    for (const detail of details) {
      await page.route(
        (url) => url.pathname === `/api/tasks/${detail.id}`,
        (route) => route.fulfill({ json: { ...detail, candidateGroups: ['xa-market'] } }),
      );
    }
  }

  /** The buttons of the list's row of the case's task at that stage. */
  async function buttonsOf(page: Page, stageName: string): Promise<string[]> {
    const row = page.locator('.task-table .el-table__row').filter({ hasText: stageName });
    await row.waitFor();
    return (await row.getByRole('button').allInnerTexts()).map((text) => text.replace(/\s/g, ''));
  }

  it('given an unclaimed task of 市场监管局, then 王芳 may claim and transfer it, while the supervisor and the admin may only urge it', async () => {
    const verify = taskRow('verify', 'Task_VerifyComplaint', '核实差评');
    const seen: Record<string, string[]> = {};
    for (const userId of ['wang.fang', 'sun.li', 'admin']) {
      const page = await signIn(userId);
      await engineAnswers(page, [verify]);
      await page.reload();
      seen[userId] = await buttonsOf(page, '核实差评');
    }
    assert.deepEqual(seen['wang.fang'], ['签收', '转办']);
    assert.deepEqual(seen['sun.li'], ['催办']);
    assert.deepEqual(seen['admin'], ['催办'], 'an admin urges, as the server allows, and works no case');
  });

  it('given a task link, when the supervisor opens it, then she reads the task and its case but is offered neither 签收 nor its form; 王芳 is offered 签收', async () => {
    const unclaimed = taskRow('task-verify-1', 'Task_VerifyComplaint', '核实差评');
    const supervisor = await signIn('sun.li');
    await engineAnswers(supervisor, [], [{ ...unclaimed, workable: false, context: {} }]);
    await supervisor.goto(`${ui.world.api}/tasklist/#/tasks/task-verify-1`);
    const note = supervisor.locator('[data-test=task-read-only]');
    await note.waitFor();
    assert.match(await note.innerText(), new RegExp(READ_ONLY));
    await supervisor.locator('.el-card').first().getByText('窗口人员态度生硬').waitFor();
    assert.equal(await supervisor.getByRole('button', { name: '签收' }).count(), 0);
    assert.equal(await supervisor.locator('[data-form]').count(), 0, 'no form');
    assert.equal(await supervisor.getByText('请先签收再办理').count(), 0);

    const staff = await signIn('wang.fang');
    await engineAnswers(staff, [], [{ ...unclaimed, workable: true, context: {} }]);
    await staff.goto(`${ui.world.api}/tasklist/#/tasks/task-verify-1`);
    await staff.getByRole('button', { name: '签收' }).waitFor();
    assert.equal(await staff.locator('[data-test=task-read-only]').count(), 0);
  });

  it('given a colleague who claimed the task first, when 王芳 presses 签收, then she is told and the page shows who holds it now', async () => {
    const verify = taskRow('task-verify-2', 'Task_VerifyComplaint', '核实差评');
    const page = await signIn('wang.fang');
    let claimed = false;
    await page.route(
      (url) => url.pathname === '/api/tasks/task-verify-2',
      (route) => {
        const holder = claimed ? { id: 'li.qiang', name: '李强' } : null;
        return route.fulfill({ json: { ...verify, assignee: holder, workable: true, context: {} } });
      },
    );
    await page.route(
      (url) => url.pathname === '/api/tasks/task-verify-2/claim',
      (route) => {
        claimed = true;
        return route.fulfill({
          status: 409,
          json: { error: { id: 'task.claimed_by_other', message: '该任务已被同事签收，请刷新后查看。' } },
        });
      },
    );
    await page.goto(`${ui.world.api}/tasklist/#/tasks/task-verify-2`);
    await page.getByRole('button', { name: '签收' }).click();

    await page.locator('.el-message--error').filter({ hasText: '已被同事签收' }).waitFor();
    await page.getByText('该任务由 李强 办理中。').waitFor();
    assert.equal(await page.getByRole('button', { name: '签收' }).count(), 0);
  });

  it('given a slow 待办, when 王芳 turns to 已办 before it answers, then 已办 keeps its own rows', async () => {
    const page = await signIn('wang.fang');
    const rectify = taskRow('task-rectify-1', 'Task_RectifyComplaint', '整改');
    let todoAnswered!: () => void;
    const todoDone = new Promise<void>((resolve) => (todoAnswered = resolve));
    await page.route(
      (url) => url.pathname === '/api/tasks' && url.searchParams.get('view') === 'todo',
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const answer: TaskPage = { total: 1, page: 1, pageSize: 20, tasks: [rectify] };
        await route.fulfill({ json: answer });
        todoAnswered();
      },
    );
    await page.reload();
    await page.getByRole('tab', { name: '已办' }).click();
    await todoDone;
    await page.waitForTimeout(500);
    assert.doesNotMatch(await page.locator('.task-table').innerText(), /整改/);
    assert.equal(
      await page.locator('.task-table th').filter({ hasText: '办结时间' }).count(),
      1,
      'still 已办',
    );
  });

  it('given 确定会商部门 claimed by 赵敏, when she opens it, then the form shows the 会商事由 the reviewer wrote', async () => {
    const reason = '差评涉及市场监管局与住建局的职责交叉，需会商明确整改责任';
    const zhao = { id: 'zhao.min', name: '赵敏' };
    const pick = taskRow('task-pick-1', 'Task_PickConsultationDepartments', '确定会商部门', zhao);
    const page = await signIn('zhao.min');
    await engineAnswers(
      page,
      [],
      [{ ...pick, workable: true, context: { consultationReason: reason, verifyFindings: '情况属实' } }],
    );
    await page.goto(`${ui.world.api}/tasklist/#/tasks/task-pick-1`);
    await page.locator('[data-form=consultation-departments]').waitFor();
    assert.equal(await page.locator('[data-test=consultation-reason]').innerText(), reason);
    assert.match(await page.locator('[data-test=task-notes]').innerText(), /核实情况\s*情况属实/);
  });

  it('given 补充申诉证据 claimed by 王芳, when she opens it, then the form shows the appeal’s reasons beside what the reviewer asks for', async () => {
    const wang = { id: 'wang.fang', name: '王芳' };
    const evidence = taskRow('task-evidence-1', 'Task_ProvideAppealEvidence', '补充申诉证据', wang);
    const page = await signIn('wang.fang');
    await engineAnswers(
      page,
      [],
      [
        {
          ...evidence,
          workable: true,
          context: {
            appealReasons: '评价人办理的是住建局事项，误评了本局窗口',
            appealEvidenceRequest: '请补充当日窗口叫号记录',
            appealEvidenceIds: [],
          },
        },
      ],
    );
    await page.goto(`${ui.world.api}/tasklist/#/tasks/task-evidence-1`);
    await page.locator('[data-form=appeal-evidence]').waitFor();
    assert.equal(
      await page.locator('[data-test=appeal-reasons]').innerText(),
      '评价人办理的是住建局事项，误评了本局窗口',
    );
    const material = page.locator('.el-descriptions').filter({ hasText: '需补充' });
    assert.match(await material.innerText(), /请补充当日窗口叫号记录/);
  });

  it('given a task 王芳 completed, when she opens 已办, then the row shows when it was done and no 签收人 (no one holds a done task)', async () => {
    await ui.world.db('case_events').insert({
      case_id: caseId,
      kind: 'stage-completed',
      stage: 'verification',
      actor: 'wang.fang',
      detail: { taskId: 'task-done-1', taskName: '核实差评', taskDefinitionKey: 'Task_VerifyComplaint' },
      idempotency_key: 'task-completed:task-done-1',
      occurred_at: new Date('2026-11-25T03:00:00Z'),
    });
    const page = await signIn('wang.fang');
    await page.getByRole('tab', { name: '已办' }).click();
    const row = page.locator('.task-table .el-table__row').filter({ hasText: '核实差评' });
    await row.waitFor();
    const headers = await page.locator('.task-table th').allInnerTexts();
    assert.ok(headers.includes('办结时间'), headers.join());
    assert.ok(!headers.includes('签收人'), headers.join());
    assert.doesNotMatch(await row.innerText(), /未签收/);
    assert.match(await row.innerText(), /2026-11-25/);
  });

  it('given the engine away and the attachments failing, when 王芳 opens the case, then the panels say they did not load rather than that there is nothing', async () => {
    const page = await signIn('wang.fang');
    await page.route(
      (url) => url.pathname === `/api/cases/${caseId}/attachments`,
      (route) =>
        route.request().method() === 'GET'
          ? route.fulfill({
              status: 503,
              json: { error: { id: 'storage.unavailable', message: '附件存储暂不可用，请稍后重试。' } },
            })
          : route.continue(),
    );
    await page.goto(`${ui.world.api}/tasklist/#/cases/${caseId}`);

    // The progress is the engine's: it cannot be asked, which is not "not started".
    const progress = page.locator('[data-test=progress-empty]');
    await progress.waitFor();
    assert.equal((await progress.innerText()).trim(), '流程进度加载失败，请刷新重试');
    const attachments = page.locator('[data-test=attachments]');
    await attachments.getByText('加载失败，请刷新重试').waitFor();
    assert.doesNotMatch(await attachments.innerText(), /暂无附件/);
    await page.locator('.el-message--error').filter({ hasText: '附件存储暂不可用' }).waitFor();
    // The comments did load: their panel says there are none, and its box is named for screen readers.
    await page.locator('[data-test=comments]').getByText('暂无意见').waitFor();
    await page.getByRole('textbox', { name: '办理意见' }).fill('已联系评价人');

    // The header's title is a link to the work list, reachable from the keyboard.
    const home = page.getByRole('link', { name: /差评办理/ });
    await home.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/tasks$/);
  });
});
