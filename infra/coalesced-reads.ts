// One read shared by the callers that ask for it together. Under load the server asks the same cheap question
// for every rating (has anyone loaded a holiday notice?); one query per request was a third of the queries a
// rating costs (bench/rating-http.ts). A caller never gets an answer older than its call: a read already under
// way may have begun before it, so it waits for the one read that starts after, which every caller arriving
// meanwhile shares.

export function coalescedReads<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let next: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const current: Promise<T> = read().finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  };
  return () => {
    if (running === undefined) return start();
    // Whatever the read under way comes to, the next one starts after it.
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}

/**
 * A read kept for `maxAgeMs` (coalesced when it runs): for tables an administrator changes now and then and
 * every request reads (preset tags, staff phones), where a change may take seconds to show.
 */
export function cachedReads<T>(
  read: () => Promise<T>,
  { maxAgeMs = 5_000, now = () => Date.now() }: { maxAgeMs?: number; now?: () => number } = {},
): () => Promise<T> {
  let cached: { value: T; readAt: number } | undefined;
  const fresh = coalescedReads(async () => {
    const readAt = now();
    const value = await read();
    cached = { value, readAt };
    return value;
  });
  return async () => (cached && now() - cached.readAt < maxAgeMs ? cached.value : fresh());
}
