// The rating page a QR code opens, in a real browser (Debian chromium through playwright-core) on a phone
// viewport, over the HTTP app and a fresh database (no engine): what the page stores is what the test reads.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import {
  postJson,
  serviceRecordBody,
  HANDLING_SYSTEM_HEADERS,
  postRating,
  receiptPageUrl,
} from '../support/fixtures.ts';
import { ratingPageUrl } from '../../domain/evaluation/rating-links.ts';
import { qrSvg } from '../../server/api/qr/routes.ts';
import { ERROR_CATALOGUE } from '../../server/errors.ts';
import { tagsForLevel } from '../../domain/evaluation/tags.ts';

const SCREENSHOT = 'docs/screenshots/rating-page.png';

describe('the rating page a QR code opens (issue 5)', function () {
  this.timeout(60_000);
  let world: RatingApi;
  let browser: Browser;
  let page: Page;

  before(async () => {
    world = await startRatingApi('hcp_test_browser_rating_page');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await world?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 375, height: 667 }, locale: 'zh-CN' });
  });

  afterEach(() => page.close());

  async function registeredRecord() {
    const record = serviceRecordBody();
    assert.equal(
      (await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS)).status,
      201,
    );
    return record.id;
  }

  /** The address a 办件's receipt QR code encodes: its number and its 评价码. */
  const receiptUrl = (id: string) => receiptPageUrl(world.api, world.protector, id);

  const ratingsOf = (id: string) => world.db('evaluations').where({ service_record_id: id });
  const shownTags = () => page.locator('.chip:visible').allInnerTexts();
  const level = (label: string) => page.getByRole('button', { name: label, exact: true });

  it('given a 办件 QR code, when a 差评 is given without and then with a tag, then the Chinese error and one qr-code rating', async () => {
    const record = serviceRecordBody();
    const registered = await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
    const id = record.id;
    const url = receiptUrl(id);
    assert.equal(registered.body.ratingUrl, url, 'the registration gives the system the address to print');
    const served = await fetch(`${world.api}/api/service-records/${id}/rating-qr.svg`, {
      headers: HANDLING_SYSTEM_HEADERS,
    });
    assert.equal(served.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.equal(await served.text(), await qrSvg(url), 'the QR code encodes the page address');

    await page.goto(url);
    await page.getByText(id, { exact: true }).waitFor();
    await level('非常满意').click();
    assert.deepEqual(
      await shownTags(),
      tagsForLevel('very-satisfied').map((tag) => tag.label),
    );
    await level('不满意').click();
    assert.deepEqual(
      await shownTags(),
      tagsForLevel('dissatisfied').map((tag) => tag.label),
    );
    await page.selectOption('select[name=attitude]', 'dissatisfied');

    let posted = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/evaluations')) posted += 1;
    });
    await page.getByRole('button', { name: '提交评价' }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    assert.equal(await error.innerText(), ERROR_CATALOGUE['evaluation.bad_review_needs_content'].message);
    assert.equal(posted, 0, 'told at once, without a round trip');
    assert.equal(await page.locator('#text:focus').count(), 1, 'the text box to fill in');
    // Text that shows nothing is the server's to judge (art. 8): its refusal, and the text box again.
    await page.fill('#text', '。。。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.locator('#text:focus').waitFor();
    assert.equal(posted, 1);
    assert.equal(await error.innerText(), ERROR_CATALOGUE['evaluation.bad_review_needs_content'].message);
    assert.equal((await ratingsOf(id)).length, 0, 'nothing is stored');
    await page.fill('#text', '');

    await page.locator('.chip', { hasText: '态度生硬' }).click();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();

    const ratings = await ratingsOf(id);
    assert.equal(ratings.length, 1);
    assert.equal(ratings[0].channel, 'qr-code');
    assert.equal(ratings[0].level, 'dissatisfied');
    assert.deepEqual(ratings[0].tags, ['态度生硬']);
    const dimensions = await world.db('rating_dimensions').where({ evaluation_id: ratings[0].id }).first();
    assert.equal(dimensions.attitude, 'dissatisfied');
    assert.equal(dimensions.quality, null);

    // The 差评's rater keeps the link to its answers (art. 17), by the rating's id.
    const answerLink = page.getByRole('link', { name: '查看处理结果' });
    assert.equal(await answerLink.getAttribute('href'), `/rate/answer?id=${ratings[0].id}`);
    await answerLink.click();
    await page.getByText('处理状态：处理中').waitFor();
  });

  it('given a 差评 stored but its answer lost on the way back (a dropped connection), when the rater submits again, then the thank-you and the answers link of the one rating stored', async () => {
    const id = await registeredRecord();
    await page.goto(receiptUrl(id));
    await level('非常不满意').click();
    await page.locator('.chip', { hasText: '态度生硬' }).click();
    // The first attempt reaches the server, whose answer never comes back.
    let lost = false;
    await page.route('**/api/evaluations', async (route) => {
      if (lost) return route.continue();
      lost = true;
      const stored = await route.fetch();
      assert.equal(stored.status(), 201, 'stored');
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '提交评价' }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    assert.match(await error.innerText(), /未能确认评价是否提交成功.*再次点击“提交评价”/);
    assert.equal((await ratingsOf(id)).length, 1);

    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    const ratings = await ratingsOf(id);
    assert.equal(ratings.length, 1, 'stored once');
    const answerLink = page.getByRole('link', { name: '查看处理结果' });
    assert.equal(await answerLink.getAttribute('href'), `/rate/answer?id=${ratings[0].id}`);
  });

  it('given a 办件 of a theme (一件事), when the rater chooses the overall rating, then it applies to every linked 办件, and their pages say they are rated (art. 9)', async () => {
    const themeId = `T-${Date.now()}`;
    const members = [
      serviceRecordBody({ themeId, itemCode: 'XA-SC-0001' }),
      serviceRecordBody({ themeId, itemCode: 'XA-SC-0002', acceptedAt: '2026-11-20T09:30:00+08:00' }),
    ];
    for (const member of members) {
      const registered = await postJson(world.api, '/api/service-records', member, HANDLING_SYSTEM_HEADERS);
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
    }
    const [first, second] = members.map((member) => member.id);

    await page.goto(receiptUrl(first!));
    const itemOnly = page.getByRole('radio', { name: /只评价本事项（企业设立登记）/ });
    assert.equal(await itemOnly.isChecked(), true, 'the item alone unless the rater chooses');
    const overall = page.getByRole('radio', {
      name: /总体评价，适用于全部 2 个关联事项：企业设立登记、食品经营许可/,
    });
    await overall.check();
    await level('非常满意').click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('您的总体评价适用于本次“一件事”的全部 2 个关联事项。', { exact: false }).waitFor();

    const [stored] = await ratingsOf(first!);
    assert.equal(stored.level, 'very-satisfied');
    assert.equal(
      (await world.db('theme_overall_ratings').where({ theme_id: themeId }).first()).evaluation_id,
      stored.id,
    );
    for (const id of [first!, second!]) {
      const applied = await world.db('service_record_ratings').where({ service_record_id: id });
      assert.deepEqual(
        applied.map((row) => row.evaluation_id),
        [stored.id],
        `the overall rating counts for ${id}`,
      );
    }
    await page.goto(receiptUrl(second!));
    await page.getByText('该办件已评价').first().waitFor();
    assert.equal(await page.locator('#rating').count(), 0);
  });

  it('given a 办件 of a batch (批量办理), when its page is opened and rated, then the page says beforehand and afterwards that the one rating applies to every 办件 of the batch (art. 9)', async () => {
    const batchId = `B-PAGE-${Date.now()}`;
    const members = [serviceRecordBody({ batchId }), serviceRecordBody({ batchId })];
    for (const record of members) {
      const registered = await postJson(world.api, '/api/service-records', record, HANDLING_SYSTEM_HEADERS);
      assert.equal(registered.status, 201, JSON.stringify(registered.body));
    }
    await page.goto(receiptUrl(members[0]!.id));
    assert.match(await page.locator('#batch-note').innerText(), /共 2 件.*一次评价适用于全部 2 件办件/);
    await level('满意').click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    assert.match(await page.locator('#thanks-text').innerText(), /适用于本批次的全部 2 件办件/);
    const applies = await world.db('service_record_ratings').whereIn(
      'service_record_id',
      members.map((member) => member.id),
    );
    assert.equal(applies.length, 2);
    await page.goto(receiptUrl(members[1]!.id));
    await page.getByText('该办件已评价').first().waitFor();
  });

  it('given a theme one of whose 办件 was rated on its own, when another 办件 of it is opened, then only that item can be rated (art. 9: never both)', async () => {
    const themeId = `T-${Date.now()}-per-item`;
    const members = [serviceRecordBody({ themeId }), serviceRecordBody({ themeId })];
    for (const member of members) {
      assert.equal(
        (await postJson(world.api, '/api/service-records', member, HANDLING_SYSTEM_HEADERS)).status,
        201,
      );
    }
    const [first, second] = members.map((member) => member.id);
    const rated = await postRating(world.api, world.protector, {
      serviceRecordId: first!,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201);

    await page.goto(receiptUrl(second!));
    await level('满意').waitFor();
    assert.equal(await page.getByRole('radio').count(), 0, 'no choice of an overall rating');
    await level('满意').click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    assert.equal((await ratingsOf(second!)).length, 1);
    assert.equal(await world.db('theme_overall_ratings').where({ theme_id: themeId }).first(), undefined);
  });

  it('given a real-name rating with a phone mistyped, when submitted, then the field’s own problem in the rater’s words, the button back as it was, and nothing stored', async () => {
    const id = await registeredRecord();
    await page.goto(receiptUrl(id));
    await level('满意').click();
    await page.getByText('实名评价').click();
    await page.getByLabel('姓名').fill('张三');
    await page.getByLabel('手机号码').fill('12');
    await page.getByRole('button', { name: '提交评价' }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    const shown = await error.innerText();
    assert.match(shown, /电话号码格式不正确/);
    assert.doesNotMatch(shown, /请求参数/);
    assert.equal(await page.getByRole('button', { name: '提交评价' }).isEnabled(), true);
    assert.equal((await ratingsOf(id)).length, 0);
  });

  it('given a rated 办件, when its QR code is opened again, then the page says it is already rated and offers no form', async () => {
    const id = await registeredRecord();
    const rated = await postRating(world.api, world.protector, {
      serviceRecordId: id,
      channel: 'qr-code',
      level: 'satisfied',
    });
    assert.equal(rated.status, 201);
    await page.goto(receiptUrl(id));
    await page.getByText('该办件已评价').first().waitFor();
    assert.equal(await page.locator('#rating').count(), 0);
  });

  it('given the page open, when the 办件 is rated elsewhere meanwhile, then submitting shows the API message as it comes', async () => {
    const id = await registeredRecord();
    await page.goto(receiptUrl(id));
    // Another phone with the same receipt, rating otherwise: not a resend of what this page sends.
    await postRating(world.api, world.protector, {
      serviceRecordId: id,
      channel: 'qr-code',
      level: 'very-satisfied',
    });
    await level('满意').click();
    await page.getByRole('button', { name: '提交评价' }).click();
    const error = page.getByRole('alert');
    await error.waitFor();
    assert.equal(await error.innerText(), ERROR_CATALOGUE['evaluation.duplicate'].message);
    assert.equal((await ratingsOf(id)).length, 1);
  });

  it('given an unknown 办件 number, when its page is opened, then a Chinese message, no form and nothing stored', async () => {
    const before = await world.db('evaluations').count({ n: '*' });
    const response = await page.goto(receiptUrl('SR-does-not-exist'));
    assert.equal(response?.status(), 404);
    await page.getByText('未找到该办件').waitFor();
    assert.equal(await page.locator('#rating').count(), 0);
    assert.deepEqual(await world.db('evaluations').count({ n: '*' }), before);
  });

  it('given a window QR code, when the receipt number is typed in, then that 办件 rating form opens', async () => {
    const id = await registeredRecord();
    await page.goto(ratingPageUrl(world.api, { windowId: 'xa-hall-w01' }));
    await page.getByLabel('办件编号').fill(id);
    const code = world.protector.ratingCode(id);
    await page.getByLabel('评价码').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
    await page.getByRole('button', { name: '开始评价' }).click();
    await page.getByText(id, { exact: true }).waitFor();
    assert.equal(await page.locator('#rating').count(), 1);
    await level('满意').click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    assert.equal((await ratingsOf(id)).length, 1);
  });

  it('given a window QR code, when a receipt number is typed with a wrong 评价码, then the question again with the Chinese error, nothing about the 办件 and nothing stored', async () => {
    const id = await registeredRecord();
    const right = world.protector.ratingCode(id);
    const wrong = right.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
    await page.goto(ratingPageUrl(world.api, { windowId: 'xa-hall-w01' }));
    await page.getByLabel('办件编号').fill(id);
    await page.getByLabel('评价码').fill(wrong);
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.url().includes('/rate?')),
      page.getByRole('button', { name: '开始评价' }).click(),
    ]);
    assert.equal(answer.status(), 403);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), ERROR_CATALOGUE['evaluation.rating_code_invalid'].message);
    await page.screenshot({ path: 'docs/screenshots/rating-page-code.png', fullPage: true });
    assert.equal(await page.locator('#rating').count(), 0);
    assert.equal(await page.getByText('企业设立登记').count(), 0, 'the 办件 is not described');
    assert.equal(await page.getByLabel('办件编号').inputValue(), id, 'the number stays filled in');
    assert.equal((await ratingsOf(id)).length, 0);
  });
});
