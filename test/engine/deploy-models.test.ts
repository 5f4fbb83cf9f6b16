// `npm start` deploys every model in processes/ on every start (infra/deploy-models.ts) with duplicate
// filtering: an unchanged model makes no new version, a changed one a new version of itself only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { getHarness } from './harness.ts';
import { deployModels, modelFiles, warmUpEngine } from '../../infra/deploy-models.ts';
import type { EngineClient } from '../../infra/engine-rest.ts';

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'deploy-probe.bpmn');

/** The latest version of every process and decision definition, by key. */
async function latestVersions(engine: EngineClient): Promise<Record<string, number>> {
  const versions: Record<string, number> = {};
  for (const kind of ['process', 'decision'] as const) {
    for (const definition of await engine.definitions(kind, { latestVersion: 'true' }))
      versions[`${kind}:${definition.key}`] = definition.version;
  }
  return versions;
}

/** processes/ as it is, plus the probe model named `version`: what a process owner's edit looks like. */
function modelsWithProbe(dir: string, version: string): void {
  for (const file of modelFiles()) fs.writeFileSync(path.join(dir, file.name), file.content);
  fs.writeFileSync(
    path.join(dir, 'deploy-probe.bpmn'),
    fs.readFileSync(PROBE, 'utf8').replace('VERSION', version),
  );
}

describe('deploying the models on start (issue 2)', () => {
  it('given the deployed models, when npm start deploys them again twice, then no process or decision gets a new version', async () => {
    const { engine } = getHarness();
    const before = await latestVersions(engine);
    for (const key of ['bad-review', 'appeal-review', 'consultation', 'evaluation-invitation'])
      assert.ok(before[`process:${key}`], `${key} is deployed`);

    assert.deepEqual(await deployModels(engine), [], 'first redeploy: models unchanged');
    assert.deepEqual(await deployModels(engine), [], 'second redeploy: models unchanged');
    assert.deepEqual(await latestVersions(engine), before);
  });

  it('given one changed model among unchanged ones, when they are deployed, then only that model gets a new version', async () => {
    const { engine } = getHarness();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-deploy-'));
    try {
      const run = randomUUID().slice(0, 8);
      modelsWithProbe(dir, `${run} 第一版`);
      const first = await deployModels(engine, dir);
      assert.equal(first.length, 1, `only the new model deploys: ${first.join(', ')}`);
      assert.match(first[0]!, /^deploy-probe:/);
      const before = await latestVersions(engine);

      modelsWithProbe(dir, `${run} 第二版`);
      const second = await deployModels(engine, dir);
      assert.equal(second.length, 1, `only the changed model deploys: ${second.join(', ')}`);
      assert.match(second[0]!, /^deploy-probe:/);
      assert.deepEqual(await latestVersions(engine), {
        ...before,
        'process:deploy-probe': before['process:deploy-probe']! + 1,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('given the deployed models, when npm start warms the engine up, then it reads every model and starts nothing', async () => {
    const { engine } = getHarness();
    const count = async (what: string) => {
      const response = await fetch(`${engine.baseUrl}/${what}/count`);
      return ((await response.json()) as { count: number }).count;
    };
    const before = { instances: await count('history/process-instance'), tasks: await count('task') };
    await warmUpEngine(engine);
    assert.deepEqual(
      { instances: await count('history/process-instance'), tasks: await count('task') },
      before,
    );
  });
});
