// A 差评 among the 综合点评 (art. 14: suggestion box, hotline, e-mail) rates an institution, item or platform
// without a 办件; it opens a case that runs the same bad-review process (art. 16–17: every 差评 verified,
// rectified and answered). Here a real-name suggestion-box 差评 of an item comes in by import, and the item's
// department takes it from verification to the return visit.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { recordReturnVisit, verifyAndRectify, waitForCaseStatus } from './cases.ts';
import { assertOneWorkOrder, waitForMessages } from './messages.ts';
import { readConfig } from '../../infra/config.ts';
import { createProtector } from '../../infra/protector.ts';
import { importPublicComment } from '../support/public-comments.ts';
import { caseRow, ensureTasklistBuilt, launchChromium, showList, signInPage } from './tasklist-ui-support.ts';
import type { Browser } from 'playwright-core';

describe('a 差评 among the 综合点评: a case without a 办件 (issue 5, art. 14, 16–17)', function () {
  this.timeout(120_000);
  let browser: Browser;

  before(async () => {
    await ensureTasklistBuilt();
    browser = await launchChromium();
  });

  after(() => browser?.close());

  it('given a real-name suggestion-box 差评 of an item, when it is imported, then the item’s department verifies and rectifies it, the rater is answered by SMS, 12345 gets a work order saying it has no 办件, and a satisfied return visit closes it', async () => {
    const harness = getHarness();
    const { report, sourceRef, ratingId } = await importPublicComment(
      { db: harness.db, protector: createProtector(readConfig(harness.environment).encryptionKeys) },
      {
        渠道: '意见箱',
        评价对象类型: '政务服务事项',
        评价对象编号: 'XA-SC-0001',
        评价等级: '非常不满意',
        标签: '推诿扯皮',
        文字评价: '窗口让我来回跑了三次',
        实名: '是',
        评价人: '周七',
        联系电话: '13900001111',
      },
    );
    assert.deepEqual([report.stored, report.refused, report.casesOpened], [1, [], 1]);
    const caseId = ratingId!;
    const item = await harness.db('service_items').where({ code: 'XA-SC-0001' }).first('name');

    // 王芳 of the item's department finds it in her 待办, shown by what it rates, not by a 办件.
    const page = await signInPage(browser, harness.apiUrl, 'wang.fang');
    await showList(page);
    const row = await caseRow(page, caseId);
    const rowText = await row.innerText();
    assert.match(rowText, new RegExp(item.name));
    assert.match(rowText, /综合点评 · 政务服务事项/);
    assert.doesNotMatch(rowText, /办件/);

    await verifyAndRectify(harness, caseId, {
      problem: '一次性告知不到位',
      actions: '已致电致歉并整理材料清单',
    });
    await recordReturnVisit(harness, caseId, 'satisfied');
    const closed = await waitForCaseStatus(harness, caseId, 'closed');

    assert.equal(closed.outcome, 'rectified');
    assert.equal(closed.routingRule, 'handled-by');
    assert.equal(closed.responsibleDepartmentId, 'xa-market');
    assert.equal(closed.evaluation.ledger, 'subject_evaluations');
    assert.equal(closed.evaluation.serviceRecord, null);
    assert.equal(closed.evaluation.sourceRef, sourceRef);
    assert.deepEqual(
      [closed.evaluation.subject.type, closed.evaluation.subject.id, closed.evaluation.subject.departmentId],
      ['item', 'XA-SC-0001', 'xa-market'],
    );
    assert.equal(closed.evaluation.rater.phone, '139****1111');
    assert.deepEqual(
      closed.answers.map((answer: { kind: string; channel: string }) => [answer.kind, answer.channel]),
      [['rectification', 'suggestion-box']],
    );
    const [sms] = await waitForMessages(
      harness,
      caseId,
      (message) => message.channel === 'sms' && message.text.includes('整改情况'),
      'the answer to the rater',
    );
    assert.equal(sms!.to, '13900001111');
    assert.match(sms!.text, /已致电致歉并整理材料清单/);
    const order = await assertOneWorkOrder(harness, caseId);
    assert.match(order.title, /差评整改：事项“.+”（非常不满意）/);
    assert.match(order.description, /综合点评，无办件/);
    assert.match(order.description, /评价渠道：意见箱/);

    await page.evaluate(`window.location.hash = '#/cases/${caseId}'`);
    const card = page.locator('[data-test=rating]');
    await card.getByText('综合点评（无办件）').waitFor();
    const shown = await card.innerText();
    assert.match(shown, new RegExp(sourceRef));
    assert.match(shown, new RegExp(item.name));
    assert.match(shown, /意见箱/);
    assert.match(await page.locator('[data-test=rater-phone]').innerText(), /^139\*+1111$/);
    await page.context().close();
  });
});
