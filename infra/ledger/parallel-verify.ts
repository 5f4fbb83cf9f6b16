// `hcp ledger verify` on a large ledger: the main thread receives the COPY and checks each row's links in
// sequence order (./verify.ts's verifier), while worker threads (./hash-pool.ts) recompute each row's hash
// from its stored fields and previous hash — the part that costs, and that no row needs another row for.
// The rows are handed out in chunks; the COPY is held back while too many chunks wait, so memory stays a few
// chunks whatever the table's size.
import {
  createLedgerVerifier,
  type ChainLinks,
  type LedgerVerifier,
} from '../../domain/evaluation/ledger-verify.ts';
import { copyOut, type CopyFlow } from './copy-out.ts';
import { createHashPool, type HashedChunk } from './hash-pool.ts';
import type { Knex } from 'knex';

export interface ParallelTuning {
  /** Rows per chunk handed to a worker. */
  chunkRows?: number;
  /** Chunks waiting for their hashes before the COPY is held back. */
  maxChunksInFlight?: number;
}

interface HashedRow extends ChainLinks {
  computed: string;
}

export async function verifyInParallel(
  reader: Knex.Transaction,
  copySql: string,
  threads: number,
  { chunkRows = 2_000, maxChunksInFlight = 16 }: ParallelTuning = {},
): Promise<LedgerVerifier<HashedRow>> {
  const verifier = createLedgerVerifier<HashedRow>((_previousHash, row) => row.computed);
  const pool = createHashPool(threads);
  let flow: CopyFlow | undefined;
  let paused = false;
  let inFlight = 0;
  let failure: unknown;
  let intact = true;
  let tail: Promise<void> = Promise.resolve();
  let lines: string[] = [];

  const check = (chunk: HashedChunk) => {
    for (let index = 0; intact && index < chunk.ids.length; index += 1) {
      intact = verifier.push({
        id: chunk.ids[index]!,
        sequence: BigInt(chunk.sequences[index]!),
        previousHash: chunk.previousHashes[index]!,
        hash: chunk.hashes[index]!,
        computed: chunk.computed[index]!,
      });
    }
  };
  const dispatch = () => {
    const hashed = pool.hash(lines);
    lines = [];
    inFlight += 1;
    if (inFlight >= maxChunksInFlight && !paused) {
      paused = true;
      flow?.pause();
    }
    tail = tail
      .then(async () => {
        const chunk = await hashed;
        if (failure === undefined) check(chunk);
      })
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        inFlight -= 1;
        // A failure resumes too: the COPY must run to its end for the transaction to end cleanly.
        if (paused && (inFlight <= maxChunksInFlight / 2 || failure !== undefined)) {
          paused = false;
          flow?.resume();
        }
      });
  };

  try {
    await copyOut(
      reader,
      copySql,
      (line) => {
        // After a broken link the rest of the COPY is received and ignored, as in the one-thread path.
        if (!intact || failure !== undefined) return;
        lines.push(line);
        if (lines.length === chunkRows) dispatch();
      },
      (socket) => (flow = socket),
    );
    if (lines.length > 0) dispatch();
    await tail;
  } finally {
    await pool.close();
  }
  if (failure !== undefined) throw failure;
  return verifier;
}
