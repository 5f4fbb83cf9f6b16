// `hcp import paper-forms|public-comments|surveys <file.xlsx> --by <name> [--archive]`: ratings from files
// into the ledgers (docs/imports.md); with --archive, a 差评 among them (handled outside this system before
// it was in use) is stored but opens no case. Row by row: bad rows are listed with their row number, error id and message
// and store nothing; the good rows are stored; importing the same or a corrected file again stores only
// what is new. `hcp import template <kind> <file.xlsx>` writes an empty template.
// Last line for scripts: `imported <stored> skipped <skipped> refused <refused>`.
// Database: DATABASE_URL, else the embedded one of `npm start`; keys: HCP_ENCRYPTION_KEY(S), as the server.
// Exit codes: 0 every row stored or skipped; 1 some rows refused, or the database could not be reached;
// 2 bad arguments, or the file as a whole was refused (not a workbook, columns missing).
import { newRecordId } from '../infra/record-ids.ts';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DomainError } from '../domain/errors.ts';
import { shanghaiDateTimeText } from '../domain/calendar/shanghai-time.ts';
import { createCalendarProvider } from '../infra/calendar-provider.ts';
import { ConfigError, readConfig } from '../infra/config.ts';
import { createDb } from '../infra/db.ts';
import { createFileImports, isFileImportKind, type FileImportKind } from '../infra/imports/file-imports.ts';
import { writeTemplate } from '../infra/imports/templates.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { createProtector } from '../infra/protector.ts';
import { ERROR_CATALOGUE } from '../server/errors.ts';
import type { ImportReport, ImportRequest } from '../infra/imports/import-run.ts';
import type { CommandOutput } from './calendar.ts';
import { UsageProblem, parseOptions } from './arguments.ts';
import { errorMessage } from '../infra/error-message.ts';

const EXIT_OK = 0;
const EXIT_REFUSED_ROWS = 1;
const EXIT_USAGE = 2;

const USAGE = [
  '用法：',
  '  hcp import paper-forms <文件.xlsx> --by <导入人>      导入书面评价表（按办件编号）',
  '  hcp import public-comments <文件.xlsx> --by <导入人>  导入综合点评（意见箱、热线、电子邮件）',
  '  hcp import surveys <文件.xlsx> --by <导入人>          导入监督查评（调查问卷）',
  '  hcp import template <paper-forms|public-comments|surveys> <文件.xlsx>  生成导入模板',
  '  加 --archive：导入历史档案，其中的差评已在系统外处理，只存证，不立案',
];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An official reads times in Beijing time: an instant among the details is shown so, not in UTC. */
function inBeijingTime(value: unknown): unknown {
  return typeof value === 'string' && INSTANT.test(value)
    ? `${shanghaiDateTimeText(value)}（北京时间）`
    : value;
}

function describe(errorId: keyof typeof ERROR_CATALOGUE, details: Record<string, unknown>): string {
  const shown = Object.fromEntries(
    Object.entries(details).map(([key, value]) => [key, inBeijingTime(value)]),
  );
  const facts = Object.keys(shown).length > 0 ? `（${JSON.stringify(shown)}）` : '';
  return `${errorId} ${ERROR_CATALOGUE[errorId].message}${facts}`;
}

function printReport(report: ImportReport, out: CommandOutput): number {
  for (const row of report.refused)
    out.log(`第 ${row.rowNumber} 行未导入：${describe(row.errorId, row.details)}`);
  out.log(
    `共 ${report.total} 行：导入 ${report.stored} 行，此前已导入而跳过 ${report.skipped} 行，未导入 ${report.refused.length} 行（导入批次 ${report.importId}）。`,
  );
  if (report.archive) out.log('历史档案导入：其中的差评已在系统外处理，只存证，未立案。');
  if (report.casesOpened > 0) {
    out.log(`其中 ${report.casesOpened} 件差评已立案，进入差评处置流程（核实、整改、反馈）。`);
  }
  if (report.refused.length > 0) out.log('请改正未导入的行后重新导入整个文件：已导入的行会跳过，不会重复。');
  out.log(`imported ${report.stored} skipped ${report.skipped} refused ${report.refused.length}`);
  return report.refused.length > 0 ? EXIT_REFUSED_ROWS : EXIT_OK;
}

async function runImport(
  kind: FileImportKind,
  request: ImportRequest,
  environment: NodeJS.ProcessEnv,
  out: CommandOutput,
): Promise<number> {
  const config = readConfig(environment);
  const db = createDb(appDatabaseUrl(config), 2);
  const protector = createProtector(config.encryptionKeys);
  const calendars = createCalendarProvider({ db });
  const imports = createFileImports({
    db,
    protector,
    clock: () => new Date(),
    newId: newRecordId,
    workingCalendar: () => calendars.current(),
  });
  try {
    return printReport(await imports.run(kind, request), out);
  } finally {
    await db.destroy();
  }
}

/** Runs `import …` (args start after the word "import"); returns the exit code. */
export async function runImportCommand(
  args: string[],
  out: CommandOutput,
  options: { environment?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  let kind: string | undefined;
  try {
    const { positional, named, flags } = parseOptions(args, ['by'], { by: '导入人' }, ['archive']);
    const { by } = named;
    const [first, path, ...extra] = positional;
    kind = first;
    if (kind === 'template') {
      const [templateKind, target] = [path, extra[0]];
      if (!isFileImportKind(templateKind) || !target) throw new UsageProblem('模板种类或文件名不对');
      await writeTemplate(templateKind, target);
      out.log(`已生成导入模板：${target}`);
      return EXIT_OK;
    }
    if (!isFileImportKind(kind) || !path || extra.length > 0) throw new UsageProblem('参数不对');
    if (by === undefined) throw new UsageProblem(describe('import.imported_by_required', {}));
    let file: Buffer;
    try {
      file = readFileSync(path);
    } catch (error: unknown) {
      throw new UsageProblem(`无法读取文件「${path}」：${errorMessage(error)}`);
    }
    return await runImport(
      kind,
      { file, fileName: basename(path), importedBy: by, archive: flags.has('archive') },
      options.environment ?? process.env,
      out,
    );
  } catch (error: unknown) {
    if (error instanceof UsageProblem) {
      out.error(`错误：${error.message}`);
      for (const line of USAGE) out.error(line);
      return EXIT_USAGE;
    }
    if (error instanceof DomainError) {
      out.error(`文件未导入：${describe(error.id, error.details)}`);
      // The message offers the page's download; here the template is a command away.
      if (error.id === 'import.missing_columns' && isFileImportKind(kind)) {
        out.error(`导入模板可用 hcp import template ${kind} <文件.xlsx> 生成。`);
      }
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      out.error(error.message);
      return EXIT_REFUSED_ROWS;
    }
    out.error(`未能导入：${errorMessage(error)}`);
    return EXIT_REFUSED_ROWS;
  }
}
