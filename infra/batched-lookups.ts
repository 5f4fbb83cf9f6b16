// Lookups by key gathered into one query. Under load the server asks the same question of many keys at once
// (each rating reads its 办件's facts); a query per request was a third of the statements a rating cost, each
// its own socket write and wake-up (bench/rating-http.ts). Keys asked for while a query is under way wait for
// the next one, which asks for all of them; so every caller's answer comes from a query that started after
// its call, and at low load a key is asked for alone, at once.

export interface BatchedLookupOptions {
  /** Queries under way at once; keys asked for while all are busy wait for the next free one. */
  maxInFlight?: number;
  /** Keys per query at most. */
  maxBatch?: number;
}

export function batchedLookups<K, V>(
  load: (keys: K[]) => Promise<ReadonlyMap<K, V>>,
  { maxInFlight = 2, maxBatch = 500 }: BatchedLookupOptions = {},
): (key: K) => Promise<V | undefined> {
  const waiting: { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight += 1;
      // Through a promise whatever `load` does: a synchronous throw fails this batch's callers, not the process.
      Promise.resolve()
        .then(() => load([...new Set(batch.map((entry) => entry.key))]))
        .then(
          (found) => {
            for (const entry of batch) entry.resolve(found.get(entry.key));
          },
          (error: unknown) => {
            for (const entry of batch) entry.reject(error);
          },
        )
        .finally(() => {
          inFlight -= 1;
          flush();
        });
    }
  }

  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      // The keys asked for in this same turn go together.
      if (!scheduled && inFlight < maxInFlight) {
        scheduled = true;
        queueMicrotask(flush);
      }
    });
}
