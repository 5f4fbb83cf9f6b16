// Worker threads that hash ledger rows (./hash-worker.ts) for `hcp ledger verify` on large ledgers: the
// main thread receives the COPY and checks the links in order, the workers recompute each row's hash.
import { Worker } from 'node:worker_threads';

export interface HashedChunk {
  id: number;
  ids: string[];
  sequences: string[];
  previousHashes: string[];
  hashes: string[];
  /** chainHash(stored previous hash, row) for each row. */
  computed: string[];
}

export interface HashPool {
  hash(lines: string[]): Promise<HashedChunk>;
  close(): Promise<void>;
}

export function createHashPool(size: number): HashPool {
  const entry = new URL('./hash-worker-entry.mjs', import.meta.url);
  const workers = Array.from({ length: size }, () => new Worker(entry));
  const waiting = new Map<
    number,
    { resolve: (chunk: HashedChunk) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (chunk: HashedChunk) => {
      waiting.get(chunk.id)?.resolve(chunk);
      waiting.delete(chunk.id);
    });
    worker.on('error', (error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
  }
  return {
    hash(lines) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, lines });
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
