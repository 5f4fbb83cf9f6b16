// Validation of one national notice file (calendars/cn/<year>.json): shape, then contradictions.
import type { CalendarIssue } from './errors.ts';
import { epochDayFromCivil, formatEpochDay, isWeekendEpochDay, weekdayNameZh } from './iso-date.ts';
import type { NoticeFile } from './types.ts';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, ShapeReader } from './validate-shape.ts';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: CalendarIssue[] };

interface ParsedHoliday {
  path: string;
  name: string;
  from: number;
  to: number;
}

interface ParsedMakeup {
  path: string;
  date: number;
  for: string;
}

const REFERENCE_RULES = { required: ['title'], optional: ['number', 'published', 'url'] } as const;

function readReference(reader: ShapeReader, value: unknown, path: string): void {
  const record = reader.object(value, path, REFERENCE_RULES);
  if (record === undefined) return;
  reader.text(record['title'], `${path}/title`);
  reader.optionalText(record, 'number', path);
  reader.optionalDate(record, 'published', path);
  reader.optionalText(record, 'url', path);
}

/** Well-formed holiday periods, and the names of all holidays (also of malformed ones, for make-up checks). */
function readHolidays(reader: ShapeReader, value: unknown): { periods: ParsedHoliday[]; names: Set<string> } {
  const parsed: ParsedHoliday[] = [];
  const names = new Set<string>();
  (reader.array(value, '/holidays') ?? []).forEach((entry, index) => {
    const path = `/holidays/${index}`;
    const record = reader.object(entry, path, { required: ['name', 'from', 'to'] });
    if (record === undefined) return;
    const name = reader.text(record['name'], `${path}/name`);
    if (name !== undefined) names.add(name);
    const from = reader.date(record['from'], `${path}/from`);
    const to = reader.date(record['to'], `${path}/to`);
    if (name === undefined || from === undefined || to === undefined) return;
    if (from > to) {
      const shown = formatEpochDay(from);
      reader.report(
        'calendar.holiday_range_reversed',
        path,
        `「${name}」开始日「${shown}」晚于结束日「${formatEpochDay(to)}」`,
        shown,
      );
      return;
    }
    parsed.push({ path, name, from, to });
  });
  return { periods: parsed, names };
}

function readMakeups(reader: ShapeReader, value: unknown): ParsedMakeup[] {
  const parsed: ParsedMakeup[] = [];
  (reader.array(value, '/makeupWorkdays') ?? []).forEach((entry, index) => {
    const path = `/makeupWorkdays/${index}`;
    const record = reader.object(entry, path, { required: ['date', 'for'] });
    if (record === undefined) return;
    const date = reader.date(record['date'], `${path}/date`);
    const holidayName = reader.text(record['for'], `${path}/for`);
    if (date !== undefined && holidayName !== undefined) parsed.push({ path, date, for: holidayName });
  });
  return parsed;
}

// A notice may start the 元旦 break in the last week of the previous December: the 2023 notice has
// 2022-12-31 – 2023-01-02, the 2019 notice 2018-12-30 – 2019-01-01 with make-up Saturday 2018-12-29.
// No notice has put a day into the following year, so nothing else may leave the notice's year.
function checkYearBounds(
  reader: ShapeReader,
  year: number,
  holidays: ParsedHoliday[],
  makeups: ParsedMakeup[],
): void {
  const spillStart = epochDayFromCivil(year - 1, 12, 25);
  const yearStart = epochDayFromCivil(year, 1, 1);
  const yearEnd = epochDayFromCivil(year, 12, 31);
  const outside = (path: string, day: number, what: string): void => {
    const shown = formatEpochDay(day);
    reader.report(
      'calendar.date_outside_year',
      path,
      `${what}「${shown}」不在 ${year} 年内：只有跨年的元旦假期可以从上一年 12 月 25 日起算，其余日期必须在通知所属年份内`,
      shown,
    );
  };
  const crossing = new Set<string>();
  for (const holiday of holidays) {
    if (holiday.to < yearStart || holiday.to > yearEnd)
      outside(`${holiday.path}/to`, holiday.to, `「${holiday.name}」结束日`);
    else if (holiday.from < spillStart)
      outside(`${holiday.path}/from`, holiday.from, `「${holiday.name}」开始日`);
    else if (holiday.from < yearStart) crossing.add(holiday.name);
  }
  for (const makeup of makeups) {
    const inYear = makeup.date >= yearStart && makeup.date <= yearEnd;
    const allowedSpill = makeup.date >= spillStart && makeup.date < yearStart && crossing.has(makeup.for);
    if (!inYear && !allowedSpill) outside(`${makeup.path}/date`, makeup.date, '调休上班日');
  }
}

function checkHolidayOverlaps(reader: ShapeReader, holidays: ParsedHoliday[]): void {
  const sorted = [...holidays].sort((a, b) => a.from - b.from);
  let latest: ParsedHoliday | undefined;
  for (const holiday of sorted) {
    if (latest !== undefined && holiday.from <= latest.to) {
      const shown = formatEpochDay(holiday.from);
      reader.report(
        'calendar.holiday_overlap',
        holiday.path,
        `「${shown}」同时属于「${latest.name}」（${formatEpochDay(latest.from)} 至 ${formatEpochDay(latest.to)}）和「${holiday.name}」：放假时段不得重叠或重复`,
        shown,
      );
    }
    if (latest === undefined || holiday.to > latest.to) latest = holiday;
  }
}

function checkMakeups(
  reader: ShapeReader,
  holidays: ParsedHoliday[],
  holidayNames: Set<string>,
  makeups: ParsedMakeup[],
): void {
  const seen = new Set<number>();
  for (const makeup of makeups) {
    const shown = formatEpochDay(makeup.date);
    if (seen.has(makeup.date)) {
      reader.report('calendar.makeup_duplicate', makeup.path, `调休上班日「${shown}」重复列出`, shown);
    }
    seen.add(makeup.date);
    const holiday = holidays.find(
      (candidate) => makeup.date >= candidate.from && makeup.date <= candidate.to,
    );
    if (holiday !== undefined) {
      reader.report(
        'calendar.makeup_is_holiday',
        makeup.path,
        `「${shown}」既是「${holiday.name}」的放假日又是调休上班日：同一天只能是其中之一`,
        shown,
      );
    }
    if (!isWeekendEpochDay(makeup.date)) {
      reader.report(
        'calendar.makeup_not_weekend',
        `${makeup.path}/date`,
        `调休上班日「${shown}」是${weekdayNameZh(makeup.date)}：调休上班日只能是周六或周日`,
        shown,
      );
    }
    if (!holidayNames.has(makeup.for)) {
      reader.report(
        'calendar.makeup_for_unknown_holiday',
        `${makeup.path}/for`,
        `调休上班日「${shown}」所对应的假期「${makeup.for}」不在本文件的 holidays 中`,
        shown,
      );
    }
  }
}

/** Validates one parsed notice file; on success returns a private copy of it. */
export function validateNoticeFile(data: unknown, file?: string): ValidationResult<NoticeFile> {
  const reader = new ShapeReader(file);
  const root = reader.object(data, '', {
    required: ['region', 'year', 'notice', 'holidays', 'makeupWorkdays'],
    optional: ['$schema', 'amendments'],
  });
  if (root === undefined) return { ok: false, issues: reader.issues };
  reader.optionalSchemaPointer(root);
  if (root['region'] !== 'cn') reader.textMatching(root['region'], '/region', /^cn$/, '"cn"（全国）');
  const year = reader.integer(root['year'], '/year', FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR);
  readReference(reader, root['notice'], '/notice');
  if ('amendments' in root) {
    (reader.array(root['amendments'], '/amendments') ?? []).forEach((entry, index) =>
      readReference(reader, entry, `/amendments/${index}`),
    );
  }
  const holidays = readHolidays(reader, root['holidays']);
  const makeups = readMakeups(reader, root['makeupWorkdays']);
  if (year !== undefined) checkYearBounds(reader, year, holidays.periods, makeups);
  checkHolidayOverlaps(reader, holidays.periods);
  checkMakeups(reader, holidays.periods, holidays.names, makeups);
  if (reader.issues.length > 0) return { ok: false, issues: reader.issues };
  return { ok: true, value: structuredClone(data) as NoticeFile };
}
