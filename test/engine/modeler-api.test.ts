// The modeler's API against the real engine (issue 7): a draft's changes against the deployed version,
// deploys as new versions with their audit, rollback, and a model the engine itself refuses. It works on
// its own process (fixtures/modeler-probe.bpmn), so the shipped models stay as they are for other tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHarness, type Harness } from './harness.ts';
import { signIn, type StaffSession } from '../support/modeler-session.ts';

const PROBE = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'modeler-probe.bpmn'),
  'utf8',
);

describe('the modeler API over the engine (issue 7)', function () {
  this.timeout(60_000);
  let harness: Harness;
  let owner: StaffSession;

  before(async () => {
    harness = getHarness();
    owner = await signIn(harness.apiUrl, 'zhou.jie');
  });

  const versionsInEngine = async () =>
    (await harness.engine.definitions('process', { key: 'modeler-probe' })).length;

  async function deployDraft(xml: string) {
    const created = await owner.call('POST', '/api/model-drafts', { kind: 'bpmn', xml });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return owner.call('POST', `/api/model-drafts/${created.body.draft.id}/deploy`, { revision: 1 });
  }

  it('given drafts deployed twice, when versions are listed and version 1 rolled back, then a third version with the first content, all audited', async () => {
    const first = await deployDraft(PROBE);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const renamed = PROBE.replace('name="核对"', 'name="核对材料"');
    const second = await deployDraft(renamed);
    assert.equal(second.body.deploy.version, first.body.deploy.version + 1);

    const rollback = await owner.call('POST', '/api/models/bpmn/modeler-probe/rollback', {
      version: first.body.deploy.version,
    });
    assert.equal(rollback.status, 201, JSON.stringify(rollback.body));
    assert.equal(rollback.body.deploy.version, second.body.deploy.version + 1);
    assert.equal(rollback.body.deploy.rollbackOfVersion, first.body.deploy.version);
    const [latest] = await harness.engine.definitions('process', {
      key: 'modeler-probe',
      latestVersion: 'true',
    });
    assert.match((await harness.engine.definitionXml('process', latest!.id)).bpmn20Xml!, /name="核对"/);

    const listed = await owner.call('GET', '/api/models/bpmn/modeler-probe/versions');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.versions.map((version: any) => [
        version.version,
        version.deployedBy.name,
        version.rollbackOfVersion,
      ]),
      [
        [rollback.body.deploy.version, '周杰', first.body.deploy.version],
        [second.body.deploy.version, '周杰', null],
        [first.body.deploy.version, '周杰', null],
      ],
    );
    assert.equal(listed.body.versions[1].sourceDraftId, second.body.deploy.sourceDraftId);
    await assert.rejects(harness.db('model_deploys').update({ deployed_by: 'admin' }), /append-only/);
  });

  it('given a draft that adds, removes and changes elements, when it is compared, then each element is named', async () => {
    const changed = PROBE.replace('name="核对"', 'name="核对材料"')
      .replace(
        '<bpmn:endEvent id="EndEvent_Probe" name="结束">',
        '<bpmn:endEvent id="EndEvent_Done" name="办结">',
      )
      .replace('targetRef="EndEvent_Probe"', 'targetRef="EndEvent_Done"')
      .replace('bpmnElement="EndEvent_Probe"', 'bpmnElement="EndEvent_Done"');
    const diff = await owner.call('POST', '/api/models/bpmn/modeler-probe/diff', { xml: changed });
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    assert.equal(diff.body.base.origin, 'deployed');
    assert.deepEqual(
      diff.body.added.map((item: any) => [item.id, item.name]),
      [['EndEvent_Done', '办结']],
    );
    assert.deepEqual(
      diff.body.removed.map((item: any) => [item.id, item.name]),
      [['EndEvent_Probe', '结束']],
    );
    assert.deepEqual(
      diff.body.changed.map((item: any) => [item.id, item.name, item.previousName]),
      [
        ['Task_Check', '核对材料', '核对'],
        ['Flow_ToEnd', undefined, undefined],
      ],
    );
  });

  it('given a model that passes lint but the engine cannot parse (a broken expression), when deployed, then 400 model.engine_rejected and no new version', async () => {
    const before = await versionsInEngine();
    // An unclosed expression: bpmnlint does not read expressions; the engine parses them when deploying.
    const broken = PROBE.replace(
      '<bpmn:manualTask id="Task_Check" name="核对">',
      '<bpmn:manualTask id="Task_Check" name="核对"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="checkedBy">${checker.name</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>',
    );
    assert.notEqual(broken, PROBE);
    const answer = await deployDraft(broken);
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.equal(answer.body.error.id, 'model.engine_rejected');
    assert.equal(await versionsInEngine(), before);
    assert.equal(
      await harness
        .db('model_deploys')
        .where({ model_key: 'modeler-probe' })
        .count()
        .first()
        .then((row: any) => Number(row.count)),
      3,
    );
  });

  it('given a version that does not exist, when it is rolled back or opened, then 404 model.version_not_found', async () => {
    const rollback = await owner.call('POST', '/api/models/bpmn/modeler-probe/rollback', { version: 999 });
    assert.equal(rollback.status, 404);
    assert.equal(rollback.body.error.id, 'model.version_not_found');
    const opened = await owner.call('GET', '/api/models/bpmn/modeler-probe?version=999');
    assert.equal(opened.body.error.id, 'model.version_not_found');
    const unknown = await owner.call('GET', '/api/models/bpmn/no-such-model');
    assert.equal(unknown.body.error.id, 'model.not_found');
  });
});
