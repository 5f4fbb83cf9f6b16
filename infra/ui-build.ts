// The web UIs (Vite apps): the task list (tasklist-ui/) and the modeler (modeler-ui/). Built into their
// dist/ folders when missing or older than their sources; the server serves dist/ as static files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WebUi {
  /** Folder under the project root holding vite.config.ts. */
  dir: string;
  /** Where the server serves it (Vite's `base`). */
  mountPath: string;
}

export const WEB_UIS: WebUi[] = [
  { dir: 'tasklist-ui', mountPath: '/tasklist/' },
  { dir: 'modeler-ui', mountPath: '/modeler/' },
];

export function uiDistDir(ui: WebUi): string {
  return path.join(ROOT, ui.dir, 'dist');
}

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(ui: WebUi): boolean {
  const index = path.join(uiDistDir(ui), 'index.html');
  if (!existsSync(index)) return true;
  return newestSourceTime(path.join(ROOT, ui.dir)) > statSync(index).mtimeMs;
}

/** Builds every UI whose dist is missing or stale; UIs without a vite.config.ts are skipped. */
export async function buildUisIfStale(log: (line: string) => void): Promise<void> {
  const { build } = await import('vite');
  for (const ui of WEB_UIS) {
    const root = path.join(ROOT, ui.dir);
    if (!existsSync(path.join(root, 'vite.config.ts'))) continue;
    if (!isStale(ui)) continue;
    log(`building ${ui.dir} (Vite) …`);
    const started = Date.now();
    await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
    log(`${ui.dir} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
