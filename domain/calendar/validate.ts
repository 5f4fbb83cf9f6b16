// Validation of a whole set of calendar data, as pure functions over parsed JSON: every file on its own
// (validate-notice.ts, validate-region.ts) and then the files against each other. Used by the factory, by the
// file loader and by whatever later accepts a new notice (API, CLI): a set with any issue is refused whole.
import type { CalendarIssue } from './errors.ts';
import { formatEpochDay, tryParseIsoDate } from './iso-date.ts';
import type { NoticeFile, RegionFile } from './types.ts';
import { validateNoticeFile, type ValidationResult } from './validate-notice.ts';
import { validateRegionFile } from './validate-region.ts';

export { validateNoticeFile, type ValidationResult } from './validate-notice.ts';
export { validateRegionFile } from './validate-region.ts';

/** File names for messages, index-aligned with data.national / data.regional. */
export interface CalendarFileLabels {
  national?: readonly (string | undefined)[];
  regional?: readonly (string | undefined)[];
}

/** What validateCalendarData accepts: parsed JSON of any shape (CalendarData is one). */
export interface UncheckedCalendarData {
  national: unknown;
  regional?: unknown;
}

export interface ValidCalendarData {
  national: NoticeFile[];
  regional: RegionFile[];
}

function validateEach<T>(
  list: unknown,
  key: 'national' | 'regional',
  labels: readonly (string | undefined)[] | undefined,
  validateOne: (data: unknown, file: string) => ValidationResult<T>,
  issues: CalendarIssue[],
): T[] {
  if (list === undefined && key === 'regional') return [];
  if (!Array.isArray(list)) {
    issues.push({ id: 'calendar.schema_violation', path: `/${key}`, message: `「${key}」应为数组` });
    return [];
  }
  const valid: T[] = [];
  list.forEach((entry: unknown, index) => {
    const result = validateOne(entry, labels?.[index] ?? `${key}[${index}]`);
    if (result.ok) valid.push(result.value);
    else issues.push(...result.issues);
  });
  return valid;
}

interface DayClaim {
  kind: 'holiday' | 'makeup';
  file: string;
}

function checkNoticesAgainstEachOther(notices: NoticeFile[], files: string[], issues: CalendarIssue[]): void {
  const yearFile = new Map<number, string>();
  const claims = new Map<string, DayClaim>();
  notices.forEach((notice, index) => {
    const file = files[index] as string;
    const earlier = yearFile.get(notice.year);
    if (earlier !== undefined) {
      issues.push({
        id: 'calendar.duplicate_year',
        file,
        path: '/year',
        message: `${notice.year} 年的全国通知已由 ${earlier} 提供：每年只能有一个通知文件（补充通知写进 amendments）`,
      });
    }
    yearFile.set(notice.year, file);
    const claim = (date: string, kind: DayClaim['kind']): void => {
      const other = claims.get(date);
      if (other !== undefined && other.kind !== kind) {
        issues.push({
          id: 'calendar.notices_conflict',
          file,
          date,
          message: `「${date}」在 ${other.file} 中是${other.kind === 'holiday' ? '放假日' : '调休上班日'}，在本文件中却是${kind === 'holiday' ? '放假日' : '调休上班日'}`,
        });
      }
      claims.set(date, { kind, file });
    };
    for (const holiday of notice.holidays) {
      // Both ends were checked by validateNoticeFile.
      const last = tryParseIsoDate(holiday.to) as number;
      for (let day = tryParseIsoDate(holiday.from) as number; day <= last; day += 1) {
        claim(formatEpochDay(day), 'holiday');
      }
    }
    for (const makeup of notice.makeupWorkdays) claim(makeup.date, 'makeup');
  });
}

function checkRegionsAgainstEachOther(regions: RegionFile[], files: string[], issues: CalendarIssue[]): void {
  const seen = new Map<string, string>();
  regions.forEach((region, index) => {
    const file = files[index] as string;
    const earlier = seen.get(region.region);
    if (earlier !== undefined) {
      issues.push({
        id: 'calendar.duplicate_region',
        file,
        path: '/region',
        message: `地区「${region.region}」已由 ${earlier} 提供：每个地区只能有一个覆盖文件`,
      });
    }
    seen.set(region.region, file);
  });
}

/** Validates everything a working calendar is built from; refuses the whole set on any issue. */
export function validateCalendarData(
  data: UncheckedCalendarData,
  labels: CalendarFileLabels = {},
): ValidationResult<ValidCalendarData> {
  const issues: CalendarIssue[] = [];
  const national = validateEach(data.national, 'national', labels.national, validateNoticeFile, issues);
  const regional = validateEach(data.regional, 'regional', labels.regional, validateRegionFile, issues);
  if (issues.length > 0) return { ok: false, issues };
  const nationalFiles = national.map((_, index) => labels.national?.[index] ?? `national[${index}]`);
  const regionalFiles = regional.map((_, index) => labels.regional?.[index] ?? `regional[${index}]`);
  checkNoticesAgainstEachOther(national, nationalFiles, issues);
  checkRegionsAgainstEachOther(regional, regionalFiles, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { national, regional } };
}
