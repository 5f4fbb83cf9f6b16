// `npm run check:models`: every model imports without warnings (as bpmn-js would), every process has a
// history time-to-live, bpmnlint passes (.bpmnlintrc: recommended + Camunda 7 compatibility), and
// every external-task topic has its worker file and every worker file a topic.
import { spawnSync } from 'node:child_process';
import { inspectModels } from '../infra/model-inspection.ts';
import { PROCESSES_DIR } from '../infra/deploy-models.ts';
import { TOPIC_MODULES } from '../workers/registry.ts';
import fs from 'node:fs';

const problems: string[] = [];
const models = await inspectModels();
for (const model of models) {
  for (const warning of model.warnings) problems.push(`${model.file}: import warning: ${warning}`);
  model.historyTimeToLive.forEach((ttl, index) => {
    if (!ttl)
      problems.push(`${model.file}: process ${model.processIds[index]} has no camunda:historyTimeToLive`);
  });
}
const modelTopics = new Set(models.flatMap((model) => model.topics));
const workerTopics = new Set<string>(TOPIC_MODULES.map((module) => module.topic));
for (const topic of modelTopics)
  if (!workerTopics.has(topic)) problems.push(`topic "${topic}" has no worker`);
for (const topic of workerTopics)
  if (!modelTopics.has(topic)) problems.push(`worker "${topic}" serves no model`);

const bpmnFiles = fs.readdirSync(PROCESSES_DIR).filter((name) => name.endsWith('.bpmn'));
const lint = spawnSync('npx', ['bpmnlint', ...bpmnFiles.map((name) => `processes/${name}`)], {
  stdio: 'inherit',
});
if (lint.status !== 0) problems.push('bpmnlint reported problems (above)');

if (problems.length) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log(
  `models ok: ${models.map((model) => model.file).join(', ')} (topics: ${[...modelTopics].join(', ')})`,
);
