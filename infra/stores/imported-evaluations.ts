// Imported ratings of 办件 (paper forms) into the ratings ledger, many per transaction. Each chunk holds the
// ledger lock (as every append does) for one transaction: under it, a row whose source key an earlier
// import stored is skipped (same content) or refused (changed: ratings are never changed); a row whose 办件
// already has a rating of that target is refused as a duplicate (art. 9); the rest are chained in memory
// and written with multi-row inserts (./bulk-ledger-rows.ts). A 办件 in a batch or theme takes the
// one-rating path (./evaluation-store.ts writeRating, art. 9's checks) inside a savepoint, so its refusal
// undoes only its own row. Every stored rating leaves its row in imported_ratings in the same transaction.
//
// The quick way (planImportedChunk, then appendPlannedChunk): the same checks are made before the lock,
// while the chunk before is still being written, and the transaction under the lock only chains and
// writes. What the checks found can only go stale by a write that the ledger refuses (a rating of one of
// these 办件 by another channel: evaluations (service_record_id, target); the same row by another import:
// imported_ratings' key; 未评 recorded for one of them: evaluations_not_after_unrated). Then the whole
// chunk is rolled back and done again the careful way, whose checks under the lock see it.
import { DomainError } from '../../domain/errors.ts';
import { isAfterRatingWindow } from '../../domain/evaluation/invitation.ts';
import { lockLedgerHead, writeRating } from './evaluation-store.ts';
import { recordsInBatchOrTheme } from './rating-occasion.ts';
import { isCheckViolation, isUniqueViolation } from './pg-errors.ts';
import { insertChainedEvaluations } from './bulk-ledger-rows.ts';
import { copyRows } from './copy-from.ts';
import { ANY_OF_TEXT_LIST, textArrayLiteral } from './text-array.ts';
import type { Knex } from 'knex';
import type { Db } from '../db.ts';
import type { NewEvaluation } from '../../domain/evaluation/intake.ts';

export const IMPORT_CHUNK = 10_000;

export interface ImportedRow<T> {
  rowNumber: number;
  /** paper-form:<办件>:<target>, or <kind>:<source reference> */
  sourceKey: string;
  fingerprint: string;
  evaluation: T;
}

export type RowOutcome =
  | { rowNumber: number; status: 'stored'; evaluationId: string; openedCase: boolean }
  | { rowNumber: number; status: 'skipped'; evaluationId: string }
  | { rowNumber: number; status: 'refused'; error: DomainError };

/** A row written to the ledger; a 差评 among them opened its case in the same transaction. */
export function storedOutcome(row: ImportedRow<{ id: string; opensCase: boolean }>): RowOutcome {
  return {
    rowNumber: row.rowNumber,
    status: 'stored',
    evaluationId: row.evaluation.id,
    openedCase: row.evaluation.opensCase,
  };
}

/** Splits rows into new ones and outcomes for those an earlier import already stored. */
export async function sortOutPreviouslyImported<T>(
  trx: Knex,
  rows: readonly ImportedRow<T>[],
): Promise<{ fresh: ImportedRow<T>[]; outcomes: RowOutcome[] }> {
  // None to look up (a chunk of a new file has no row already rated): no round trip.
  if (rows.length === 0) return { fresh: [], outcomes: [] };
  // One array parameter, not an IN list of ten thousand placeholders.
  const found = await trx.raw<{
    rows: { source_key: string; fingerprint: string; evaluation_id: string; row_number: number }[];
  }>(
    `select source_key, fingerprint, evaluation_id, row_number from imported_ratings
      where source_key = ${ANY_OF_TEXT_LIST}`,
    [textArrayLiteral(rows.map((row) => row.sourceKey))],
  );
  const stored = found.rows;
  const byKey = new Map(stored.map((row) => [row.source_key, row]));
  const fresh: ImportedRow<T>[] = [];
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    const earlier = byKey.get(row.sourceKey);
    if (!earlier) fresh.push(row);
    else if (earlier.fingerprint === row.fingerprint) {
      outcomes.push({ rowNumber: row.rowNumber, status: 'skipped', evaluationId: earlier.evaluation_id });
    } else {
      const error = new DomainError('import.row_changed_after_import', {
        evaluationId: earlier.evaluation_id,
        importedAtRow: earlier.row_number,
      });
      outcomes.push({ rowNumber: row.rowNumber, status: 'refused', error });
    }
  }
  return { fresh, outcomes };
}

export async function recordImportedRows(
  trx: Knex.Transaction,
  importId: string,
  ledger: 'evaluations' | 'subject_evaluations',
  rows: readonly ImportedRow<{ id: string }>[],
): Promise<void> {
  if (rows.length === 0) return;
  await copyRows(
    trx,
    'imported_ratings',
    ['source_key', 'ledger', 'evaluation_id', 'import_id', 'row_number', 'fingerprint'],
    rows.map((row) => [row.sourceKey, ledger, row.evaluation.id, importId, row.rowNumber, row.fingerprint]),
  );
}

/**
 * Under the lock, rows dated after the window of a 办件 recorded 未评 (art. 10) are refused: where 未评 is
 * recorded too (workers/invitation-unrated.ts), so it cannot change meanwhile; a row dated within the window
 * counts (a paper form filled in on the spot, imported later). Not needed before the lock: each row was judged
 * by the window's end, and one recorded since is refused by the ledger's statement check
 * (evaluations_not_after_unrated), which sends the chunk here.
 */
async function refuseRecordedUnrated(
  trx: Knex,
  { fresh, outcomes }: { fresh: ImportedRow<NewEvaluation>[]; outcomes: RowOutcome[] },
): Promise<{ fresh: ImportedRow<NewEvaluation>[]; outcomes: RowOutcome[] }> {
  const found = await trx.raw<{ rows: { service_record_id: string; window_closed_at: Date }[] }>(
    `select service_record_id, window_closed_at from unrated_service_records
      where service_record_id = ${ANY_OF_TEXT_LIST}`,
    [textArrayLiteral(fresh.map((row) => row.evaluation.serviceRecordId))],
  );
  const closedAt = new Map(found.rows.map((row) => [row.service_record_id, row.window_closed_at]));
  const tooLate = (row: ImportedRow<NewEvaluation>) => {
    const closes = closedAt.get(row.evaluation.serviceRecordId);
    return closes !== undefined && isAfterRatingWindow(closes, row.evaluation.ratedAt);
  };
  for (const row of fresh.filter(tooLate)) {
    const error = new DomainError('evaluation.window_closed', { recordedUnrated: true });
    outcomes.push({ rowNumber: row.rowNumber, status: 'refused', error });
  }
  return { fresh: fresh.filter((row) => !tooLate(row)), outcomes };
}

async function alreadyRated(trx: Knex, rows: readonly ImportedRow<NewEvaluation>[]) {
  const rated = await trx.raw<{ rows: { key: string }[] }>(
    `select service_record_id || ':' || target as key from evaluations where service_record_id = ${ANY_OF_TEXT_LIST}`,
    [textArrayLiteral(rows.map((row) => row.evaluation.serviceRecordId))],
  );
  return new Set(rated.rows.map((row) => row.key));
}

/**
 * The checks of a chunk against the ledger: rows whose 办件 already has a rating of that target are skipped or
 * refused as changed when an earlier import stored them, else refused as duplicates (art. 9). Only rows already
 * rated are looked up among earlier imports: a row an import stored is rated by it. Under the lock
 * (appendImportedChunk) or before it (planImportedChunk); the rest come back `fresh`.
 */
async function checkChunk(
  db: Knex,
  rows: readonly ImportedRow<NewEvaluation>[],
): Promise<{ fresh: ImportedRow<NewEvaluation>[]; outcomes: RowOutcome[] }> {
  const rated = await alreadyRated(db, rows);
  const isRated = (row: ImportedRow<NewEvaluation>) =>
    rated.has(`${row.evaluation.serviceRecordId}:${row.evaluation.target}`);
  const { fresh: byOtherChannels, outcomes } = await sortOutPreviouslyImported(db, rows.filter(isRated));
  for (const row of byOtherChannels) {
    const error = new DomainError('evaluation.duplicate', {
      serviceRecordId: row.evaluation.serviceRecordId,
    });
    outcomes.push({ rowNumber: row.rowNumber, status: 'refused', error });
  }
  return { fresh: rows.filter((row) => !isRated(row)), outcomes };
}

/** One chunk in one transaction under the ledger lock; returns an outcome for every row, in row order. */
export async function appendImportedChunk(
  db: Db,
  importId: string,
  rows: readonly ImportedRow<NewEvaluation>[],
): Promise<RowOutcome[]> {
  return db.transaction(async (trx) => {
    let previousHash = await lockLedgerHead(trx);
    const { fresh, outcomes } = await refuseRecordedUnrated(trx, await checkChunk(trx, rows));
    const grouped = await recordsInBatchOrTheme(
      trx,
      fresh.map((row) => row.evaluation.serviceRecordId),
    );
    let pending: ImportedRow<NewEvaluation>[] = [];
    const stored: ImportedRow<NewEvaluation>[] = [];
    const flush = async () => {
      previousHash = await insertChainedEvaluations(
        trx,
        pending.map((row) => row.evaluation),
        previousHash,
      );
      stored.push(...pending);
      pending = [];
    };
    for (const row of fresh) {
      const { evaluation } = row;
      if (grouped.has(evaluation.serviceRecordId)) {
        await flush();
        try {
          previousHash = await trx.transaction((savepoint) =>
            writeRating(savepoint, evaluation, previousHash),
          );
          stored.push(row);
        } catch (error: unknown) {
          if (!(error instanceof DomainError)) throw error;
          outcomes.push({ rowNumber: row.rowNumber, status: 'refused', error });
        }
      } else pending.push(row);
    }
    await flush();
    await recordImportedRows(trx, importId, 'evaluations', stored);
    for (const row of stored) {
      outcomes.push(storedOutcome(row));
    }
    return outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  });
}

/** A chunk checked before the ledger lock (planImportedChunk), for appendPlannedChunk. */
export interface ChunkPlan {
  rows: readonly ImportedRow<NewEvaluation>[];
  /** Rows already decided: skipped as imported before, or refused. */
  outcomes: RowOutcome[];
  /** Rows to write, in row order. */
  fresh: ImportedRow<NewEvaluation>[];
  /** Some 办件 of the chunk is in a batch or theme: the chunk goes the careful way, row by row. */
  careful: boolean;
}

/** The checks of appendImportedChunk, made outside the lock and outside a transaction. */
export async function planImportedChunk(
  db: Db,
  rows: readonly ImportedRow<NewEvaluation>[],
): Promise<ChunkPlan> {
  const grouped = await recordsInBatchOrTheme(
    db,
    rows.map((row) => row.evaluation.serviceRecordId),
  );
  if (grouped.size > 0) return { rows, outcomes: [], fresh: [], careful: true };
  return { rows, ...(await checkChunk(db, rows)), careful: false };
}

/**
 * Writes a planned chunk in one transaction under the ledger lock; returns an outcome for every row, in
 * row order. A unique key refusing a row means the plan went stale: the chunk is done again the careful way.
 */
export async function appendPlannedChunk(db: Db, importId: string, plan: ChunkPlan): Promise<RowOutcome[]> {
  if (plan.careful) return appendImportedChunk(db, importId, plan.rows);
  // Nothing new (a file imported again): nothing to write, so no reason to hold the lock ratings wait on.
  if (plan.fresh.length === 0) return plan.outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  try {
    return await db.transaction(async (trx) => {
      await insertChainedEvaluations(
        trx,
        plan.fresh.map((row) => row.evaluation),
        await lockLedgerHead(trx),
      );
      await recordImportedRows(trx, importId, 'evaluations', plan.fresh);
      return [...plan.outcomes, ...plan.fresh.map(storedOutcome)].sort((a, b) => a.rowNumber - b.rowNumber);
    });
  } catch (error: unknown) {
    // A row taken meanwhile (a unique key), or a 办件 recorded 未评 meanwhile (the ledger's statement check).
    if (!isUniqueViolation(error) && !isCheckViolation(error, 'evaluations_not_after_unrated')) throw error;
    return appendImportedChunk(db, importId, plan.rows);
  }
}
