// What a user has typed into a task's form, kept in this tab (sessionStorage) until the task is completed: a
// long 核实情况 or 整改措施 survives a reload, and a session that ran out while they typed (401, sign in again,
// back to the task). Kept per user: at a shared counter PC another person never finds it, and signing out,
// or someone else signing in, forgets it (the tab forgets it too when it closes).
import { watch } from 'vue';
import { session } from '../session.ts';

const PREFIX = 'hcp-task-draft:';
const keyOf = (userId: string, taskId: string) => `${PREFIX}${userId}:${taskId}`;

/** Restores the user's draft of `taskId` into `form` (only the fields it has), then keeps saving it as it changes. */
export function keepDraft(taskId: string, form: Record<string, unknown>): void {
  const userId = session.user?.id;
  if (!userId) return;
  const key = keyOf(userId, taskId);
  const saved = sessionStorage.getItem(key);
  if (saved) {
    try {
      const values = JSON.parse(saved) as Record<string, unknown>;
      for (const field of Object.keys(form)) if (field in values) form[field] = values[field];
    } catch {
      sessionStorage.removeItem(key);
    }
  }
  watch(form, (value) => sessionStorage.setItem(key, JSON.stringify(value)), { deep: true });
}

/** Forgets the draft once its task is done. */
export function dropDraft(taskId: string): void {
  const userId = session.user?.id;
  if (userId) sessionStorage.removeItem(keyOf(userId, taskId));
}

/** Forgets every draft but those of `keptUserId` (none: all), when someone signs out or another signs in. */
export function dropDraftsExcept(keptUserId?: string): void {
  const keys = Array.from({ length: sessionStorage.length }, (_, index) => sessionStorage.key(index) ?? '');
  for (const key of keys) {
    if (key.startsWith(PREFIX) && !(keptUserId && key.startsWith(`${PREFIX}${keptUserId}:`))) {
      sessionStorage.removeItem(key);
    }
  }
}
