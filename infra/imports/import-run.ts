// What every file import shares: the record of the run (rating_imports when it starts, rating_import_results
// when it ends) and the report — every row stored, skipped (imported before, same content) or refused with
// its error id. Row by row: a bad row is refused alone, the good rows of the file are stored; the report
// lists the bad ones, and importing the corrected file again stores only what is new (docs/imports.md).
import { createHash } from 'node:crypto';
import { DomainError, type DomainErrorId } from '../../domain/errors.ts';
import type { Db } from '../db.ts';
import type { RowOutcome } from '../stores/imported-evaluations.ts';

export type ImportKind = 'paper-form' | 'public-comment' | 'supervision-survey';

export interface ImportRequest {
  file: Buffer;
  fileName: string;
  importedBy: string;
  /**
   * An archive: its 差评 were handled outside this system before it was in use, so they are stored as evidence
   * and open no case (`hcp import … --archive`). Recorded with the import.
   */
  archive?: boolean;
  /**
   * The departments whose 办件 (paper forms) or subjects (综合点评, 监督查评) the rows may rate: a district
   * supervisor's upload (server/api/imports/routes.ts). A row of another department's is refused
   * (`import.outside_jurisdiction`). Absent: any (the CLI, a city supervisor, an admin).
   */
  jurisdiction?: ReadonlySet<string>;
  /** At most this many data rows (a web upload), else `import.too_many_rows`. */
  maxRows?: number;
}

/**
 * Refuses a row rating what answers to a department outside the request's jurisdiction
 * (ImportRequest.jurisdiction); `departmentIds` undefined: not known (an unknown 办件 or subject, refused as such).
 */
export function checkWithinJurisdiction(
  request: ImportRequest,
  departmentIds: readonly string[] | undefined,
): void {
  if (!request.jurisdiction || departmentIds === undefined) return;
  const outside = departmentIds.find((departmentId) => !request.jurisdiction!.has(departmentId));
  if (outside !== undefined) throw new DomainError('import.outside_jurisdiction', { departmentId: outside });
}

/** A 差评 opens a case (art. 16) unless it comes from an archive of what was handled before. */
export function opensCaseIn<T extends { opensCase: boolean }>(request: ImportRequest, evaluation: T): T {
  return request.archive && evaluation.opensCase ? { ...evaluation, opensCase: false } : evaluation;
}

export interface RefusedRow {
  rowNumber: number;
  errorId: DomainErrorId;
  details: Record<string, unknown>;
}

export interface ImportReport {
  importId: string;
  kind: ImportKind;
  total: number;
  stored: number;
  skipped: number;
  refused: RefusedRow[];
  /** Of the stored rows, the 差评 that opened a case (art. 16): they are in the units' task lists now. */
  casesOpened: number;
  /** An archive's 差评 open no case (ImportRequest.archive). */
  archive: boolean;
}

export function refusal(rowNumber: number, error: unknown): RefusedRow {
  if (!(error instanceof DomainError)) throw error;
  return { rowNumber, errorId: error.id, details: error.details };
}

export function checkImportedBy(importedBy: string): string {
  const name = importedBy.trim();
  if (name === '') throw new DomainError('import.imported_by_required');
  if (name.length > 64) throw new DomainError('import.imported_by_too_long', { maxLength: 64 });
  return name;
}

export async function startImportRun(
  db: Db,
  run: { id: string; kind: ImportKind; request: ImportRequest; at: Date },
): Promise<void> {
  await db('rating_imports').insert({
    id: run.id,
    kind: run.kind,
    file_name: run.request.fileName,
    file_sha256: createHash('sha256').update(run.request.file).digest('hex'),
    imported_by: run.request.importedBy.trim(),
    opens_cases: !run.request.archive,
    imported_at: run.at,
  });
}

/** Merges the rows refused before the store with the store's outcomes; records the result. */
export async function finishImportRun(
  db: Db,
  run: { id: string; kind: ImportKind; request: ImportRequest; total: number; at: Date },
  refusedEarly: readonly RefusedRow[],
  outcomes: readonly RowOutcome[],
): Promise<ImportReport> {
  const refused = [...refusedEarly];
  let stored = 0;
  let skipped = 0;
  let casesOpened = 0;
  for (const outcome of outcomes) {
    if (outcome.status === 'stored') {
      stored += 1;
      if (outcome.openedCase) casesOpened += 1;
    } else if (outcome.status === 'skipped') skipped += 1;
    else refused.push(refusal(outcome.rowNumber, outcome.error));
  }
  refused.sort((a, b) => a.rowNumber - b.rowNumber);
  await db('rating_import_results').insert({
    import_id: run.id,
    rows_total: run.total,
    rows_stored: stored,
    rows_skipped: skipped,
    rows_refused: refused.length,
    finished_at: run.at,
  });
  return {
    importId: run.id,
    kind: run.kind,
    total: run.total,
    stored,
    skipped,
    refused,
    casesOpened,
    archive: Boolean(run.request.archive),
  };
}

/** One import run as the import screen lists it; `result` is null while it runs, or if it broke off. */
export interface ImportRunSummary {
  id: string;
  kind: ImportKind;
  fileName: string;
  importedBy: string;
  /** The importer's name when `importedBy` is a staff account (web uploads record the account). */
  importedByName: string | null;
  importedAt: Date;
  archive: boolean;
  result: { total: number; stored: number; skipped: number; refused: number; finishedAt: Date } | null;
}

/** The latest import runs, newest first; with `importers`, only those of staff of these departments. */
export async function recentImportRuns(
  db: Db,
  limit: number,
  importers?: ReadonlySet<string>,
): Promise<ImportRunSummary[]> {
  const query = db('rating_imports as i');
  if (importers) query.whereIn('u.department_id', [...importers]);
  const rows = await query
    .leftJoin('rating_import_results as r', 'r.import_id', 'i.id')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .orderBy([
      { column: 'i.imported_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ])
    .limit(limit)
    .select<
      {
        id: string;
        kind: ImportKind;
        file_name: string;
        imported_by: string;
        user_name: string | null;
        imported_at: Date;
        opens_cases: boolean;
        rows_total: number | null;
        rows_stored: number;
        rows_skipped: number;
        rows_refused: number;
        finished_at: Date;
      }[]
    >(
      'i.id',
      'i.kind',
      'i.file_name',
      'i.imported_by',
      'u.name as user_name',
      'i.imported_at',
      'i.opens_cases',
      'r.rows_total',
      'r.rows_stored',
      'r.rows_skipped',
      'r.rows_refused',
      'r.finished_at',
    );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    importedBy: row.imported_by,
    importedByName: row.user_name,
    importedAt: row.imported_at,
    archive: !row.opens_cases,
    result:
      row.rows_total === null
        ? null
        : {
            total: row.rows_total,
            stored: row.rows_stored,
            skipped: row.rows_skipped,
            refused: row.rows_refused,
            finishedAt: row.finished_at,
          },
  }));
}
