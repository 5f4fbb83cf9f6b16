// `hcp calendar load <file> --by <name>`: load next year's holiday notice (or a regional layer) into the
// running system, then recompute every provisional due date and move it in the engine.
// `hcp calendar load <file> --check`: only check the file (against calendars/; no database, no engine).
// `hcp calendar recompute [--by <name>]`: the same recomputation alone, and a retry of the engine moves
// that an earlier run could not make. Both are idempotent.
// Database: DATABASE_URL, else the embedded one of `npm start`; engine: ENGINE_URL or ENGINE_PORT.
// Exit codes: 0 done (or, with --check, the file passes); 1 stored, but some engine moves are still queued
// (run `hcp calendar recompute` again), or the database could not be reached; 2 the file was refused (the
// message names the day and the rule) or the arguments are wrong.
import { readFileSync } from 'node:fs';
import { CalendarDataError } from '../domain/calendar/index.ts';
import { shanghaiDateTimeText } from '../domain/calendar/shanghai-time.ts';
import { STAGE_LABELS, isSlaStage } from '../domain/case/sla-policy.ts';
import { createCalendarProvider, type CalendarProvider } from '../infra/calendar-provider.ts';
import { checkNoticeFile, loadNotice, type NoticeLoadDeps } from '../infra/calendar-notices.ts';
import { loadCalendarFiles, type CalendarFiles } from '../infra/calendar-files.ts';
import { engineCredentials, engineRestUrl } from '../infra/config.ts';
import { commandConfig } from './command-config.ts';
import { createDb } from '../infra/db.ts';
import { createEngineClient } from '../infra/engine-rest.ts';
import { appDatabaseUrl } from '../infra/postgres.ts';
import { recomputeProvisionalDeadlines, type RecomputeSummary } from '../infra/sla-recompute.ts';
import type { CommandOutput } from './calendar.ts';
import { UsageProblem, parseOptions } from './arguments.ts';
import { errorMessage } from '../infra/error-message.ts';

const EXIT_OK = 0;
const EXIT_INCOMPLETE = 1;
const EXIT_REFUSED = 2;

const USAGE = [
  '用法：',
  '  hcp calendar load <文件.json> --by <载入人>   载入放假通知（或地方调整文件），并重新计算暂定期限',
  '  hcp calendar load <文件.json> --check         只校验文件（对照 calendars/ 目录），不载入、不需要数据库',
  '  hcp calendar recompute [--by <操作人>]        重新计算暂定期限，并重试未能同步到流程引擎的期限',
];

export interface CalendarLoadOptions {
  environment?: NodeJS.ProcessEnv;
  /** Directory holding cn/ and regions/; defaults to the repository's calendars/. */
  calendarDir?: string;
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    throw new UsageProblem(`无法读取文件「${path}」：${errorMessage(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    const reason = errorMessage(error);
    throw new CalendarDataError([
      { id: 'calendar.invalid_json', file: path, message: `不是有效的 JSON：${reason}` },
    ]);
  }
}

function printRecompute(summary: RecomputeSummary, out: CommandOutput): number {
  out.log(
    `暂定期限：检查 ${summary.clocksChecked} 个，重新计算后变更 ${summary.clocksRecomputed} 个，仍为暂定 ${summary.stillProvisional} 个`,
  );
  const { invitations } = summary;
  out.log(
    `暂定评价期限：检查 ${invitations.checked} 个，重新计算后变更 ${invitations.recomputed} 个，仍为暂定 ${invitations.stillProvisional} 个`,
  );
  out.log(
    `流程引擎：移动定时器 ${summary.timersMoved + invitations.timersMoved} 个，更新任务期限 ${summary.tasksUpdated} 个`,
  );
  const failures = summary.failures.length + invitations.failures.length;
  if (failures === 0) return EXIT_OK;
  out.error(`未能同步到流程引擎 ${failures} 个（已记录，请稍后运行 hcp calendar recompute 重试）：`);
  for (const failure of summary.failures) {
    const stage = isSlaStage(failure.stage) ? STAGE_LABELS[failure.stage] : failure.stage;
    out.error(
      `  案件 ${failure.caseId}（${stage}）应到期于 ${shanghaiDateTimeText(new Date(failure.dueAt))}（北京时间）：${failure.message}`,
    );
  }
  for (const failure of invitations.failures) {
    out.error(
      `  办件 ${failure.serviceRecordId}（评价期限）应到期于 ${shanghaiDateTimeText(new Date(failure.closesAt))}（北京时间）：${failure.message}`,
    );
  }
  return EXIT_INCOMPLETE;
}

/** What the command line asks for, checked before anything is read or connected. */
type CalendarCommandLine =
  | { command: 'recompute'; by: string | undefined }
  | { command: 'load'; file: string; by: string }
  | { command: 'check'; file: string };

/** `args` start after the word "calendar"; `--check` turns `load` into a check of the file alone. */
function parseCommandLine(args: string[]): CalendarCommandLine {
  const [command, ...rest] = args;
  const { positional, named, flags } = parseOptions(
    rest,
    ['by'],
    { by: '姓名' },
    command === 'load' ? ['check'] : [],
  );
  const { by } = named;
  if (command === 'recompute') {
    if (positional.length > 0) throw new UsageProblem(`多余的参数：${positional.join(' ')}`);
    return { command, by };
  }
  const check = flags.has('check');
  const [file, ...extra] = positional;
  if (file === undefined) throw new UsageProblem(check ? '缺少要校验的文件' : '缺少要载入的文件');
  if (extra.length > 0) throw new UsageProblem(`多余的参数：${extra.join(' ')}`);
  if (check) {
    if (by !== undefined) throw new UsageProblem('--check 只校验文件，不载入：无需 --by');
    return { command: 'check', file };
  }
  if (by === undefined) throw new UsageProblem('请用 --by <姓名> 注明载入人');
  return { command: 'load', file, by };
}

async function run(
  line: Exclude<CalendarCommandLine, { command: 'check' }>,
  out: CommandOutput,
  deps: NoticeLoadDeps,
): Promise<number> {
  if (line.command === 'recompute') {
    return printRecompute(await recomputeProvisionalDeadlines(deps, line.by), out);
  }
  const { file, by } = line;
  const { load, recompute } = await loadNotice(deps, readJsonFile(file), by);
  const what = load.kind === 'notice' ? `${load.year} 年全国放假通知` : `地区「${load.region}」的调整文件`;
  out.log(
    load.alreadyLoaded
      ? `${what}与已载入的 #${load.id}（${load.loadedBy}）完全相同，未重复保存`
      : `已载入${what}：#${load.id}，载入人 ${load.loadedBy}，${shanghaiDateTimeText(load.loadedAt)}（北京时间）`,
  );
  return printRecompute(recompute, out);
}

/** `load <file> --check`: the file's own rules and its fit with calendars/, nothing stored. */
function checkOnly(file: string, out: CommandOutput, options: CalendarLoadOptions): number {
  let files: CalendarFiles;
  try {
    files = loadCalendarFiles(options.calendarDir);
  } catch (error: unknown) {
    if (!(error instanceof CalendarDataError)) throw error;
    out.error(`calendars/ 目录中的日历文件有误，请先修正：\n${error.message}`);
    return EXIT_INCOMPLETE;
  }
  const checked = checkNoticeFile(files, readJsonFile(file));
  const what =
    checked.kind === 'notice' ? `${checked.year} 年全国放假通知` : `地区「${checked.region}」的调整文件`;
  out.log(`校验通过：${what}（未载入；载入时还会对照数据库中已载入的通知再校验一次）`);
  return EXIT_OK;
}

function refused(error: unknown, out: CommandOutput): number | undefined {
  if (error instanceof UsageProblem) {
    out.error(`错误：${error.message}`);
    for (const line of USAGE) out.error(line);
    return EXIT_REFUSED;
  }
  if (error instanceof CalendarDataError) {
    out.error(error.message);
    return EXIT_REFUSED;
  }
  return undefined;
}

/** Runs `calendar load|recompute …` (args start after the word "calendar"); returns the exit code. */
export async function runCalendarLoadCommand(
  args: string[],
  out: CommandOutput,
  options: CalendarLoadOptions = {},
): Promise<number> {
  let line: CalendarCommandLine;
  try {
    line = parseCommandLine(args);
    if (line.command === 'check') return checkOnly(line.file, out, options);
  } catch (error: unknown) {
    const code = refused(error, out);
    if (code === undefined) throw error;
    return code;
  }
  const config = commandConfig(out, options.environment);
  if (!config) return EXIT_INCOMPLETE;
  const db = createDb(appDatabaseUrl(config), 2);
  try {
    let calendars: CalendarProvider;
    try {
      calendars = createCalendarProvider({
        db,
        ...(options.calendarDir ? { dir: options.calendarDir } : {}),
      });
    } catch (error: unknown) {
      // The repository's own calendars/ files are broken: not the loaded file's fault.
      if (!(error instanceof CalendarDataError)) throw error;
      out.error(`calendars/ 目录中的日历文件有误，请先修正：\n${error.message}`);
      return EXIT_INCOMPLETE;
    }
    const engine = createEngineClient({
      baseUrl: engineRestUrl(config),
      credentials: engineCredentials(config),
    });
    return await run(line, out, { db, engine, calendars, clock: () => new Date() });
  } catch (error: unknown) {
    const code = refused(error, out);
    if (code !== undefined) return code;
    out.error(`未完成：${errorMessage(error)}`);
    return EXIT_INCOMPLETE;
  } finally {
    await db.destroy();
  }
}
