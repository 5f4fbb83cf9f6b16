// What the task-list browser tests share: API steps as a signed-in demo user (test/support/staff.ts: to
// set cases up and to read back what the UI stored), headless Debian chromium, and the UI's own steps (sign in, find a case's
// row, open its form).
import type { Page } from 'playwright-core';
export { ensureTasklistBuilt, launchChromium, signInPage } from '../support/browser.ts';
import { eventually } from '../support/fixtures.ts';
import type { StaffSession } from '../support/staff.ts';

export interface TaskRow {
  id: string;
  stage: string;
  caseId: string;
  assignee: { id: string } | null;
}

/** Waits until the user's 待办 holds the case's task of that stage. */
export function waitForMyTask(session: StaffSession, caseId: string, stage: string, timeoutMs = 20_000) {
  let seen = '';
  return eventually(
    async () => {
      const list = await session.get(`/api/tasks?view=todo&stage=${stage}&search=${caseId}&pageSize=100`);
      if (list.status !== 200) throw new Error(`task list refused: ${JSON.stringify(list.body)}`);
      const tasks = list.body.tasks as TaskRow[];
      seen = tasks.map((task) => `${task.caseId.slice(0, 8)}:${task.stage}`).join(', ');
      return tasks.find((task) => task.caseId === caseId);
    },
    { timeoutMs, what: `${stage} of case ${caseId} in ${session.userId}'s 待办` },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; the list held: ${seen || 'nothing'}`);
  });
}

/** Completes a task over the API as the user (claiming it first), failing loudly when refused. */
export async function completeAs(
  session: StaffSession,
  caseId: string,
  stage: string,
  form: Record<string, unknown>,
) {
  const task = await waitForMyTask(session, caseId, stage);
  await session.post(`/api/tasks/${task.id}/claim`, {});
  const done = await session.post(`/api/tasks/${task.id}/complete`, form);
  if (done.status !== 200) throw new Error(`${stage} refused: ${JSON.stringify(done.body)}`);
  return task;
}

/**
 * The case's row in the list on screen: searched by its number, as staff asked about one case do (other
 * tests leave many open tasks due earlier), reloading the list until it is there.
 */
export async function caseRow(page: Page, caseId: string) {
  const row = page.locator('.el-table__row', { has: page.locator(`[data-case-id="${caseId}"]`) });
  await page.locator('input[data-test=filter-search], [data-test=filter-search] input').first().fill(caseId);
  await eventually(
    async () => {
      if ((await row.count()) > 0) return true;
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForTimeout(300);
      return undefined;
    },
    { timeoutMs: 20_000, what: `the row of case ${caseId}` },
  );
  return row.first();
}

/** The 待办 list, whatever screen the page is on. */
export async function showList(page: Page): Promise<void> {
  await page.evaluate("window.location.hash = '#/tasks'");
  await page.locator('.task-table').waitFor();
}

/** Claims (签收) the case's task in the list and opens its form (办理). */
export async function claimAndOpen(page: Page, caseId: string): Promise<void> {
  await showList(page);
  const row = await caseRow(page, caseId);
  await row.getByRole('button', { name: '签收' }).click();
  await row.getByRole('button', { name: '办理' }).click();
  await page.locator('form[data-form]').waitFor();
}

/** A textarea or input by its form-item label. */
export function field(page: Page, label: string) {
  return page
    .locator('.el-form-item', { has: page.locator('label', { hasText: label }) })
    .locator('textarea, input')
    .first();
}

/** The smallest file each type is recognised by (domain/attachments/file-types.ts signatures). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
