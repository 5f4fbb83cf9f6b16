// A list or a panel that could not load says so: an empty state would read as "there is nothing" (no
// files, no comments, no process) and invite a duplicate upload. The server's own message when it has one.
import { ElMessage } from 'element-plus';
import { ApiError } from './api.ts';

/** What a panel shows in place of its empty text when its data did not load. */
export const LOAD_FAILED = '加载失败，请刷新重试';

/** Tells the user that `what` did not load; a lost session is left to the login screen (main.ts). */
export function reportLoadFailure(error: unknown, what: string): void {
  if (error instanceof ApiError && error.status === 401) return;
  ElMessage.error(error instanceof ApiError ? error.message : `${what}${LOAD_FAILED}`);
}
