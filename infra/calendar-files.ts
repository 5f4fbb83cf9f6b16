// Reads the calendar data files (calendars/cn/<year>.json, calendars/regions/<region>.json), validates all
// of them together and returns them ready for createWorkingCalendar. Any problem refuses the whole set, with
// messages naming the file, the day and the rule.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CALENDARS_DIR } from '../calendars/index.ts';
import {
  CalendarDataError,
  validateCalendarData,
  type CalendarFileLabels,
  type CalendarIssue,
  type ValidCalendarData,
} from '../domain/calendar/index.ts';
import { errorMessage } from './error-message.ts';

export const DEFAULT_CALENDAR_DIR = CALENDARS_DIR;

export interface CalendarFiles extends ValidCalendarData {
  /** File names relative to the calendar directory, index-aligned with national / regional. */
  labels: Required<CalendarFileLabels>;
}

interface RawFile {
  label: string;
  stem: string;
  data: unknown;
}

function listJson(dir: string, sub: string): string[] {
  try {
    return readdirSync(join(dir, sub))
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error: unknown) {
    // A missing regions/ folder just means no regional layer; a missing cn/ is reported by the caller.
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
}

function readJsonFiles(dir: string, sub: string, issues: CalendarIssue[]): RawFile[] {
  const files: RawFile[] = [];
  for (const name of listJson(dir, sub)) {
    const label = `${sub}/${name}`;
    try {
      files.push({
        label,
        stem: name.slice(0, -'.json'.length),
        data: JSON.parse(readFileSync(join(dir, sub, name), 'utf8')),
      });
    } catch (error: unknown) {
      const reason = errorMessage(error);
      issues.push({ id: 'calendar.invalid_json', file: label, message: `无法读取或解析 JSON：${reason}` });
    }
  }
  return files;
}

/** The file name must say what the file holds, so a reviewer finds a year or region where expected. */
function checkFileNames(national: RawFile[], regional: RawFile[], issues: CalendarIssue[]): void {
  const fieldOf = (data: unknown, key: string): unknown =>
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  for (const file of national) {
    const year = fieldOf(file.data, 'year');
    if (year !== undefined && String(year) !== file.stem) {
      issues.push({
        id: 'calendar.file_name_mismatch',
        file: file.label,
        path: '/year',
        message: `文件名应与年份一致：year 为 ${String(year)}，文件却叫 ${file.stem}.json`,
      });
    }
  }
  for (const file of regional) {
    const region = fieldOf(file.data, 'region');
    if (region !== undefined && region !== file.stem) {
      issues.push({
        id: 'calendar.file_name_mismatch',
        file: file.label,
        path: '/region',
        message: `文件名应与地区代码一致：region 为 ${String(region)}，文件却叫 ${file.stem}.json`,
      });
    }
  }
}

/**
 * Loads and validates every notice in cn/ and every regional layer in regions/ (applied in file-name order).
 * Throws CalendarDataError listing all issues; returns nothing partial.
 */
export function loadCalendarFiles(dir: string = DEFAULT_CALENDAR_DIR): CalendarFiles {
  const issues: CalendarIssue[] = [];
  const national = readJsonFiles(dir, 'cn', issues);
  const regional = readJsonFiles(dir, 'regions', issues);
  if (national.length === 0 && issues.length === 0) {
    issues.push({
      id: 'calendar.invalid_json',
      file: 'cn/',
      message: `目录 ${join(dir, 'cn')} 中没有任何全国放假通知文件`,
    });
  }
  checkFileNames(national, regional, issues);
  const labels = {
    national: national.map((file) => file.label),
    regional: regional.map((file) => file.label),
  };
  const validated = validateCalendarData(
    { national: national.map((file) => file.data), regional: regional.map((file) => file.data) },
    labels,
  );
  if (!validated.ok) issues.push(...validated.issues);
  if (issues.length > 0 || !validated.ok) throw new CalendarDataError(issues);
  return { ...validated.value, labels };
}
