// Deploys every model in processes/ as one deployment. Duplicate filtering: models that did not change
// make no new version; a changed model gets one, and running cases stay on theirs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Readies a freshly started engine for the first 差评: each process model parsed into the engine's cache,
 * which the first case would otherwise wait for. The SLA policy decision's first evaluation (the FEEL
 * engine's first use) is the worker process's own warm-up (workers/main.ts), which runs against the same
 * engine. Reads only; nothing is started or stored.
 */
export async function warmUpEngine(engine: EngineClient): Promise<void> {
  const keys = await engine.definitions('process', { latestVersion: 'true' });
  await Promise.all(keys.map(({ key }) => engine.startFormVariables(key)));
}
