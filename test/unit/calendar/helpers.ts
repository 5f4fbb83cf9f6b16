// Shared test helpers for the calendar tests: the real data files, calendars built from them, child processes
// under a chosen TZ.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createWorkingCalendar,
  epochDayFromCivil,
  formatEpochDay,
  tryParseIsoDate,
} from '../../../domain/calendar/index.ts';
import type { IsoDate, NoticeFile, RegionFile, WorkingCalendar } from '../../../domain/calendar/index.ts';
import { loadCalendarFiles, type CalendarFiles } from '../../../infra/calendar-files.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let cachedFiles: CalendarFiles | undefined;

/** The validated files of the repository's calendars/ directory. */
export function realCalendarFiles(): CalendarFiles {
  cachedFiles ??= loadCalendarFiles();
  return cachedFiles;
}

/** A private copy of one year's real notice, for tests that break it on purpose. */
export function realNotice(year: number): NoticeFile {
  const notice = realCalendarFiles().national.find((candidate) => candidate.year === year);
  if (notice === undefined) throw new Error(`no notice for ${year} in calendars/cn`);
  return structuredClone(notice);
}

/**
 * The real notices of 2021–2026 only (plus the given regional layers): tests that need "a year without a
 * notice" use 2027 and must keep passing once calendars/cn/2027.json is added.
 */
export function calendarWithNotices(
  years: readonly number[] = [2021, 2022, 2023, 2024, 2025, 2026],
  regional: RegionFile[] = [],
): WorkingCalendar {
  return createWorkingCalendar({ national: years.map(realNotice), regional });
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const first = tryParseIsoDate(from) as number;
  const last = tryParseIsoDate(to) as number;
  return Array.from({ length: last - first + 1 }, (_, index) => formatEpochDay(first + index));
}

export function dateOf(year: number, month: number, day: number): IsoDate {
  return formatEpochDay(epochDayFromCivil(year, month, day));
}

/** Runs a TypeScript script of this folder in a child Node process with the given TZ; returns its stdout. */
export function runScriptUnderTimeZone(scriptFile: string, timeZone: string): string {
  const script = fileURLToPath(new URL(scriptFile, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, TZ: timeZone },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${scriptFile} under TZ=${timeZone} failed (${String(result.status)}): ${result.stderr}`);
  }
  return result.stdout;
}
