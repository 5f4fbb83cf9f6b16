// 刷评线索 in the task list (art. 23), in a real browser over the HTTP app and a fresh database (no engine):
// a supervisor confirms one flagged rating and dismisses another, each with its basis, and the server keeps
// both decisions — the confirmed rating out of the statistics, the dismissed one in.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { serverErrorsOf, tasklistInBrowser } from '../support/tasklist-browser.ts';
import {
  eventually,
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
} from '../support/fixtures.ts';

const SCREENSHOT = 'docs/screenshots/tasklist-fraud-flags.png';
// 王芳's work phone (demo data): a rating from it is flagged staff-phone.
const STAFF_PHONE = '13991000101';

describe('刷评线索 in the task list (issue 5, art. 23)', function () {
  this.timeout(120_000);
  const ui = tasklistInBrowser('hcp_test_browser_fraud_flags');

  /** A QR 非常满意 from the staff phone, flagged staff-phone; its 办件 number. */
  async function flaggedRating(
    at: Date,
    ip: string,
    body: Record<string, unknown> = { level: 'very-satisfied' },
  ): Promise<{ id: string; serviceRecordId: string }> {
    const record = serviceRecordBody();
    assert.equal(
      (await postJson(ui.world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    ui.world.setNow(at);
    const rated = await postRating(
      ui.world.api,
      ui.world.protector,
      {
        serviceRecordId: record.id,
        channel: 'qr-code',
        rater: { phone: STAFF_PHONE },
        ...body,
      },
      { 'x-forwarded-for': ip },
    );
    assert.equal(rated.status, 201, JSON.stringify(rated.body));
    const id = rated.body.id as string;
    await eventually(() => ui.world.db('fraud_flags').where({ evaluation_id: id }).first(), {
      what: `flag on ${id}`,
    });
    return { id, serviceRecordId: record.id as string };
  }

  const signIn = (userId: string) => ui.signIn(userId);

  const rowOf = (page: Page, serviceRecordId: string) =>
    page.locator('.fraud-table .el-table__row').filter({ hasText: serviceRecordId });

  /** Reviews the row through its dialog; what the dialog told the reviewer before they submitted. */
  async function review(page: Page, serviceRecordId: string, button: string, basis: string): Promise<string> {
    await rowOf(page, serviceRecordId).getByRole('button', { name: button }).click();
    const dialog = page.locator('.el-dialog').filter({ hasText: serviceRecordId }).filter({ visible: true });
    await dialog.getByText('核查结论提交后不可更改').waitFor();
    const told = await dialog.innerText();
    await dialog.getByRole('button', { name: /刷评$/ }).click();
    await dialog.getByText('请填写核查依据').waitFor();
    await dialog.locator('textarea').fill(basis);
    await dialog.getByRole('button', { name: /刷评$/ }).click();
    await rowOf(page, serviceRecordId).waitFor({ state: 'detached' });
    return told;
  }

  it('given two flagged ratings, when 孙丽 confirms one and dismisses the other with their bases, then the server keeps both reviews, the list shows them, and only the confirmed one leaves the statistics', async () => {
    const confirmed = await flaggedRating(new Date('2026-11-26T02:00:00Z'), '198.51.100.21');
    const dismissed = await flaggedRating(new Date('2026-11-26T05:00:00Z'), '198.51.100.22');

    const page = await signIn('sun.li');
    const serverErrors = serverErrorsOf(page);
    await page.getByRole('menuitem', { name: '刷评线索' }).click();
    await rowOf(page, confirmed.serviceRecordId).waitFor();
    const first = rowOf(page, confirmed.serviceRecordId);
    assert.match(await first.innerText(), /工作人员号码评价/);
    assert.match(await first.innerText(), /139\*\*\*\*0101/, 'the phone masked');
    assert.doesNotMatch(await page.locator('.fraud-table').innerText(), /13991000101/);

    const told = await review(
      page,
      confirmed.serviceRecordId,
      '确认刷评',
      '评价人系市场监管局窗口工作人员，调取录像核实为自评',
    );
    assert.doesNotMatch(told, /处置案件/, 'a 好评 has no case to end');
    await review(
      page,
      dismissed.serviceRecordId,
      '排除刷评',
      '经电话核实，该同事以个人身份办理本人业务后评价',
    );

    await page.locator('[data-test=fraud-state]').getByText('已核查').click();
    await rowOf(page, dismissed.serviceRecordId).waitFor();
    const reviews = await page.locator('[data-test=fraud-review]').allInnerTexts();
    assert.equal(reviews.length, 2);
    assert.match(
      reviews.find((text) => text.includes('确认刷评'))!,
      /调取录像核实为自评[\s\S]*孙/,
    );
    assert.match(
      reviews.find((text) => text.includes('排除刷评'))!,
      /以个人身份办理本人业务/,
    );
    await page.screenshot({
      path: SCREENSHOT,
      fullPage: true,
      animations: 'disabled',
      style: '.el-message { display: none !important; }',
    });

    const decisions = await ui.world
      .db('evaluation_decisions')
      .whereIn('evaluation_id', [confirmed.id, dismissed.id]);
    assert.deepEqual(
      decisions.map((row) => [row.evaluation_id, row.decision, row.decided_by]).sort(),
      [
        [confirmed.id, 'fraud-confirmed', 'sun.li'],
        [dismissed.id, 'fraud-dismissed', 'sun.li'],
      ].sort(),
    );
    const counted = await ui.world
      .db('counted_evaluations')
      .whereIn('id', [confirmed.id, dismissed.id])
      .pluck('id');
    assert.deepEqual(counted, [dismissed.id]);
    assert.deepEqual(serverErrors, [], 'no server error on the way');
  });

  it('given a flagged 差评, when 孙丽 reads what the rater said, confirms it and opens its case from the row, then the case shows her review', async () => {
    const bad = await flaggedRating(new Date('2026-11-26T08:00:00Z'), '198.51.100.23', {
      level: 'very-dissatisfied',
      tags: ['态度生硬'],
      text: '窗口人员态度恶劣',
    });
    const page = await signIn('sun.li');
    await page.getByRole('menuitem', { name: '刷评线索' }).click();
    const row = rowOf(page, bad.serviceRecordId);
    await row.waitFor();
    assert.match(await row.locator('[data-test=rating-said]').innerText(), /态度生硬[\s\S]*窗口人员态度恶劣/);
    const told = await review(
      page,
      bad.serviceRecordId,
      '确认刷评',
      '该号码系本窗口工作人员，差评为报复性评价',
    );
    assert.match(told, /处置案件将随即终止/, 'told that the case ends');
    await page.locator('[data-test=fraud-state]').getByText('已核查').click();
    await rowOf(page, bad.serviceRecordId).getByRole('link', { name: '查看差评案件' }).click();
    const reviewed = page.locator('[data-test=case-fraud-review]');
    await reviewed.waitFor();
    assert.match(await reviewed.innerText(), /确认刷评[\s\S]*报复性评价[\s\S]*孙丽[\s\S]*不计入满意度统计/);
  });

  it('given a flagged 差评 whose case has already closed, when 孙丽 confirms it, then the dialog does not say a case will end', async () => {
    const bad = await flaggedRating(new Date('2026-11-26T09:00:00Z'), '198.51.100.24', {
      level: 'dissatisfied',
      tags: ['态度生硬'],
    });
    // Closed (rectified and answered) before anyone looked at the flag.
    await ui.world.db('cases').where({ id: bad.id }).update({ status: 'closed', outcome: 'rectified' });
    const page = await signIn('sun.li');
    await page.getByRole('menuitem', { name: '刷评线索' }).click();
    await rowOf(page, bad.serviceRecordId).waitFor();
    const told = await review(page, bad.serviceRecordId, '确认刷评', '该号码系本窗口工作人员，差评不实');
    assert.doesNotMatch(told, /处置案件/, 'nothing left to end');
  });

  it('given a unit’s staff member, then the menu has no 刷评线索 and its address leads to their own work', async () => {
    const page = await signIn('wang.fang');
    await page.getByRole('menuitem', { name: '我的工作' }).waitFor();
    assert.equal(await page.getByRole('menuitem', { name: '刷评线索' }).count(), 0);
    await page.goto(`${ui.world.api}/tasklist/#/fraud-flags`);
    await page.waitForURL(/#\/tasks/);
    assert.equal(await page.locator('.fraud-table').count(), 0);
    const refused = await page.evaluate(async () => (await fetch('/api/fraud-flags')).status);
    assert.equal(refused, 403, 'and the server refuses the list');
  });
});
