// Issue 7, in a real browser (Debian chromium through playwright-core) over the engine tier's world: a
// process owner opens bad-review in the modeler, notes the new verify limit on the verify task, changes the
// verify SLA in the SLA policy (dmn-js), sees lint pass, deploys both; a case started afterwards follows the
// new versions while a case started before goes on under the old ones. The original models are deployed
// again afterwards, so the tests that run later see the shipped policy (verify: 1 working day).
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { getHarness, type Harness } from './harness.ts';
import { postBadReview } from './cases.ts';
import { eventually } from '../support/fixtures.ts';
import { signIn, DEMO_PASSWORD } from '../support/modeler-session.ts';
import { buildUisIfStale } from '../../infra/ui-build.ts';
import type { EngineDefinition } from '../../infra/engine-rest.ts';

const SCREENSHOT = 'docs/screenshots/modeler.png';
const VERIFY_NOTE = '核实时限：2 个工作日（时限策略 sla-policy）';

interface Deployed {
  kind: 'process' | 'decision';
  definition: EngineDefinition;
  xml: string;
}

describe('the modeler: change the verify SLA and deploy while cases run (issue 7)', function () {
  this.timeout(180_000);
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const originals: Deployed[] = [];

  async function latest(kind: 'process' | 'decision', key: string): Promise<Deployed> {
    const [definition] = await harness.engine.definitions(kind, { key, latestVersion: 'true' });
    if (!definition) throw new Error(`${key} is not deployed`);
    const answer = await harness.engine.definitionXml(kind, definition.id);
    return { kind, definition, xml: (answer.bpmn20Xml ?? answer.dmnXml)! };
  }

  async function verifyTask(caseId: string) {
    return eventually(
      async () => {
        const [task] = await harness.engine.tasks({
          processInstanceBusinessKey: caseId,
          taskDefinitionKey: 'Task_VerifyComplaint',
        });
        return task;
      },
      { timeoutMs: 20_000, what: `the verify task of ${caseId}` },
    );
  }

  const verifyClock = (caseId: string) =>
    harness.db('sla_clocks').where({ case_id: caseId, stage: 'verify' }).first();

  before(async () => {
    harness = getHarness();
    await buildUisIfStale((line) => console.log(line), { only: ['modeler-ui'] });
    originals.push(await latest('process', 'bad-review'), await latest('decision', 'sla-policy'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  });

  after(async () => {
    await browser?.close();
    // Deploy the models as they were (each a new version with the old content): later tests start their
    // cases on the shipped bad-review and evaluate the shipped SLA policy.
    for (const original of originals) {
      await harness.engine.deployNewVersion('hcp-test-restore', 'hcp-test', {
        name: original.definition.resource,
        content: original.xml,
      });
    }
  });

  async function deployFromToolbar(key: string) {
    await page.getByRole('button', { name: '部署', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已部署：${key} 第` })
      .waitFor({ timeout: 20_000 });
  }

  async function lintPasses() {
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.getByTestId('lint-summary').filter({ hasText: '检查通过' }).waitFor();
  }

  it('given a case in verification, when the owner deploys a new verify SLA, then a new case follows it and the older goes on under the old version', async () => {
    // Given a case already waiting for verification under the shipped models (verify: 1 working day).
    const olderCase = await postBadReview(harness);
    const olderTask = await verifyTask(olderCase);
    assert.equal((await verifyClock(olderCase)).working_days, 1);

    // The process owner signs in to the modeler and opens bad-review.
    await page.goto(`${harness.apiUrl}/modeler/`);
    await page.fill('#login-user', 'zhou.jie');
    await page.fill('#login-password', DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.click('[data-model="bpmn:bad-review"]');
    const verifyShape = page.locator('g.djs-element[data-element-id="Task_VerifyComplaint"]');
    await verifyShape.waitFor();

    // The verify task: its due date is the SLA clock; the owner notes the new limit in its documentation.
    await verifyShape.click();
    await page.locator('.bio-properties-panel-header-label', { hasText: '核实差评' }).waitFor();
    const dueDate = page.locator('#bio-properties-panel-dueDate');
    if (!(await dueDate.isVisible()))
      await page
        .locator('[data-group-id="group-CamundaPlatform__UserAssignment"] .bio-properties-panel-group-header')
        .click();
    assert.equal(await dueDate.inputValue(), '${verifyDue}');
    if (!(await page.locator('#bio-properties-panel-documentation').isVisible())) {
      await page.locator('[data-group-id="group-documentation"] .bio-properties-panel-group-header').click();
    }
    await page.fill('#bio-properties-panel-documentation', VERIFY_NOTE);
    await page.locator('#current', { hasText: '有未保存的修改' }).waitFor();
    await lintPasses();
    await page.getByRole('button', { name: '与已部署版本比较' }).click();
    await page.locator('#diff li', { hasText: 'Task_VerifyComplaint' }).waitFor();
    await page.screenshot({ path: SCREENSHOT });
    await deployFromToolbar('bad-review');

    // The SLA policy: verify 1 → 2 working days, in the decision table.
    await page.click('[data-model="dmn:sla-policy"]');
    const cell = page.locator('td[data-element-id="OutputEntry_Verify_Days"]');
    await cell.waitFor();
    await cell.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.locator('#current').click();
    await lintPasses();
    await deployFromToolbar('sla-policy');

    // Then: the versions list names the owner.
    await page.getByRole('button', { name: '版本与回滚' }).click();
    await page.locator('#versions td', { hasText: '周杰' }).first().waitFor();

    const bpmnNow = await latest('process', 'bad-review');
    const dmnNow = await latest('decision', 'sla-policy');
    assert.equal(bpmnNow.definition.version, originals[0]!.definition.version + 1);
    assert.equal(dmnNow.definition.version, originals[1]!.definition.version + 1);
    assert.match(bpmnNow.xml, new RegExp(VERIFY_NOTE.replace(/[()（）]/g, '.')));
    // (Other tests of the run deploy their own fixture models: this test's two deploys are these.)
    const audit = await harness
      .db('model_deploys')
      .whereIn('model_key', ['bad-review', 'sla-policy'])
      .orderBy('id');
    assert.deepEqual(
      audit.map((row) => [row.model_key, row.version, row.deployed_by]),
      [
        ['bad-review', bpmnNow.definition.version, 'zhou.jie'],
        ['sla-policy', dmnNow.definition.version, 'zhou.jie'],
      ],
    );

    // When a new case starts, it runs on the new bad-review with the new verify limit.
    const newerCase = await postBadReview(harness);
    const newerTask = await verifyTask(newerCase);
    assert.equal(newerTask.processDefinitionId, bpmnNow.definition.id);
    assert.equal((await verifyClock(newerCase)).working_days, 2);
    assert.ok(new Date(newerTask.due!) > new Date(olderTask.due!), 'the new case is due later');

    // And the older case goes on under its version: still due as before, and verified, it moves on to
    // rectification in the old definition.
    assert.equal(olderTask.processDefinitionId, originals[0]!.definition.id);
    assert.equal((await verifyTask(olderCase)).due, olderTask.due);
    const unit = await signIn(harness.apiUrl, 'wang.fang');
    const done = await unit.call('POST', `/api/tasks/${olderTask.id}/complete`, {
      outcome: 'valid',
      findings: '情况属实',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const rectify = await eventually(
      async () =>
        (
          await harness.engine.tasks({
            processInstanceBusinessKey: olderCase,
            taskDefinitionKey: 'Task_RectifyComplaint',
          })
        )[0],
      { what: 'the older case at rectification' },
    );
    assert.equal(rectify.processDefinitionId, originals[0]!.definition.id);
  });
});
