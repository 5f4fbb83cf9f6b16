// Verifying the ratings ledger: walk the rows in sequence order, recompute each row's hash from the hash
// before it, and stop at the first broken link. Incremental (one row at a time, constant memory), so a
// caller can stream millions of rows through it page by page.
//
// A gap in `sequence` alone is not a broken link: a rating refused inside its transaction (a duplicate)
// still used up a number of the PostgreSQL sequence. Only a gap whose next row does not link to the row
// before it means rows are missing.
import { chainHash, GENESIS_HASH, type LedgerRow } from './ledger.ts';

/** What every chained row has, whichever ledger it belongs to. */
export interface ChainLinks {
  id: string;
  sequence: bigint;
  previousHash: string;
  hash: string;
}

export interface ChainedLedgerRow extends LedgerRow, ChainLinks {}

export type LinkProblem =
  /** The row's fields no longer give its stored hash: the row (or its hash) was changed. */
  | { kind: 'hash-mismatch'; computed: string; stored: string }
  /** previous_hash is not the hash of the row before it (that row's hash was rewritten, or rows reordered). */
  | { kind: 'previous-hash-mismatch'; expected: string; stored: string; afterSequence: bigint | undefined }
  /** Sequence numbers are missing and the row does not link to the one before: rows were removed. */
  | { kind: 'gap'; expected: string; stored: string; afterSequence: bigint | undefined }
  /** Rows must come in ascending sequence order, each number once. */
  | { kind: 'out-of-order'; afterSequence: bigint };

export interface BrokenLink {
  sequence: bigint;
  id: string;
  problem: LinkProblem;
}

export interface LedgerHead {
  sequence: bigint;
  hash: string;
}

export interface LedgerVerifier<R extends ChainLinks = ChainedLedgerRow> {
  /** Checks the next row; false once the chain is broken (later rows are then ignored). */
  push(row: R): boolean;
  /** Rows checked, including the broken one. */
  readonly rows: number;
  /** The last row that verified: operators compare it with a head recorded elsewhere (docs/ledger.md). */
  readonly head: LedgerHead | undefined;
  readonly firstBroken: BrokenLink | undefined;
}

/**
 * The ratings ledger's verifier by default; the sibling ledger of ratings without a 办件
 * (./subject-ledger.ts) passes its own hash of a row.
 */
export function createLedgerVerifier(): LedgerVerifier;
export function createLedgerVerifier<R extends ChainLinks>(
  hashRow: (previousHash: string, row: R) => string,
): LedgerVerifier<R>;
export function createLedgerVerifier<R extends ChainLinks>(
  hashRow: (previousHash: string, row: R) => string = chainHash as unknown as (
    previousHash: string,
    row: R,
  ) => string,
): LedgerVerifier<R> {
  let rows = 0;
  let head: LedgerHead | undefined;
  let firstBroken: BrokenLink | undefined;

  function check(row: R): LinkProblem | undefined {
    const afterSequence = head?.sequence;
    if (afterSequence !== undefined && row.sequence <= afterSequence)
      return { kind: 'out-of-order', afterSequence };
    const expected = head?.hash ?? GENESIS_HASH;
    if (row.previousHash !== expected) {
      // The first row may legitimately start above 1; a later row must follow its predecessor directly.
      const skipped = afterSequence === undefined ? row.sequence > 1n : row.sequence > afterSequence + 1n;
      const kind = skipped ? 'gap' : 'previous-hash-mismatch';
      return { kind, expected, stored: row.previousHash, afterSequence };
    }
    const computed = hashRow(row.previousHash, row);
    if (computed !== row.hash) return { kind: 'hash-mismatch', computed, stored: row.hash };
    return undefined;
  }

  return {
    push(row) {
      if (firstBroken) return false;
      rows += 1;
      const problem = check(row);
      if (problem) {
        firstBroken = { sequence: row.sequence, id: row.id, problem };
        return false;
      }
      head = { sequence: row.sequence, hash: row.hash };
      return true;
    },
    get rows() {
      return rows;
    },
    get head() {
      return head;
    },
    get firstBroken() {
      return firstBroken;
    },
  };
}

/** One line, in English, for logs and the CLI's last line. */
export function describeLinkProblem(problem: LinkProblem): string {
  switch (problem.kind) {
    case 'hash-mismatch':
      return `hash mismatch (stored ${problem.stored}, computed ${problem.computed})`;
    case 'previous-hash-mismatch':
      return `previous_hash ${problem.stored} is not the hash of sequence ${String(problem.afterSequence)} (${problem.expected})`;
    case 'gap':
      return problem.afterSequence === undefined
        ? `rows missing before it (previous_hash ${problem.stored}, expected the genesis hash)`
        : `rows missing after sequence ${problem.afterSequence} (previous_hash ${problem.stored}, expected ${problem.expected})`;
    case 'out-of-order':
      return `sequence not after ${problem.afterSequence}`;
  }
}
