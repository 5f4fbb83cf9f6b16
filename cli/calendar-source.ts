// The calendar `hcp calendar add|is-working` count with: the one the running system counts with. With
// DATABASE_URL set and the database reachable, that is the calendars/ files overlaid with the notices
// loaded at runtime (infra/calendar-provider.ts, as the server and workers build it); otherwise the files
// alone, with a note on standard error saying why.
import { CalendarDataError, createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/index.ts';
import { DEFAULT_CALENDAR_DIR } from '../infra/calendar-files.ts';
import { loadWorkingCalendar } from '../infra/deadlines.ts';
import { createCalendarProvider } from '../infra/calendar-provider.ts';
import { ConfigError, readConfig } from '../infra/config.ts';
import { createDb } from '../infra/db.ts';
import { errorMessage } from '../infra/error-message.ts';

export interface CalendarSourceOptions {
  /** Directory holding cn/ and regions/; defaults to the repository's calendars/. */
  calendarDir?: string;
  /** Defaults to process.env. */
  environment?: NodeJS.ProcessEnv;
}

/** An unreachable database must not keep an operator waiting long for an answer the files can give. */
const CONNECT_TIMEOUT_MS = 5_000;

const FALLBACK_NOTE = '仅按 calendars/ 目录中的文件计算（运行时载入的放假通知未计入）。';

function databaseUrlOf(environment: NodeJS.ProcessEnv, note: (line: string) => void): string | undefined {
  if (environment.DATABASE_URL === undefined || environment.DATABASE_URL === '') return undefined;
  try {
    return readConfig(environment).databaseUrl;
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    note(`提示：配置有误（${error.message}），${FALLBACK_NOTE}`);
    return undefined;
  }
}

/**
 * Throws CalendarDataError when the calendars/ files, or the files together with the loaded notices, are
 * invalid: the running system would refuse them as well, so the answer would not be its answer.
 */
export async function calendarInForce(
  options: CalendarSourceOptions,
  note: (line: string) => void,
): Promise<WorkingCalendar> {
  const dir = options.calendarDir ?? DEFAULT_CALENDAR_DIR;
  const databaseUrl = databaseUrlOf(options.environment ?? process.env, note);
  if (databaseUrl === undefined) return loadWorkingCalendar(dir);
  const db = createDb(databaseUrl, 1, { connectTimeoutMs: CONNECT_TIMEOUT_MS });
  try {
    const provider = createCalendarProvider({ db, dir });
    try {
      return await provider.current();
    } catch (error: unknown) {
      if (error instanceof CalendarDataError) throw error;
      note(`提示：无法读取数据库中已载入的放假通知（${errorMessage(error)}），${FALLBACK_NOTE}`);
      return createWorkingCalendar(provider.files, provider.files.labels);
    }
  } finally {
    await db.destroy();
  }
}
