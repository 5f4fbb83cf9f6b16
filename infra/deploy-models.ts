// Deploys every model in processes/ as one deployment. Duplicate filtering: models that did not change
// make no new version; a changed model gets one, and running cases stay on theirs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlaPolicy } from './sla/policy.ts';
import type { EngineClient } from './engine-rest.ts';

export const PROCESSES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'processes');

export function modelFiles(dir: string = PROCESSES_DIR): { name: string; content: string }[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.bpmn') || name.endsWith('.dmn'))
    .sort()
    .map((name) => ({ name, content: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

export async function deployModels(engine: EngineClient, dir?: string): Promise<string[]> {
  const deployment = await engine.deploy('hcp-processes', modelFiles(dir));
  return Object.keys(deployment.deployedProcessDefinitions ?? {});
}

/**
 * Readies a freshly started engine for the first 差评: each process model parsed into the engine's cache
 * and the SLA policy decision evaluated once (the FEEL engine's first use), about 1.3 s that the first
 * case would otherwise wait (measured from posting a 差评 to its task in the unit's list: 2.4–3.2 s → 1.9 s).
 * Reads only; nothing is started or stored.
 */
export async function warmUpEngine(engine: EngineClient): Promise<void> {
  const keys = await engine.definitions('process', { latestVersion: 'true' });
  await Promise.all(keys.map(({ key }) => engine.startFormVariables(key)));
  await createSlaPolicy(engine).policyFor('verify');
}
