// The three file imports by the name a user picks (`hcp import <kind>`, POST /api/imports/<kind>): paper forms
// into the ratings ledger, 综合点评 and 监督查评 into the sibling ledger (docs/imports.md).
import { createPaperFormImport, type PaperFormImportDeps } from './paper-form-import.ts';
import { createSubjectImport } from './subject-import.ts';
import type { ImportReport, ImportRequest } from './import-run.ts';

export const FILE_IMPORT_KINDS = ['paper-forms', 'public-comments', 'surveys'] as const;
export type FileImportKind = (typeof FILE_IMPORT_KINDS)[number];

export function isFileImportKind(value: unknown): value is FileImportKind {
  return (FILE_IMPORT_KINDS as readonly unknown[]).includes(value);
}

/** What the imports need: the paper forms' needs (the calendar too, art. 10) cover the subjects'. */
export type FileImportDeps = Omit<PaperFormImportDeps, 'chunkSize'>;

export function createFileImports(deps: FileImportDeps) {
  const paperForms = createPaperFormImport(deps);
  const subjects = createSubjectImport(deps);
  return {
    run(kind: FileImportKind, request: ImportRequest): Promise<ImportReport> {
      if (kind === 'paper-forms') return paperForms.run(request);
      return subjects.run(kind === 'surveys' ? 'supervision-survey' : 'public-comment', request);
    },
  };
}
