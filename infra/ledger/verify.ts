// Verifies the ratings ledger in PostgreSQL: reads `evaluations` in sequence order, in keyset pages
// (where sequence > last order by sequence limit N, on evaluations_sequence_unique), and feeds each row to
// the incremental verifier, so memory stays a page or two whatever the table's size. All pages are read in
// one REPEATABLE READ, READ ONLY transaction: the run checks one snapshot, and ratings appended meanwhile
// wait for the next run.
//
// Rows come as text and are decoded in ./text-rows.ts. The next page is requested before the current one is
// verified, so PostgreSQL reads it while Node hashes.
import {
  createLedgerVerifier,
  type BrokenLink,
  type LedgerHead,
} from '../../domain/evaluation/ledger-verify.ts';
import { TEXT_ROWS, toChainedRow, type TextRow } from './text-rows.ts';
import { copyField, copyOut } from './copy-out.ts';
import type { Knex } from 'knex';
import type { Db } from '../db.ts';

export const DEFAULT_PAGE_SIZE = 10_000;

export interface LedgerVerification {
  rows: number;
  ok: boolean;
  firstBroken?: BrokenLink;
  /** The last row that verified. */
  head?: LedgerHead;
  seconds: number;
}

/** One keyset page: the columns the hash covers and the chain's own. The benchmark's raw read runs it too. */
export const LEDGER_PAGE_SQL = `
  select id, sequence, service_record_id, target, channel, level, tags, text, real_name,
         rater_name_encrypted, rater_phone_encrypted, rated_at, attitude, quality, efficiency,
         environment, previous_hash, hash
    from evaluations
   where sequence > ?
   order by sequence
   limit ?`;

type Reader = Pick<Db, 'raw'>;

export async function readLedgerPage(reader: Reader, after: string, pageSize: number): Promise<TextRow[]> {
  const result = await reader.raw<{ rows: TextRow[] }>(LEDGER_PAGE_SQL, [after, pageSize]).options(TEXT_ROWS);
  return result.rows;
}

/** Runs `walk` in a read-only snapshot; the benchmark's raw read uses it too. */
export async function inLedgerSnapshot<T>(
  db: Db,
  walk: (reader: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    // The rows' times are decoded as text in UTC (ISO: every connection asks for it, infra/db.ts).
    await trx.raw(`set local timezone to 'UTC'`);
    return walk(trx);
  });
}

/** The columns the hash covers and the chain's own, in TextRow order, streamed whole in sequence order. */
export const LEDGER_COPY_SQL = `
  copy (select id, sequence, service_record_id, target, channel, level, tags, text, real_name,
               rater_name_encrypted, rater_phone_encrypted, rated_at, attitude, quality, efficiency,
               environment, previous_hash, hash
          from evaluations order by sequence) to stdout`;

/** A COPY text line as the TextRow a page would have given. */
export function copyLineToTextRow(line: string): TextRow {
  return line.split('\t').map(copyField) as TextRow;
}

/**
 * Verifies the whole chain in one snapshot. By default the rows come as one COPY … TO STDOUT (./copy-out.ts),
 * the fastest way node-postgres can receive them (bench/ledger-verify.ts); with `pageSize`, in keyset pages
 * of that size instead (tests use small pages to cross page boundaries). After a broken link the rest of the
 * COPY is received and ignored: the statement cannot be stopped half-way without cancelling the transaction.
 */
export async function verifyLedger(
  db: Db,
  { pageSize }: { pageSize?: number } = {},
): Promise<LedgerVerification> {
  const started = process.hrtime.bigint();
  const verifier = createLedgerVerifier();
  await inLedgerSnapshot(db, async (reader) => {
    if (pageSize === undefined) {
      let intact = true;
      await copyOut(reader, LEDGER_COPY_SQL, (line) => {
        if (intact) intact = verifier.push(toChainedRow(copyLineToTextRow(line)));
      });
      return;
    }
    // Sequence 0 is below every bigserial value.
    let page = await readLedgerPage(reader, '0', pageSize);
    while (page.length > 0) {
      const last = page[page.length - 1] as TextRow;
      const next = page.length === pageSize ? readLedgerPage(reader, last[1], pageSize) : undefined;
      let intact = true;
      for (const row of page) if (!(intact = verifier.push(toChainedRow(row)))) break;
      // Broken: the page already requested is still awaited, so the transaction ends cleanly.
      const following = next ? await next : [];
      page = intact ? following : [];
    }
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { rows, firstBroken, head } = verifier;
  return {
    rows,
    ok: firstBroken === undefined,
    ...(firstBroken ? { firstBroken } : {}),
    ...(head ? { head } : {}),
    seconds,
  };
}
