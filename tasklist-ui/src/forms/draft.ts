// What a user has typed into a task's form, kept in this tab (sessionStorage) until the task is completed: a
// long 核实情况 or 整改措施 survives a reload, and a session that ran out while they typed (401, sign in again,
// back to the task). Per tab: a shared counter PC forgets it when the tab closes.
import { watch } from 'vue';

const keyOf = (taskId: string) => `hcp-task-draft:${taskId}`;

/** Restores the draft of `taskId` into `form` (only the fields it has), then keeps saving it as it changes. */
export function keepDraft(taskId: string, form: Record<string, unknown>): void {
  const saved = sessionStorage.getItem(keyOf(taskId));
  if (saved) {
    try {
      const values = JSON.parse(saved) as Record<string, unknown>;
      for (const field of Object.keys(form)) if (field in values) form[field] = values[field];
    } catch {
      sessionStorage.removeItem(keyOf(taskId));
    }
  }
  watch(form, (value) => sessionStorage.setItem(keyOf(taskId), JSON.stringify(value)), { deep: true });
}

/** Forgets the draft once its task is done. */
export function dropDraft(taskId: string): void {
  sessionStorage.removeItem(keyOf(taskId));
}
