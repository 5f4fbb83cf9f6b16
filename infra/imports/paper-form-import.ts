// Paper rating forms (书面评价表) from an .xlsx sheet into the ratings ledger. Each row is read
// (domain/imports/paper-form-sheet.ts), judged by the rules of the rating API (prepareEvaluation: art. 8,
// the 办件 exists, platform, art. 10) against the 办件 loaded for the whole file in one query, and the
// good rows are appended many at a time (infra/stores/imported-evaluations.ts: art. 9 and duplicates under
// the ledger lock, the same hash chain, contacts encrypted). A row is keyed by its 办件 and target, so a
// file imported again stores nothing twice.
import {
  prepareEvaluation,
  type NewEvaluation,
  type ServiceRecordFacts,
} from '../../domain/evaluation/intake.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  PAPER_FORM_ALIASES,
  PAPER_FORM_REQUIRED_COLUMNS,
  readPaperFormRow,
  type PaperFormRating,
} from '../../domain/imports/paper-form-sheet.ts';
import { appendImportedEvaluations, type ImportedRow } from '../stores/imported-evaluations.ts';
import { readSheet } from './xlsx-sheet.ts';
import {
  checkImportedBy,
  finishImportRun,
  refusal,
  startImportRun,
  type ImportReport,
  type ImportRequest,
  type RefusedRow,
} from './import-run.ts';
import type { WorkingCalendar } from '../../domain/calendar/types.ts';
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
}

interface ServiceRecordRow {
  id: string;
  platform_id: string | null;
  completed_at: Date | null;
  promised_at: Date | null;
  theme_id: string | null;
}

async function loadServiceRecords(db: Db, ids: readonly string[]): Promise<Map<string, ServiceRecordFacts>> {
  const result = await db.raw<{ rows: ServiceRecordRow[] }>(
    `select id, platform_id, completed_at, promised_at, theme_id from service_records where id = any(?::text[])`,
    [[...new Set(ids)]],
  );
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        id: row.id,
        platformId: row.platform_id,
        completedAt: row.completed_at,
        promisedAt: row.promised_at,
        themeId: row.theme_id,
      },
    ]),
  );
}

/** What a row says, keyed (HMAC) so a re-imported row compares without a plain hash of the phone. */
function fingerprint(protector: Protector, rating: PaperFormRating): string {
  const { input, ratedAt } = rating;
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
      ratedAt?.toISOString() ?? null,
    ]),
  );
}

export function createPaperFormImport(deps: PaperFormImportDeps) {
  const { db, protector, clock, newId } = deps;
  return {
    async run(request: ImportRequest): Promise<ImportReport> {
      checkImportedBy(request.importedBy);
      const sheet = await readSheet(request.file, {
        required: PAPER_FORM_REQUIRED_COLUMNS,
        aliases: PAPER_FORM_ALIASES,
      });
      const now = clock();
      const refused: RefusedRow[] = [];
      const read: { rowNumber: number; rating: PaperFormRating }[] = [];
      for (const row of sheet.rows) {
        try {
          read.push({ rowNumber: row.rowNumber, rating: readPaperFormRow(row, now) });
        } catch (error: unknown) {
          refused.push(refusal(row.rowNumber, error));
        }
      }
      const records = await loadServiceRecords(
        db,
        read.map(({ rating }) => rating.input.serviceRecordId),
      );
      const calendar = await deps.workingCalendar();
      const prepared: ImportedRow<NewEvaluation>[] = [];
      const keysInFile = new Set<string>();
      for (const { rowNumber, rating } of read) {
        const sourceKey = `paper-form:${rating.input.serviceRecordId}:${rating.input.target}`;
        try {
          if (keysInFile.has(sourceKey)) {
            throw new DomainError('import.duplicate_in_file', {
              serviceRecordId: rating.input.serviceRecordId,
            });
          }
          keysInFile.add(sourceKey);
          const evaluation = prepareEvaluation(rating.input, {
            record: records.get(rating.input.serviceRecordId),
            ratedAt: rating.ratedAt ?? now,
            calendar,
            protector,
            id: newId(),
          });
          prepared.push({ rowNumber, sourceKey, fingerprint: fingerprint(protector, rating), evaluation });
        } catch (error: unknown) {
          refused.push(refusal(rowNumber, error));
        }
      }
      const run = { id: newId(), kind: 'paper-form' as const, request, at: now };
      await startImportRun(db, run);
      const outcomes = await appendImportedEvaluations(db, run.id, prepared, deps.chunkSize);
      return finishImportRun(db, { ...run, total: sheet.rows.length, at: clock() }, refused, outcomes);
    },
  };
}
