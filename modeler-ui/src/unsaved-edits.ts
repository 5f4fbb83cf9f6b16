// Edits live only in the editor until 保存草稿: whatever would throw the diagram away asks first.

const DISCARD_QUESTION = '当前模型有未保存的修改，确定放弃这些修改吗？';

/** True when nothing is unsaved or the owner agrees to lose it (opening another model, 退出). */
export function mayDiscard(dirty: boolean): boolean {
  return !dirty || window.confirm(DISCARD_QUESTION);
}

/** Closing or reloading the tab while dirty: the browser's own question. Returns what removes the guard. */
export function guardUnload(isDirty: () => boolean): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!isDirty()) return;
    event.preventDefault();
    // Older Chromium and Safari ask only when returnValue is set.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
