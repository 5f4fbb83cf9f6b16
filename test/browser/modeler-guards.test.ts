// The modeler's guards around an owner's work, in a real browser (Debian chromium through playwright-core) over
// the HTTP app and a fresh database: unsaved edits are not thrown away without asking, 部署 clicked twice
// deploys once, a session that ended is renewed in place, and refusals show what their details say.
// No engine in this tier: the two reads that ask it (the model list, a model's deployed XML) are answered from
// processes/ (the list by the test, the XML by the server's own ?from=file); every write reaches the real
// server and database, and a deploy fails where it would ask the engine, after the request was counted.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { eventually } from '../support/fixtures.ts';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { signIn, DEMO_PASSWORD } from '../support/modeler-session.ts';
import { buildUisIfStale } from '../../infra/ui-build.ts';

const MODELS = [
  {
    kind: 'bpmn',
    key: 'bad-review',
    name: '差评处置',
    file: 'processes/bad-review.bpmn',
    deployedVersion: null,
  },
  {
    kind: 'dmn',
    key: 'sla-policy',
    name: '各环节办理时限（工作日）',
    file: 'processes/sla-policy.dmn',
    deployedVersion: null,
  },
];
const DISCARD_QUESTION = '当前模型有未保存的修改，确定放弃这些修改吗？';

describe('the modeler guards the owner’s work (issue 7 review)', function () {
  this.timeout(120_000);
  let world: RatingApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The session clock runs ahead of the wall clock by this much: 31 minutes ahead ends a session. */
  let sessionAhead = 0;
  let dialogs: { type: string; message: string }[];
  let answerDialog: (dialog: Dialog) => Promise<void>;

  before(async () => {
    await buildUisIfStale((line) => console.log(line), { only: ['modeler-ui'] });
    world = await startRatingApi('hcp_test_browser_modeler', {
      sessionClock: () => new Date(Date.now() + sessionAhead),
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await world?.stop();
  });

  async function openPage(timezoneId = 'Asia/Shanghai') {
    context = await browser.newContext({
      viewport: { width: 1600, height: 900 },
      locale: 'zh-CN',
      timezoneId,
    });
    page = await context.newPage();
    dialogs = [];
    answerDialog = (dialog) => dialog.dismiss();
    page.on('dialog', (dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message() });
      void answerDialog(dialog);
    });
    await page.route('**/api/models', (route) =>
      route.request().method() === 'GET' ? route.fulfill({ json: { models: MODELS } }) : route.fallback(),
    );
    await page.route(/\/api\/models\/(bpmn|dmn)\/[^/?]+$/, (route) =>
      route.continue({ url: `${route.request().url()}?from=file` }),
    );
    await page.goto(`${world.api}/modeler/`);
  }

  afterEach(() => context?.close());

  async function signInAsOwner() {
    await page.fill('#login-user', 'zhou.jie');
    await page.fill('#login-password', DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('[data-model="bpmn:bad-review"]').waitFor();
  }

  async function openBadReview() {
    await page.click('[data-model="bpmn:bad-review"]');
    await page.locator('#current', { hasText: '差评处置' }).waitFor();
  }

  /** An edit in the properties panel: the verify task's name. */
  async function renameVerifyTask(name: string) {
    await page.locator('g.djs-element[data-element-id="Task_VerifyComplaint"]').click();
    const nameField = page.locator('#bio-properties-panel-name');
    if (!(await nameField.isVisible()))
      await page.locator('[data-group-id="group-general"] .bio-properties-panel-group-header').click();
    await nameField.fill(name);
    await page.locator('#current', { hasText: '有未保存的修改' }).waitFor();
  }

  const posts = (pathPattern: RegExp) => {
    const seen: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && pathPattern.test(new URL(request.url()).pathname))
        seen.push(request.url());
    });
    return seen;
  };

  it('given unsaved edits, when another model is opened or the owner signs out, then the modeler asks first and keeps the edits unless told to drop them; closing the tab asks too', async () => {
    await openPage();
    await signInAsOwner();
    await openBadReview();
    await renameVerifyTask('核实差评（改）');

    // Declined: the diagram and its edits stay.
    await page.click('[data-model="dmn:sla-policy"]');
    await page.click('#sign-out');
    assert.deepEqual(dialogs, [
      { type: 'confirm', message: DISCARD_QUESTION },
      { type: 'confirm', message: DISCARD_QUESTION },
    ]);
    assert.match(await page.locator('#current').innerText(), /差评处置.*有未保存的修改/);
    await page
      .locator('g.djs-element[data-element-id="Task_VerifyComplaint"]', { hasText: '（改）' })
      .waitFor();

    // Closing the tab: the browser's own question (beforeunload), declined here.
    await page.close({ runBeforeUnload: true });
    await eventually(async () => dialogs.some((dialog) => dialog.type === 'beforeunload') || undefined, {
      timeoutMs: 5_000,
      intervalMs: 50,
      what: 'the beforeunload question',
    });
    assert.equal(page.isClosed(), false);

    // Accepted: the other model opens; nothing unsaved, nothing asked.
    answerDialog = (dialog) => dialog.accept();
    await page.click('[data-model="dmn:sla-policy"]');
    await page.locator('#current', { hasText: 'sla-policy' }).waitFor();
    assert.equal(dialogs.length, 4);
    await openBadReview();
    assert.equal(dialogs.length, 4, 'a clean model is replaced without asking');
  });

  it('given a model opened from its deployed version, when 部署 is double-clicked, then one draft is saved and one deploy asked for, the toolbar disabled meanwhile', async () => {
    await openPage();
    await signInAsOwner();
    await openBadReview();
    await renameVerifyTask('核实差评（双击）');
    const drafts = posts(/^\/api\/model-drafts$/);
    const deploys = posts(/^\/api\/model-drafts\/\d+\/deploy$/);
    const draftsBefore = await world.db('model_drafts').count<{ count: string }[]>('* as count');
    // The save waits until the test has looked at the toolbar.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/model-drafts', async (route) => {
      await held;
      await route.fallback();
    });

    await page.locator('#do-deploy').dblclick();
    await page.locator('#do-deploy').click({ force: true });
    for (const id of ['#do-lint', '#do-save', '#do-diff', '#do-deploy', '#do-versions'])
      assert.equal(await page.locator(id).isDisabled(), true, `${id} is disabled while deploying`);
    assert.equal(await page.locator('[data-model="dmn:sla-policy"]').isDisabled(), true);
    release();

    // No engine here: the deploy itself fails, after the one save.
    await page.locator('#message', { hasText: '系统内部错误' }).waitFor();
    assert.equal(drafts.length, 1);
    assert.equal(deploys.length, 1);
    const draftsAfter = await world.db('model_drafts').count<{ count: string }[]>('* as count');
    assert.equal(Number(draftsAfter[0]!.count) - Number(draftsBefore[0]!.count), 1);
    assert.equal(await page.locator('#do-deploy').isDisabled(), false);
  });

  it('given a draft another owner saved meanwhile, when 保存草稿 is pressed, then the message names the new draft and who saved', async () => {
    await openPage();
    await signInAsOwner();
    await openBadReview();
    await renameVerifyTask('核实差评（甲）');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const saved = await page.getByRole('status').filter({ hasText: '已保存为草稿 #' }).innerText();
    const draftId = /#(\d+)/.exec(saved)![1]!;
    const admin = await signIn(world.api, 'admin');
    const draft = await admin.call('GET', `/api/model-drafts/${draftId}`);
    const theirs = await admin.call('PUT', `/api/model-drafts/${draftId}`, {
      xml: draft.body.xml,
      revision: 1,
    });
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));

    await renameVerifyTask('核实差评（乙）');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const message = page.locator('#message', { hasText: '保存冲突' });
    await message.waitFor();
    const kept = await world.db('model_drafts').where({ conflict_of: draftId }).first();
    assert.match(
      await message.innerText(),
      new RegExp(
        `details\\.savedAsDraftId\\），请比较两份草稿后合并。（另存为草稿 #${kept.id}，修改者：系统管理员）$`,
      ),
    );
  });

  it('given a browser in New York, when an account locks at sign-in, then the time it unlocks reads in Beijing time', async () => {
    await openPage('America/New_York');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.fill('#login-user', 'wang.fang');
      await page.fill('#login-password', 'wrong-password');
      await page.getByRole('button', { name: '登录' }).click();
      await page
        .locator('.login [role=alert]', { hasText: attempt < 5 ? `再错 ${5 - attempt} 次` : '锁定至' })
        .waitFor();
    }
    const { locked_until: lockedUntil } = await world
      .db('user_credentials')
      .where({ user_id: 'wang.fang' })
      .first();
    const beijing = new Date(lockedUntil).toLocaleString('zh-CN', {
      timeZone: 'Asia/Shanghai',
      hour12: false,
    });
    assert.equal(
      await page.locator('.login [role=alert]').innerText(),
      `密码连续错误次数过多，账号已临时锁定，请在 details.lockedUntil 之后再试或联系管理员。（锁定至 ${beijing}（北京时间））`,
    );
  });

  it('given a session that ended while the owner edited, when 保存草稿 is pressed, then a sign-in dialog renews it in place and the save goes through with the edits', async () => {
    await openPage();
    await signInAsOwner();
    await openBadReview();
    await renameVerifyTask('核实差评（超时后保存）');
    // A mark on the editor's element: still there afterwards, the editor was not built again.
    await page.evaluate("document.querySelector('#canvas').dataset.kept = 'yes'");
    sessionAhead = 31 * 60_000;

    await page.getByRole('button', { name: '保存草稿' }).click();
    const dialog = page.getByRole('dialog', { name: '登录已超时' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('[name=userId]').inputValue(), 'zhou.jie');
    await dialog.locator('[name=password]').fill('wrong-password');
    await dialog.getByRole('button', { name: '重新登录' }).click();
    await dialog.locator('[role=alert]', { hasText: '用户名或密码不正确' }).waitFor();
    await dialog.locator('[name=password]').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: '重新登录' }).click();

    const saved = await page.getByRole('status').filter({ hasText: '已保存为草稿 #' }).innerText();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(
      await page.locator('#canvas').getAttribute('data-kept'),
      'yes',
      'the editor was not rebuilt',
    );
    assert.equal(await page.locator('#message').innerText(), '');
    const draft = await world
      .db('model_drafts')
      .where({ id: /#(\d+)/.exec(saved)![1]! })
      .first();
    assert.match(draft.xml, /核实差评（超时后保存）/);
    assert.equal(draft.created_by, 'zhou.jie');
  });
});
