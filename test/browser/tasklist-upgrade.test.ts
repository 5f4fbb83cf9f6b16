// After an upgrade (issue 6): a build empties tasklist-ui/dist, so a page still running the old build asks
// for lazy chunks that are gone. In a real browser over the HTTP app and a fresh database (no engine): the
// index is never cached while the hashed files are, and a screen whose chunk is missing reloads the page
// once into the new build; should it fail again, the user is told, and the page does not reload in a loop.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { tasklistInBrowser } from '../support/tasklist-browser.ts';

/** What the server answers for a file a new build removed. */
const GONE = { status: 404, contentType: 'text/plain', body: 'Not Found' };
const FRAUD_FLAGS_CHUNK = '**/tasklist/assets/FraudFlagsView-*.js';

describe('the task list after an upgrade (issue 6)', function () {
  this.timeout(90_000);
  const ui = tasklistInBrowser('hcp_test_browser_tasklist_upgrade');

  /** 孙丽 signed in, and the number of times her tab loaded a document (the sign-in's page is the first). */
  async function supervisorPage(): Promise<{ page: Page; loads: () => number }> {
    const page = await ui.signIn('sun.li');
    let loads = 1;
    page.on('load', () => {
      loads += 1;
    });
    return { page, loads: () => loads };
  }

  it('given the built task list, when its index and its files are fetched, then the index is revalidated every time and the hashed files are kept for a year', async () => {
    for (const address of ['/tasklist/', '/tasklist/index.html']) {
      const answer = await fetch(`${ui.world.api}${address}`);
      assert.equal(answer.status, 200, address);
      assert.equal(answer.headers.get('cache-control'), 'no-cache', address);
      const html = await answer.text();
      const script = /<script[^>]+src="(\/tasklist\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      assert.ok(script, `the index names its entry script: ${html}`);
      const asset = await fetch(`${ui.world.api}${script}`);
      assert.equal(asset.status, 200, script);
      assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable', script);
    }
    // A chunk an earlier build named is not there: a 404, not the index passed off as JavaScript.
    const gone = await fetch(`${ui.world.api}/tasklist/assets/TaskView-0ld0ld00.js`);
    assert.equal(gone.status, 404);
  });

  it('given a page of an earlier build, when a screen’s chunk is gone, then the page reloads once and opens that screen from the new build', async () => {
    const { page, loads } = await supervisorPage();
    // Gone for the page first loaded; the reload's new index names files that are there.
    let newIndexes = 0;
    let refused = 0;
    await page.route('**/tasklist/', (route) => {
      newIndexes += 1;
      return route.continue();
    });
    await page.route(FRAUD_FLAGS_CHUNK, (route) => {
      if (newIndexes > 0) return route.continue();
      refused += 1;
      return route.fulfill(GONE);
    });

    await page.getByRole('menuitem', { name: '刷评线索' }).click();

    await page.locator('.fraud-table').waitFor();
    assert.match(page.url(), /#\/fraud-flags$/, 'the screen asked for');
    assert.ok(refused >= 1, 'the old page did ask for the chunk');
    await sleep(1_000);
    assert.equal(newIndexes, 1, 'the index asked again once');
    assert.equal(loads(), 2, 'one reload');
  });

  it('given a chunk that stays missing, when the screen is opened, then the page reloads once and then says so in Chinese instead of reloading again', async () => {
    const { page, loads } = await supervisorPage();
    await page.route(FRAUD_FLAGS_CHUNK, (route) => route.fulfill(GONE));

    await page.getByRole('menuitem', { name: '刷评线索' }).click();

    const told = page.locator('.el-message--error').filter({ hasText: '页面加载失败' });
    await told.waitFor();
    assert.match(await told.innerText(), /系统可能刚刚升级.*请刷新页面后重试/);
    await sleep(2_000);
    assert.equal(loads(), 2, 'one reload, then no more');
  });
});
