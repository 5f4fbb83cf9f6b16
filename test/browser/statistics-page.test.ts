// The published figures (art. 25) as the public reads them on a phone, in a real browser (Debian chromium
// through playwright-core) over the HTTP app and a fresh database: the month's ratings and their shares, the
// units, and another month picked with the page's own form.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  badReviewBody,
  postJson,
  postRating,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
} from '../support/fixtures.ts';

const SCREENSHOT = 'docs/screenshots/statistics-page.png';

describe('the public figures page (issue 5, art. 25)', function () {
  this.timeout(60_000);
  let world: RatingApi;
  let browser: Browser;
  let page: Page;

  before(async () => {
    world = await startRatingApi('hcp_test_browser_statistics');
    browser = await launchChromium();
    for (const [day, body] of [
      ['02', { level: 'very-satisfied' }],
      ['03', { level: 'satisfied' }],
      ['04', { level: 'satisfied' }],
      ['05', badReviewBody('', { level: 'dissatisfied' })],
    ] as const) {
      const record = serviceRecordBody({ acceptedAt: '2026-11-01T09:00:00+08:00', completedAt: undefined });
      world.setNow(new Date('2026-11-01T10:00:00+08:00'));
      await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
      world.setNow(new Date(`2026-11-${day}T10:00:00+08:00`));
      const rated = await postRating(world.api, world.protector, {
        ...body,
        channel: 'qr-code',
        serviceRecordId: record.id,
      });
      assert.equal(rated.status, 201, JSON.stringify(rated.body));
    }
    world.setNow(new Date('2026-11-27T10:00:00+08:00'));
  });

  after(async () => {
    await browser?.close();
    await world?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' });
  });

  afterEach(() => page.close());

  const figure = (label: string) => page.locator('.figure', { hasText: label }).locator('b');

  it('given four ratings this month, one a 差评, when the page is opened, then the month, its shares and the unit show in Chinese', async () => {
    await page.goto(`${world.api}/statistics`);
    await page.getByRole('heading', { name: '政务服务“好差评”数据公开' }).waitFor();
    assert.match(
      await page.locator('header p').innerText(),
      /^2026年11月 · 数据截至 2026-11-27 10:00:00（北京时间）$/,
    );
    assert.equal(await figure('评价总数').innerText(), '4');
    assert.equal(await figure('好评率').innerText(), '75.00%');
    assert.equal(await figure('差评数').innerText(), '1');
    assert.equal(await figure('差评工单').innerText(), '1');
    const units = page.locator('section[aria-labelledby=units] tbody tr');
    assert.deepEqual(await units.first().locator('td').allInnerTexts(), [
      '西安市市场监督管理局',
      '4',
      '75.00%',
      '1',
      '—',
      '样本不足',
    ]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('given the month form, when October is picked, then October’s figures show (none), and a month not yet begun is refused in Chinese', async () => {
    await page.goto(`${world.api}/statistics`);
    await page.locator('#month').fill('2026-10');
    await page.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(/month=2026-10/);
    assert.match(await page.locator('header p').innerText(), /^2026年10月/);
    assert.equal(await figure('评价总数').innerText(), '0');
    assert.equal(await figure('好评率').innerText(), '—');
    const refused = await page.goto(`${world.api}/statistics?month=2027-01`);
    assert.equal(refused?.status(), 400);
    await page.getByText('统计月份尚未开始').waitFor();
  });
});
