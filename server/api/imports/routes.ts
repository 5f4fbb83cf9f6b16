// Importing ratings from Excel files in the task list (docs/imports.md), as `hcp import` does, for supervisors
// (政务服务管理部门, who collect paper forms, 综合点评 and 监督查评) and admins:
//   GET  /api/imports                    the latest runs, newest first (未完成: running, or broken off)
//   GET  /api/imports/templates/:kind    the empty template of paper-forms, public-comments or surveys (.xlsx)
//   POST /api/imports/:kind              one .xlsx (multipart field `file`; `archive=true`, admins only): the report
// Row by row, as the CLI: each bad row is refused alone with its row number, error id and Chinese message, the
// good rows are stored, the same file imported again stores nothing twice. A district supervisor's rows must
// rate 办件 or subjects of their jurisdiction (ImportRequest.jurisdiction); a city supervisor's and an admin's
// may rate any. A file refused as a whole (not a workbook, a column missing) records nothing.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { cleanFileName } from '../../../domain/attachments/file-types.ts';
import { ERROR_CATALOGUE } from '../../errors.ts';
import { receiveUpload } from '../../file-upload.ts';
import { currentUser, requireRole } from '../../auth/middleware.ts';
import { limitingJurisdiction } from '../../auth/jurisdiction.ts';
import { contentDisposition } from '../attachments/presenter.ts';
import {
  createFileImports,
  isFileImportKind,
  type FileImportKind,
} from '../../../infra/imports/file-imports.ts';
import { recentImportRuns, type ImportReport } from '../../../infra/imports/import-run.ts';
import { templateWorkbook, TEMPLATE_FILE_NAMES } from '../../../infra/imports/templates.ts';
import { newRecordId } from '../../../infra/record-ids.ts';
import type { CalendarProvider } from '../../../infra/calendar-provider.ts';
import type { Db } from '../../../infra/db.ts';
import type { Protector } from '../../../infra/protector.ts';
import type { SessionUser } from '../../auth/session-user.ts';

/**
 * Data rows per uploaded file (a month of a hall's paper forms is a few thousand): the reader thread holds the
 * workbook in memory, about 300 MB for this many rows (infra/imports/sheet-reader-thread.ts). `hcp import` has
 * no such limit.
 */
export const MAX_UPLOAD_ROWS = 50_000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const runsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
/** The form's fields beside the file: an archive is asked for by `true` exactly (it opens no case), or not at all. */
const uploadFields = z.strictObject({ archive: z.enum(['true', 'false']).optional() });

function importKind(value: unknown): FileImportKind {
  if (!isFileImportKind(value)) throw new DomainError('import.unknown_kind', { kind: value });
  return value;
}

/** A district supervisor's departments, which their rows and runs are limited to; none for the rest. */
async function jurisdictionOf(db: Db, user: SessionUser): Promise<ReadonlySet<string> | undefined> {
  const departments = await limitingJurisdiction(db, user);
  return departments && new Set(departments);
}

/** The report with each refused row's Chinese message beside its error id, as the CLI prints it. */
function presentReport(report: ImportReport) {
  return {
    ...report,
    refused: report.refused.map((row) => ({
      ...row,
      message: ERROR_CATALOGUE[row.errorId].message,
    })),
  };
}

export function importRoutes(deps: {
  db: Db;
  protector: Protector;
  clock: () => Date;
  calendars: CalendarProvider;
  /** Pokes the case starter: the 差评 among the stored rows opened their cases (art. 16). */
  onCaseOpened: () => void;
  /** After commit: the fraud check of a stored rating (art. 23), as for every rating taken in. */
  onEvaluationStored?: ((id: string) => void) | undefined;
}): Router {
  const { db } = deps;
  const imports = createFileImports({
    db,
    protector: deps.protector,
    clock: deps.clock,
    newId: newRecordId,
    workingCalendar: () => deps.calendars.current(),
    onRatingsStored: (ids) => {
      for (const id of ids) deps.onEvaluationStored?.(id);
    },
  });
  const router = Router();
  router.use('/imports', requireRole('supervisor', 'admin'));

  router.get('/imports', async (request, response) => {
    const { limit } = runsQuery.parse(request.query);
    // A district supervisor's: the runs of their jurisdiction's staff (not the CLI's, nor another district's).
    const jurisdiction = await jurisdictionOf(db, currentUser(response));
    response.json({ runs: await recentImportRuns(db, limit, jurisdiction) });
  });

  router.get('/imports/templates/:kind', async (request, response) => {
    const kind = importKind(request.params.kind);
    response
      .type(XLSX_TYPE)
      .set('content-disposition', contentDisposition(TEMPLATE_FILE_NAMES[kind]))
      .send(await templateWorkbook(kind));
  });

  router.post('/imports/:kind', async (request, response) => {
    // The body is read first, whatever follows: answering before it is consumed breaks the client's send.
    const file = await receiveUpload(request, response);
    const kind = importKind(request.params.kind);
    const user = currentUser(response);
    if (!file || file.size === 0) throw new DomainError('attachment.file_required');
    const archive = uploadFields.parse(request.body ?? {}).archive === 'true';
    // An archive's 差评 open no case: a migration of what was handled before, not a supervisor's routine.
    if (archive && user.role !== 'admin') throw new DomainError('auth.forbidden', { need: ['admin'] });
    const report = await imports.run(kind, {
      file: file.buffer,
      fileName: cleanFileName(file.originalname),
      importedBy: user.id,
      archive,
      jurisdiction: await jurisdictionOf(db, user),
      maxRows: MAX_UPLOAD_ROWS,
    });
    if (report.casesOpened > 0) deps.onCaseOpened();
    response.json(presentReport(report));
  });
  return router;
}
