// 综合点评 (suggestion box, hotline, e-mail) and 监督查评 (surveys) from an .xlsx sheet into the sibling
// ledger subject_evaluations. Each row is read (domain/imports/subject-sheet.ts), judged by the rules of
// every rating (domain/evaluation/subject-rating.ts: art. 8, the channel fits the kind, the subject
// exists, loaded for the whole file at once), and the good rows are chained and appended many at a time
// (infra/stores/subject-evaluation-store.ts). A row is keyed by its kind and source reference, so a file
// imported again stores nothing twice.
import { DomainError } from '../../domain/errors.ts';
import {
  prepareSubjectEvaluation,
  type NewSubjectEvaluation,
} from '../../domain/evaluation/subject-rating.ts';
import {
  readSubjectRow,
  SUBJECT_LAYOUTS,
  type SubjectSheetRating,
} from '../../domain/imports/subject-sheet.ts';
import { appendImportedSubjectEvaluations, existingSubjects } from '../stores/subject-evaluation-store.ts';
import { readSheetOffThread } from './sheet-reader-thread.ts';
import { presetTagsEverOffered } from '../stores/preset-tag-store.ts';
import { withTagsAsOffered } from '../../domain/evaluation/tags.ts';
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
import type { SubjectEvaluationInput } from '../../domain/evaluation/subject-rating.ts';
import type { SubjectKind } from '../../domain/evaluation/subject-ledger.ts';
import type { ImportedRow } from '../stores/imported-evaluations.ts';
import type { Db } from '../db.ts';
import type { Protector } from '../protector.ts';

export interface SubjectImportDeps {
  db: Db;
  protector: Protector;
  clock: () => Date;
  newId: () => string;
  chunkSize?: number;
}

/** Everything the row says except the import's own time (a row without a date gets it). */
function fingerprint(protector: Protector, input: SubjectEvaluationInput, datedOnForm: boolean): string {
  return protector.lookupHash(
    JSON.stringify([
      input.kind,
      input.sourceRef,
      input.channel,
      input.subject,
      input.level,
      input.dimensions ?? null,
      input.tags,
      input.text.trim(),
      input.realName,
      input.rater?.name ?? null,
      input.rater?.phone ?? null,
      datedOnForm ? input.ratedAt.toISOString() : null,
    ]),
  );
}

export function createSubjectImport(deps: SubjectImportDeps) {
  const { db, protector, clock, newId } = deps;
  return {
    async run(kind: SubjectKind, request: ImportRequest): Promise<ImportReport> {
      const recordedBy = checkImportedBy(request.importedBy);
      const sheet = await readSheetOffThread(request.file, SUBJECT_LAYOUTS[kind], {
        maxRows: request.maxRows,
      });
      const now = clock();
      const refused: RefusedRow[] = [];
      const read: ({ rowNumber: number } & SubjectSheetRating)[] = [];
      for (const row of sheet.rows) {
        try {
          read.push({ rowNumber: row.rowNumber, ...readSubjectRow(row, kind, now) });
        } catch (error: unknown) {
          refused.push(refusal(row.rowNumber, error));
        }
      }
      const presetTags = await presetTagsEverOffered(db);
      const subjects = await existingSubjects(
        db,
        read.map(({ input }) => input.subject),
      );
      const prepared: ImportedRow<NewSubjectEvaluation>[] = [];
      const keysInFile = new Set<string>();
      for (const { rowNumber, input, datedOnForm } of read) {
        const sourceKey = `${kind}:${input.sourceRef}`;
        try {
          if (keysInFile.has(sourceKey)) {
            throw new DomainError('import.duplicate_in_file', { sourceRef: input.sourceRef });
          }
          keysInFile.add(sourceKey);
          const subjectKey = `${input.subject.type}:${input.subject.id}`;
          const department = subjects.get(subjectKey);
          checkWithinJurisdiction(request, department === undefined ? undefined : [department]);
          const offered = withTagsAsOffered(input, presetTags);
          const evaluation = opensCaseIn(
            request,
            prepareSubjectEvaluation(offered, {
              subjectExists: subjects.has(subjectKey),
              presetTags,
              protector,
              id: newId(),
              recordedBy,
            }),
          );
          prepared.push({
            rowNumber,
            sourceKey,
            fingerprint: fingerprint(protector, input, datedOnForm),
            evaluation,
          });
        } catch (error: unknown) {
          refused.push(refusal(rowNumber, error));
        }
      }
      const run = { id: newId(), kind, request, at: now };
      await startImportRun(db, run);
      const outcomes = await appendImportedSubjectEvaluations(db, run.id, prepared, deps.chunkSize);
      return finishImportRun(db, { ...run, total: sheet.rows.length, at: clock() }, refused, outcomes);
    },
  };
}
