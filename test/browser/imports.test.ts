// 评价导入 in the task list (issue 5, art. 12–15), in a real browser over the HTTP app and a fresh database (no
// engine): a supervisor downloads the template, uploads a file of paper forms, reads which row was refused and
// why, and finds the run among the latest imports; a file that is not a workbook is refused as a whole, and
// a unit's staff has no such screen.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { serverErrorsOf, tasklistInBrowser } from '../support/tasklist-browser.ts';
import { registeredServiceRecord } from '../support/fixtures.ts';
import { workbookOf } from '../support/workbooks.ts';
import { PAPER_FORM_HEADER } from '../../domain/imports/paper-form-sheet.ts';
import { SUBJECT_HEADER } from '../../domain/imports/subject-sheet.ts';

const SCREENSHOT = 'docs/screenshots/tasklist-import.png';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('评价导入 in the task list (issue 5)', function () {
  this.timeout(120_000);
  const ui = tasklistInBrowser('hcp_test_browser_imports');

  before(async () => {
    ui.world.setNow(new Date('2026-11-26T10:00:00+08:00'));
  });

  const signIn = (userId: string) => ui.signIn(userId);

  const registered = () => registeredServiceRecord(ui.world.api);

  async function choose(page: Page, name: string, buffer: Buffer) {
    await page.locator('[data-test=import-file]').setInputFiles({ name, mimeType: XLSX, buffer });
    await page.locator('[data-test=import-file-name]').getByText(name).waitFor();
  }

  it('given 孙丽 with a file of three paper forms, one a 差评 without content, when she imports it, then two are stored, the refused row is shown with its reason, and the run is listed under her name', async () => {
    const [good, bad, worse] = [await registered(), await registered(), await registered()];
    const page = await signIn('sun.li');
    const serverErrors = serverErrorsOf(page);
    await page.getByRole('menuitem', { name: '评价导入' }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-test=import-template]').click(),
    ]);
    assert.equal(download.suggestedFilename(), '书面评价表导入模板.xlsx');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const header = (template.getWorksheet('评价')!.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, [...PAPER_FORM_HEADER]);

    await choose(
      page,
      '11月书面评价表.xlsx',
      await workbookOf(PAPER_FORM_HEADER, [
        { 办件编号: good, 评价等级: '非常满意', 评价日期: '2026-11-25' },
        { 办件编号: bad, 评价等级: '不满意', 评价日期: '2026-11-25' },
        { 办件编号: worse, 评价等级: '非常不满意', 标签: '态度生硬', 评价日期: '2026-11-25' },
      ]),
    );
    await page.locator('[data-test=import-start]').click();
    const summary = page.locator('[data-test=import-summary]');
    await summary.waitFor();
    assert.match(await summary.innerText(), /共 3 行：导入 2 行，此前已导入而跳过 0 行，未导入 1 行/);
    assert.match(await summary.innerText(), /1 件差评已立案/);
    const refused = page.locator('[data-test=import-refused] .el-table__row');
    assert.equal(await refused.count(), 1);
    assert.match(
      await refused.first().innerText(),
      /^3\s[\s\S]*差评.*须勾选评价内容或填写文字评价[\s\S]*evaluation\.bad_review_needs_content/,
    );

    assert.match(await refused.first().innerText(), /评价等级：不满意/, 'its particulars in Chinese');
    const history = page.locator('[data-test=import-history] .el-table__row').first();
    await history.getByText('11月书面评价表.xlsx').waitFor();
    assert.match(await history.innerText(), /书面评价表[\s\S]*孙丽[\s\S]*共 3 行，导入 2，跳过 0，未导入 1/);
    await page.screenshot({
      path: SCREENSHOT,
      fullPage: true,
      animations: 'disabled',
      style: '.el-message { display: none !important; }',
    });

    const stored = await ui.world.db('evaluations').whereIn('service_record_id', [good, bad, worse]);
    assert.deepEqual(stored.map((row) => row.service_record_id).sort(), [good, worse].sort());
    assert.ok(
      await ui.world
        .db('cases')
        .where({ evaluation_id: stored.find((row) => row.service_record_id === worse).id })
        .first(),
    );
    assert.deepEqual(serverErrors, [], 'no server error on the way');
  });

  it('given a file that is not a workbook, when 孙丽 imports it, then the page says the file was not imported and why, and nothing is recorded', async () => {
    const before = Number((await ui.world.db('rating_imports').count({ n: '*' }))[0]!.n);
    const page = await signIn('sun.li');
    await page.getByRole('menuitem', { name: '评价导入' }).click();
    await choose(page, '评价.xlsx', Buffer.from('办件编号,评价等级\nSR-1,满意\n'));
    await page.locator('[data-test=import-start]').click();
    const refused = page.locator('[data-test=import-file-refused]');
    await refused.waitFor();
    assert.match(await refused.innerText(), /文件未导入[\s\S]*请上传 Excel 工作簿/);
    assert.equal(Number((await ui.world.db('rating_imports').count({ n: '*' }))[0]!.n), before);
  });

  it('given files refused as a whole (a 综合点评 file without 渠道, more rows than the page takes, a 办件编号 Excel cut to 15 digits), when 孙丽 imports each, then the page names the missing column, the row limit and the cells in Chinese, and points her at no details.* nor a command', async () => {
    const before = Number((await ui.world.db('rating_imports').count({ n: '*' }))[0]!.n);
    const page = await signIn('sun.li');
    await page.getByRole('menuitem', { name: '评价导入' }).click();
    const refused = page.locator('[data-test=import-file-refused]');
    const particulars = page.locator('[data-test=import-file-refused-particulars]');
    const importRefused = async (name: string, file: Buffer, named: string) => {
      await choose(page, name, file);
      await page.locator('[data-test=import-start]').click();
      await particulars.getByText(named, { exact: true }).waitFor({ timeout: 60_000 });
      const text = await refused.innerText();
      assert.doesNotMatch(text, /details\.|\bhcp\b|--by/, name);
      return text;
    };

    await page.locator('[data-test=import-kind]').getByText('综合点评').click();
    const withoutChannel = SUBJECT_HEADER.filter((column) => column !== '渠道');
    const comments = await workbookOf(withoutChannel, [
      { 来源编号: 'YJX-1', 评价对象类型: '服务机构', 评价对象编号: 'xa-hall-w01', 评价等级: '满意' },
    ]);
    assert.match(
      await importRefused('综合点评.xlsx', comments, '缺少的列：渠道。'),
      /文件未导入[\s\S]*工作表缺少必需的列[\s\S]*模板可在“评价导入”页面下载/,
    );

    await page.locator('[data-test=import-kind]').getByText('书面评价表').click();
    const many = await workbookOf(
      PAPER_FORM_HEADER,
      Array.from({ length: 50_001 }, (_, index) => ({ 办件编号: `SR-NONE-${index}`, 评价等级: '满意' })),
    );
    assert.match(
      await importRefused('全年书面评价表.xlsx', many, '网页导入每个文件最多 50,000 行（第一行列名不计）。'),
      /请拆分为多个文件/,
    );

    const cut = await workbookOf(PAPER_FORM_HEADER, [{ 办件编号: 3301061234567890, 评价等级: '满意' }]);
    assert.match(
      await importRefused('11月书面评价表.xlsx', cut, '超过 15 位的数字在：第 2 行 办件编号。'),
      /Excel 已丢失其末尾数字/,
    );
    assert.equal(Number((await ui.world.db('rating_imports').count({ n: '*' }))[0]!.n), before);
  });

  it('given 王芳 of a handling unit, then the menu has no 评价导入 and its address leads back to her work', async () => {
    const page = await signIn('wang.fang');
    assert.equal(await page.getByRole('menuitem', { name: '评价导入' }).count(), 0);
    await page.goto(`${ui.world.api}/tasklist/#/imports`);
    await page.waitForURL(/#\/tasks/);
  });
});
