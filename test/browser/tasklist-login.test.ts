// The task list's login screen in a real browser over the HTTP app and a fresh database (no engine). Every
// wrong password counts towards the lock (5 in a row): one Enter must be one sign-in. Regression: Enter
// submitted the form and ran the password field's own Enter handler too, so a wrong password cost 2 tries.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { ensureTasklistBuilt, launchChromium } from '../support/browser.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { DEMO_PASSWORD } from '../../infra/seed/demo-data.ts';

describe('the task list’s login: one Enter, one sign-in (issue 6)', function () {
  this.timeout(60_000);
  let world: RatingApi;
  let browser: Browser;
  let page: Page;
  /** The sign-in requests the page sent. */
  let logins: number;

  before(async () => {
    world = await startRatingApi('hcp_test_browser_tasklist_login');
    await ensureTasklistBuilt();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await world?.stop();
  });

  beforeEach(async () => {
    // Each scenario starts from no wrong password.
    await world
      .db('user_credentials')
      .where({ user_id: 'wang.fang' })
      .update({ failed_attempts: 0, locked_until: null });
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    page = await context.newPage();
    logins = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/auth/login') logins += 1;
    });
    await page.goto(`${world.api}/tasklist/`);
    await page.locator('input[name=userId]').fill('wang.fang');
  });

  afterEach(() => page.context().close());

  const failedAttempts = async () =>
    Number(
      (await world.db('user_credentials').where({ user_id: 'wang.fang' }).first('failed_attempts'))
        ?.failed_attempts,
    );
  const wrongPasswordAlert = () =>
    page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).innerText();

  it('given a wrong password, when 王芳 presses Enter in the password field, then one sign-in is sent and 4 tries are left', async () => {
    await page.locator('input[name=password]').fill('not-my-password');
    await page.locator('input[name=password]').press('Enter');

    assert.match(await wrongPasswordAlert(), /还可尝试 4 次/);
    assert.equal(logins, 1);
    assert.equal(await failedAttempts(), 1, 'the server counted one wrong password');
  });

  it('given a slow answer, when Enter is pressed again while the first sign-in is out, then still one is sent; the right password then signs her in', async () => {
    // The answer held back, as on a slow network: the second Enter arrives while the first is pending.
    await page.route('**/api/auth/login', async (route) => {
      await sleep(700);
      await route.continue();
    });
    const password = page.locator('input[name=password]');
    await password.fill('not-my-password');
    await password.press('Enter');
    await password.press('Enter');
    await page.keyboard.press('Enter');

    assert.match(await wrongPasswordAlert(), /还可尝试 4 次/);
    await sleep(1_000);
    assert.equal(logins, 1, 'the repeats were not sent, then or after');
    assert.equal(await failedAttempts(), 1);

    await password.fill(DEMO_PASSWORD);
    await password.press('Enter');
    await page.locator('[data-test=current-user]').waitFor();
    assert.equal(logins, 2);
    assert.equal(await failedAttempts(), 0, 'a right password clears the count');
  });
});
