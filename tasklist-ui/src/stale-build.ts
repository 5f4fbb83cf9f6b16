// After an upgrade the server holds a new build, and a page opened before it asks for the old build's lazy
// chunks (screens, forms), which are gone. The first such failure reloads the page, at the screen the user
// asked for: index.html is never cached (server/pages/web-ui-routes.ts), so the reload brings the new
// build. Should a chunk fail again soon after that reload, the user is told instead of the page reloading
// in a loop (the mark is per tab, in sessionStorage).
import { ElMessage } from 'element-plus';
import type { Router } from 'vue-router';

const RELOADED_AT = 'hcp.tasklist.reloadedForStaleBuild';
/** A failure this soon after such a reload is not a stale page: the new build fails too. */
const NO_RELOAD_WITHIN_MS = 60_000;

/** A failed dynamic import, in Chromium's, Firefox's and Safari's words, or Vite's failed CSS preload. */
const CHUNK_FAILURE =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i;

const STALE_BUILD_MESSAGE =
  '页面加载失败：系统可能刚刚升级或网络中断，请刷新页面后重试；如仍无法打开，请清除浏览器缓存。';

function isChunkLoadFailure(error: unknown): boolean {
  return error instanceof Error && CHUNK_FAILURE.test(error.message);
}

/** Marks a reload now; false when it must not happen (just reloaded, or no storage for the mark). */
function mayReload(): boolean {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < NO_RELOAD_WITHIN_MS) return false;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    return true;
  } catch {
    // Storage refused (a locked-down browser): without the mark, no reload either.
    return false;
  }
}

/**
 * A chunk that did not load: reloads once (at `href`, else here) or, right after a reload, says so.
 * False for any other error, left to its caller.
 */
export function recoverFromStaleBuild(error: unknown, href?: string): boolean {
  if (!isChunkLoadFailure(error)) return false;
  if (!mayReload()) {
    ElMessage.error({ message: STALE_BUILD_MESSAGE, duration: 0, showClose: true });
    return true;
  }
  if (href) window.history.replaceState(window.history.state, '', href);
  window.location.reload();
  return true;
}

export function reloadOnStaleBuild(router: Router): void {
  // The screen asked for, not the one still shown: the reload opens it.
  router.onError((error, to) => recoverFromStaleBuild(error, router.resolve(to).href));
}
