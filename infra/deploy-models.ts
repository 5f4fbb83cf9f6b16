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
