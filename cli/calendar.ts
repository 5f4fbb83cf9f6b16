// `hcp calendar …`: working-day arithmetic from the command line, with the calendar the running system
// uses: calendars/ and, when DATABASE_URL is set and reachable, the notices loaded at runtime
// (cli/calendar-source.ts); the files alone otherwise.
//   calendar add <YYYY-MM-DD> <N>    the N-th working day after the date ("YYYY-MM-DD" or "YYYY-MM-DD provisional")
//   calendar is-working <YYYY-MM-DD>  "true" or "false"
// The answer is always alone on the last line of standard output; explanations go to standard error.
// Exit codes: 0 answered; 1 the calendar data (calendars/, or with the loaded notices) is invalid; 2 bad
// arguments (message in Chinese).
import {
  CalendarDataError,
  CalendarUsageError,
  tryParseIsoDate,
  type WorkingCalendar,
} from '../domain/calendar/index.ts';
import { calendarInForce, type CalendarSourceOptions } from './calendar-source.ts';

export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

export type CalendarCommandOptions = CalendarSourceOptions;

const EXIT_OK = 0;
const EXIT_DATA_ERROR = 1;
const EXIT_USAGE = 2;
/** Ten years of working days is far beyond any time limit; a larger N is a typing mistake. */
const MAX_WORKING_DAYS = 3650;

const USAGE = [
  '用法：',
  '  hcp calendar add <YYYY-MM-DD> <N>     输出该日之后第 N 个工作日（不含该日本身；N 为 0–3650 的整数）',
  '  hcp calendar is-working <YYYY-MM-DD>  输出 true 或 false',
];

class UsageProblem extends Error {}

function parseDate(text: string | undefined): string {
  if (text === undefined) throw new UsageProblem('缺少日期参数');
  if (tryParseIsoDate(text) === undefined) {
    throw new UsageProblem(`日期「${text}」无效：请写成 YYYY-MM-DD，并且是真实存在的日期（例如 2026-02-28）`);
  }
  return text;
}

function parseWorkingDays(text: string | undefined): number {
  if (text === undefined) throw new UsageProblem('缺少工作日数 N');
  if (/^-\d+$/.test(text.trim())) throw new UsageProblem(`工作日数「${text}」不能为负数`);
  if (!/^\d+$/.test(text)) throw new UsageProblem(`工作日数「${text}」必须是非负整数（如 5）`);
  const value = Number(text);
  if (value > MAX_WORKING_DAYS) {
    throw new UsageProblem(`工作日数 ${text} 过大：最多 ${MAX_WORKING_DAYS} 个工作日`);
  }
  return value;
}

function expectArgumentCount(args: string[], count: number): void {
  if (args.length > count) throw new UsageProblem(`多余的参数：${args.slice(count).join(' ')}`);
}

async function run(
  calendar: () => Promise<WorkingCalendar>,
  args: string[],
  out: CommandOutput,
): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'add': {
      const date = parseDate(rest[0]);
      const workingDays = parseWorkingDays(rest[1]);
      expectArgumentCount(rest, 2);
      const result = (await calendar()).addWorkingDaysDetailed(date, workingDays);
      if (result.provisional) {
        out.error(
          '提示：计算经过尚未载入国务院放假通知的年份（或其前一年 12 月 25 日以后、可能由该通知调整的日子），按法定节日暂定，通知发布并载入后可能变化。',
        );
      }
      out.log(result.provisional ? `${result.date} provisional` : result.date);
      return EXIT_OK;
    }
    case 'is-working': {
      const date = parseDate(rest[0]);
      expectArgumentCount(rest, 1);
      const loaded = await calendar();
      const status = loaded.isWorkingDayDetailed(date);
      if (status.provisional) {
        // A late-December day of a loaded year waits for the next year's notice, which may still decide it.
        const year = Number(date.slice(0, 4));
        const noticeYear = loaded.noticeYears.includes(year) ? year + 1 : year;
        out.error(`提示：${noticeYear} 年的国务院放假通知尚未载入，结果为暂定。`);
      }
      out.log(String(status.working));
      return EXIT_OK;
    }
    case undefined:
      throw new UsageProblem('缺少子命令');
    default:
      throw new UsageProblem(`未知的子命令「${command}」`);
  }
}

/** Runs `calendar …` (args start after the word "calendar"); returns the exit code. */
export async function runCalendarCommand(
  args: string[],
  out: CommandOutput,
  options: CalendarCommandOptions = {},
): Promise<number> {
  // Data is loaded only once the arguments are known to be good, and only if the command needs it.
  const calendar = () => calendarInForce(options, (line) => out.error(line));
  try {
    return await run(calendar, args, out);
  } catch (error: unknown) {
    if (error instanceof UsageProblem || error instanceof CalendarUsageError) {
      out.error(`错误：${error.message}`);
      for (const line of USAGE) out.error(line);
      return EXIT_USAGE;
    }
    if (error instanceof CalendarDataError) {
      out.error(error.message);
      return EXIT_DATA_ERROR;
    }
    throw error;
  }
}
