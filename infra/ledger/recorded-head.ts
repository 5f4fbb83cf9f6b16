// A head recorded from an earlier `hcp ledger verify` (its last sequence and hash, kept where the database's
// administrators cannot write): the chain verified now must still pass through it. What the chain cannot show
// on its own — the newest rows deleted, or every hash after a changed row rewritten — shows here: the row at
// that sequence is gone, or carries another hash (docs/ledger.md).
import type { Db } from '../db.ts';

export interface RecordedHead {
  sequence: bigint;
  hash: string;
}

export type RecordedHeadCheck = 'passes' | 'missing' | 'different';

/**
 * The largest value a bigint column holds: a sequence or id typed above it names no row — a mistyped argument,
 * not a broken ledger.
 */
export const LARGEST_BIGINT = 9_223_372_036_854_775_807n;

/** `<sequence>:<hash>` as verify prints it; undefined for anything else. */
export function parseRecordedHead(text: string): RecordedHead | undefined {
  const match = /^([1-9][0-9]{0,18}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match || BigInt(match[1]!) > LARGEST_BIGINT) return undefined;
  return { sequence: BigInt(match[1]!), hash: match[2]! };
}

export function formatRecordedHead(head: RecordedHead): string {
  return `${head.sequence}:${head.hash}`;
}

/** Whether the ledger `table` (evaluations or subject_evaluations) still holds the recorded head. */
export async function checkRecordedHead(
  db: Db,
  table: 'evaluations' | 'subject_evaluations',
  head: RecordedHead,
): Promise<RecordedHeadCheck> {
  const row = await db(table)
    .where({ sequence: head.sequence.toString() })
    .first<{ hash: string } | undefined>('hash');
  if (!row) return 'missing';
  return row.hash === head.hash ? 'passes' : 'different';
}
