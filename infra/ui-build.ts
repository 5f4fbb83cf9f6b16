// The web UIs (Vite apps): the task list (tasklist-ui/) and the modeler (modeler-ui/). Built into their
// dist/ folders when missing or older than their sources; the server serves dist/ as static files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from './error-message.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface WebUi {
  /** Folder under the project root holding vite.config.ts. */
  dir: string;
  /** Where the server serves it (Vite's `base`). */
  mountPath: string;
  /** Other source folders it imports from (a change there rebuilds it too). */
  alsoWatches: string[];
}

export const WEB_UIS: WebUi[] = [
  // The task list shows the domain's own labels (levels, stages, channels, file types).
  { dir: 'tasklist-ui', mountPath: '/tasklist/', alsoWatches: ['domain'] },
  { dir: 'modeler-ui', mountPath: '/modeler/', alsoWatches: [] },
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
  const newest = Math.max(
    ...[ui.dir, ...ui.alsoWatches].map((dir) => newestSourceTime(path.join(ROOT, dir))),
  );
  return newest > statSync(index).mtimeMs;
}

/**
 * Runs `work` and puts NODE_ENV back as it was: Vite's build sets it to `production` in this process, and
 * `npm start` builds the UIs before it spawns the server and the workers, which would then read
 * production configuration (and refuse to start without production keys).
 */
export async function keepingNodeEnv<T>(work: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/**
 * Builds every UI (or those named in `only`) whose dist is missing or stale; UIs without a vite.config.ts
 * are skipped. Each builds on its own: one UI's failure does not keep the others from building, and the
 * error names every UI that failed.
 */
export async function buildUisIfStale(
  log: (line: string) => void,
  { only }: { only?: string[] } = {},
): Promise<void> {
  const { build } = await import('vite');
  const failures: string[] = [];
  for (const ui of WEB_UIS) {
    if (only && !only.includes(ui.dir)) continue;
    const root = path.join(ROOT, ui.dir);
    if (!existsSync(path.join(root, 'vite.config.ts'))) continue;
    if (!isStale(ui)) continue;
    log(`building ${ui.dir} (Vite) …`);
    const started = Date.now();
    try {
      await keepingNodeEnv(() =>
        build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' }),
      );
      log(`${ui.dir} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error: unknown) {
      failures.push(`${ui.dir}: ${errorMessage(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`web UI build failed — ${failures.join('; ')}`);
}
