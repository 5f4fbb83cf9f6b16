// Paper rating forms (书面评价表) from an .xlsx sheet into the ratings ledger. Each row is read
// (domain/imports/paper-form-sheet.ts), judged by the rules of the rating API (prepareEvaluation: art. 8,
// the 办件 exists, platform, art. 10) against the 办件 loaded for each chunk in one query, and the
// good rows are appended many at a time (infra/stores/imported-evaluations.ts: art. 9 and duplicates checked
// before the ledger lock and made sure of by its unique keys, the same hash chain, contacts encrypted). A row is keyed by its 办件 and target, so a
// file imported again stores nothing twice.
import { prepareEvaluation, type NewEvaluation } from '../../domain/evaluation/intake.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  PAPER_FORM_LAYOUT,
  formRatedAt,
  readPaperFormRow,
  type PaperFormRating,
} from '../../domain/imports/paper-form-sheet.ts';
import {
  appendPlannedChunk,
  IMPORT_CHUNK,
  planImportedChunk,
  sortOutPreviouslyImported,
  type ImportedRow,
  type RowOutcome,
} from '../stores/imported-evaluations.ts';
import { recordOwners, serviceRecordFacts, type RecordOwners } from '../stores/service-record-facts.ts';
import { presetTagsEverOffered } from '../stores/preset-tag-store.ts';
import { withTagsAsOffered, type PresetTag } from '../../domain/evaluation/tags.ts';
import { readSheetOffThread } from './sheet-reader-thread.ts';
import {
  checkImportedBy,
  checkWithinJurisdiction,
  opensCaseIn,
  finishImportRun,
  refusal,
  startImportRun,
  type ImportReport,
  type ImportRequest,
  type RefusedRow,
} from './import-run.ts';
import type { WorkingCalendar } from '../../domain/calendar/types.ts';
import type { SheetRow } from '../../domain/imports/cells.ts';
import type { Db } from '../db.ts';
import type { Protector } from '../protector.ts';

export interface PaperFormImportDeps {
  db: Db;
  protector: Protector;
  clock: () => Date;
  newId: () => string;
  workingCalendar: () => Promise<WorkingCalendar>;
  /** Rows per transaction (each holds the ledger lock). */
  chunkSize?: number;
  /**
   * The ratings a chunk stored, once it committed: the server checks them against the fraud signals (art. 23),
   * as it checks every rating it takes in. Without it (the CLI, the benchmark) `hcp fraud scan` checks them.
   */
  onRatingsStored?: ((evaluationIds: readonly string[]) => void) | undefined;
}

/**
 * Reading and judging a chunk is CPU work of a few hundred milliseconds; it pauses every few hundred rows so
 * the chunk being written meanwhile gets its answers from PostgreSQL handled (Node has one thread), and
 * PostgreSQL does not wait for it.
 */
const ROWS_BETWEEN_PAUSES = 250;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Chunks judged and waiting for their checks or their write while the next one is judged. */
const CHUNKS_AHEAD = 2;

/** What a row says, keyed (HMAC) so a re-imported row compares without a plain hash of the phone. */
function fingerprint(protector: Protector, rating: PaperFormRating): string {
  const { input, ratedOn } = rating;
  return protector.lookupHash(
    JSON.stringify([
      input.serviceRecordId,
      input.target,
      input.level,
      input.dimensions ?? null,
      input.tags,
      input.text.trim(),
      input.realName,
      input.rater?.name ?? null,
      input.rater?.phone ?? null,
      ratedOn?.at.toISOString() ?? null,
    ]),
  );
}

function storedIds(outcomes: readonly RowOutcome[]): string[] {
  const ids: string[] = [];
  for (const outcome of outcomes) if (outcome.status === 'stored') ids.push(outcome.evaluationId);
  return ids;
}

/**
 * The rows a district supervisor may import (ImportRequest.jurisdiction), the rest refused — before anything
 * is looked up for them, so that a row of another district's 办件 says nothing of its ratings. Every row when
 * the request has no jurisdiction (the CLI's, the benchmark's): no query.
 */
async function withinJurisdiction(
  db: Db,
  rows: ImportedRow<PaperFormRating>[],
  request: ImportRequest,
  refused: RefusedRow[],
): Promise<ImportedRow<PaperFormRating>[]> {
  if (!request.jurisdiction || rows.length === 0) return rows;
  const owners = await recordOwners(
    db,
    rows.map((row) => row.evaluation.input.serviceRecordId),
  );
  const ownersOf = (rating: PaperFormRating, found: RecordOwners | undefined) =>
    found && (rating.input.target === 'platform' ? (found.platform ? [found.platform] : []) : found.service);
  return rows.filter((row) => {
    try {
      const rating = row.evaluation;
      checkWithinJurisdiction(request, ownersOf(rating, owners.get(rating.input.serviceRecordId)));
      return true;
    } catch (error: unknown) {
      refused.push(refusal(row.rowNumber, error));
      return false;
    }
  });
}

export function createPaperFormImport(deps: PaperFormImportDeps) {
  const { db, protector, clock, newId } = deps;
  const chunkSize = deps.chunkSize ?? IMPORT_CHUNK;

  /**
   * Reads and judges one chunk of rows; refusals go to `refused`. A row an earlier import stored comes back as
   * its outcome (skipped, or refused as changed) before the rules are applied to it again: its rating window
   * may have closed since, and a file imported again must still skip it. The rest come back ready to append.
   */
  async function prepareChunk(
    rows: readonly SheetRow[],
    context: {
      now: Date;
      calendar: WorkingCalendar;
      presetTags: readonly PresetTag[];
      keysInFile: Set<string>;
      refused: RefusedRow[];
      request: ImportRequest;
    },
  ): Promise<{ prepared: ImportedRow<NewEvaluation>[]; earlier: RowOutcome[] }> {
    const { now, calendar, keysInFile, refused } = context;
    const keyed: ImportedRow<PaperFormRating>[] = [];
    for (const [index, row] of rows.entries()) {
      if (index % ROWS_BETWEEN_PAUSES === ROWS_BETWEEN_PAUSES - 1) await pause();
      try {
        const rating = readPaperFormRow(row, now);
        const sourceKey = `paper-form:${rating.input.serviceRecordId}:${rating.input.target}`;
        if (keysInFile.has(sourceKey)) {
          throw new DomainError('import.duplicate_in_file', {
            serviceRecordId: rating.input.serviceRecordId,
          });
        }
        keysInFile.add(sourceKey);
        keyed.push({
          rowNumber: row.rowNumber,
          sourceKey,
          fingerprint: fingerprint(protector, rating),
          evaluation: rating,
        });
      } catch (error: unknown) {
        refused.push(refusal(row.rowNumber, error));
      }
    }
    const { fresh, outcomes: earlier } = await sortOutPreviouslyImported(
      db,
      await withinJurisdiction(db, keyed, context.request, refused),
    );
    const records = await serviceRecordFacts(
      db,
      fresh.map(({ evaluation: rating }) => rating.input.serviceRecordId),
    );
    const prepared: ImportedRow<NewEvaluation>[] = [];
    for (const [index, { rowNumber, sourceKey, fingerprint, evaluation: rating }] of fresh.entries()) {
      if (index % ROWS_BETWEEN_PAUSES === ROWS_BETWEEN_PAUSES - 1) await pause();
      try {
        const record = records.get(rating.input.serviceRecordId);
        const input = withTagsAsOffered(rating.input, context.presetTags);
        const evaluation = opensCaseIn(
          context.request,
          prepareEvaluation(input, {
            record,
            ratedAt: rating.ratedOn ? formRatedAt(rating.ratedOn, record) : now,
            calendar,
            presetTags: context.presetTags,
            protector,
            id: newId(),
          }),
        );
        prepared.push({ rowNumber, sourceKey, fingerprint, evaluation });
      } catch (error: unknown) {
        refused.push(refusal(rowNumber, error));
      }
    }
    return { prepared, earlier };
  }

  /**
   * The rows of a sheet already read (the benchmark starts here); what `run` does after reading. Chunk by
   * chunk: reading and judging (Node) go straight on to the next chunk while PostgreSQL checks the chunk just
   * judged against the ledger and writes the one before it; the chunks are appended one after the other, in
   * file order, and at most CHUNKS_AHEAD wait to be written. A file never holds a 办件 and target twice, so a
   * chunk's checks cannot depend on the chunks before it.
   */
  async function importRows(rows: readonly SheetRow[], request: ImportRequest): Promise<ImportReport> {
    checkImportedBy(request.importedBy);
    const now = clock();
    const context = {
      now,
      calendar: await deps.workingCalendar(),
      presetTags: await presetTagsEverOffered(db),
      keysInFile: new Set<string>(),
      refused: [],
      request,
    };
    const run = { id: newId(), kind: 'paper-form' as const, request, at: now };
    await startImportRun(db, run);
    const outcomes: RowOutcome[] = [];
    const waiting: Promise<void>[] = [];
    let written: Promise<void> = Promise.resolve();
    try {
      for (let start = 0; start < rows.length; start += chunkSize) {
        const { prepared, earlier } = await prepareChunk(rows.slice(start, start + chunkSize), context);
        outcomes.push(...earlier);
        const planned = planImportedChunk(db, prepared);
        const before = written;
        written = (async () => {
          // The chunk before first: should it fail, its error is the import's, not a later chunk's.
          await before;
          const appended = await appendPlannedChunk(db, run.id, await planned);
          outcomes.push(...appended);
          deps.onRatingsStored?.(storedIds(appended));
        })();
        // Their failures are seen where they are awaited; until then they must not count as unhandled.
        planned.catch(() => undefined);
        written.catch(() => undefined);
        waiting.push(written);
        if (waiting.length > CHUNKS_AHEAD) await waiting.shift();
      }
      await written;
    } catch (error: unknown) {
      // Let the chunks under way settle before the error leaves (a failed write fails every one after it).
      await Promise.allSettled(waiting);
      throw error;
    }
    return finishImportRun(db, { ...run, total: rows.length, at: clock() }, context.refused, outcomes);
  }

  return {
    async run(request: ImportRequest): Promise<ImportReport> {
      checkImportedBy(request.importedBy);
      const sheet = await readSheetOffThread(request.file, PAPER_FORM_LAYOUT, {
        maxRows: request.maxRows,
      });
      return importRows(sheet.rows, request);
    },
    importRows,
  };
}
