// Group commit: writes that must be serialised (the ledger's hash chain) are queued, and one flusher at a
// time commits everything queued so far in one transaction. Serial appends pay a commit (a WAL flush) each
// under the lock; a group pays one for all of them, so throughput grows with concurrency instead of
// being capped at one flush per rating. Nothing waits for company: a write arriving while the flusher is
// idle is committed at once, alone.
//
// Each caller must hear only its own answer. When a group fails with an error that belongs to one item
// (a duplicate, a rule the item breaks), the group's transaction is gone, so its items are committed
// again one by one, in their order, and each caller gets its own result. Any other error (the database
// is down) fails every caller of the group, as it would have failed each alone.

export interface GroupCommitOptions<T> {
  /** Commits all items in one transaction, in order, or throws and commits none. */
  commitGroup(items: readonly T[]): Promise<void>;
  /** Commits one item in its own transaction. */
  commitOne(item: T): Promise<void>;
  /** True for an error that one item causes; its group is then retried item by item. */
  isItemError(error: unknown): boolean;
  /** Most items in one transaction, so one transaction's locks and latency stay bounded. */
  maxGroup?: number;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<T>({
  commitGroup,
  commitOne,
  isItemError,
  maxGroup = 100,
}: GroupCommitOptions<T>) {
  const queue: Waiting<T>[] = [];
  let flushing = false;

  async function commitEach(group: readonly Waiting<T>[]): Promise<void> {
    for (const waiting of group) {
      await commitOne(waiting.item).then(waiting.resolve, waiting.reject);
    }
  }

  async function flushGroup(group: readonly Waiting<T>[]): Promise<void> {
    if (group.length === 1) return commitEach(group);
    try {
      await commitGroup(group.map((waiting) => waiting.item));
    } catch (error: unknown) {
      if (isItemError(error)) return commitEach(group);
      for (const waiting of group) waiting.reject(error);
      return;
    }
    for (const waiting of group) waiting.resolve();
  }

  async function drain(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) await flushGroup(queue.splice(0, maxGroup));
    } finally {
      flushing = false;
    }
  }

  return {
    submit(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // flushGroup settles every caller itself and never throws, so drain cannot reject.
        if (!flushing) void drain();
      });
    },
  };
}
