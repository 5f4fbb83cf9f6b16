// BPMN is code: every model imports cleanly as bpmn-js reads it, has a history time-to-live, and its
// external-task topics match the worker files one to one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectModels } from '../../infra/model-inspection.ts';
import { TOPIC_MODULES } from '../../workers/registry.ts';

const WORKERS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'workers');
const NOT_TOPICS = new Set([
  'adapter.ts',
  'bpmn-errors.ts',
  'client-types.d.ts',
  'deps.ts',
  'main.ts',
  'registry.ts',
]);

describe('the models in processes/', () => {
  it('given every model, then it imports without warnings and keeps history for a set time', async () => {
    const models = await inspectModels();
    assert.ok(models.some((model) => model.processIds.includes('bad-review')));
    for (const model of models) {
      assert.deepEqual(model.warnings, [], `${model.file} imports cleanly`);
      for (const ttl of model.historyTimeToLive)
        assert.ok(ttl, `${model.file} has camunda:historyTimeToLive`);
    }
  });

  it('given the topics in the models, then each has exactly one worker file and each worker file a topic', async () => {
    const modelTopics = new Set((await inspectModels()).flatMap((model) => model.topics));
    const workerFiles = fs
      .readdirSync(WORKERS_DIR)
      .filter((name) => name.endsWith('.ts') && !NOT_TOPICS.has(name));
    const fileTopics = new Set(workerFiles.map((name) => name.replace(/\.ts$/, '')));
    assert.deepEqual([...fileTopics].sort(), [...modelTopics].sort());
    assert.deepEqual(TOPIC_MODULES.map((module) => module.topic).sort(), [...modelTopics].sort());
  });
});
