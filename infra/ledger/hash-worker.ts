// A ledger hashing worker thread (./hash-pool.ts): receives COPY text lines of `evaluations`, answers each
// row's chain links and the hash its fields give (the same chainHash the verifier would call). The links
// themselves are checked in the main thread, in order.
import { parentPort } from 'node:worker_threads';
import { chainHash } from '../../domain/evaluation/ledger.ts';
import { toChainedRow } from './text-rows.ts';
import { copyLineToTextRow } from './copy-line.ts';
import type { HashedChunk } from './hash-pool.ts';

parentPort!.on('message', ({ id, lines }: { id: number; lines: string[] }) => {
  const answer: HashedChunk = { id, ids: [], sequences: [], previousHashes: [], hashes: [], computed: [] };
  for (const line of lines) {
    const row = toChainedRow(copyLineToTextRow(line));
    answer.ids.push(row.id);
    answer.sequences.push(String(row.sequence));
    answer.previousHashes.push(row.previousHash);
    answer.hashes.push(row.hash);
    answer.computed.push(chainHash(row.previousHash, row));
  }
  parentPort!.postMessage(answer);
});
