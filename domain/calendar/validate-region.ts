// Validation of one regional override file (calendars/regions/<region>.json): shape, then contradictions.
import { formatEpochDay } from './iso-date.ts';
import type { RegionFile } from './types.ts';
import type { ValidationResult } from './validate-notice.ts';
import { ShapeReader } from './validate-shape.ts';

interface ParsedDays {
  path: string;
  from: number;
  to: number;
}

const ENTRY_TEXT = ['reason', 'source'] as const;

function readDaysOff(reader: ShapeReader, value: unknown): ParsedDays[] {
  const parsed: ParsedDays[] = [];
  (reader.array(value, '/daysOff') ?? []).forEach((entry, index) => {
    const path = `/daysOff/${index}`;
    const record = reader.object(entry, path, { required: ['from', 'to', ...ENTRY_TEXT] });
    if (record === undefined) return;
    for (const key of ENTRY_TEXT) reader.text(record[key], `${path}/${key}`);
    const from = reader.date(record['from'], `${path}/from`);
    const to = reader.date(record['to'], `${path}/to`);
    if (from === undefined || to === undefined) return;
    if (from > to) {
      const shown = formatEpochDay(from);
      reader.report(
        'calendar.holiday_range_reversed',
        path,
        `地方放假开始日「${shown}」晚于结束日「${formatEpochDay(to)}」`,
        shown,
      );
      return;
    }
    parsed.push({ path, from, to });
  });
  return parsed;
}

function readWorkdays(reader: ShapeReader, value: unknown): ParsedDays[] {
  const parsed: ParsedDays[] = [];
  (reader.array(value, '/workdays') ?? []).forEach((entry, index) => {
    const path = `/workdays/${index}`;
    const record = reader.object(entry, path, { required: ['date', ...ENTRY_TEXT] });
    if (record === undefined) return;
    for (const key of ENTRY_TEXT) reader.text(record[key], `${path}/${key}`);
    const date = reader.date(record['date'], `${path}/date`);
    if (date !== undefined) parsed.push({ path, from: date, to: date });
  });
  return parsed;
}

function checkRegionContradictions(reader: ShapeReader, daysOff: ParsedDays[], workdays: ParsedDays[]): void {
  const offDays = new Map<number, string>();
  for (const entry of daysOff) {
    for (let day = entry.from; day <= entry.to; day += 1) {
      if (offDays.has(day)) {
        const shown = formatEpochDay(day);
        reader.report(
          'calendar.region_duplicate_day',
          entry.path,
          `地方放假日「${shown}」重复列出或时段重叠`,
          shown,
        );
        break;
      }
      offDays.set(day, entry.path);
    }
  }
  const seenWorkdays = new Set<number>();
  for (const entry of workdays) {
    const shown = formatEpochDay(entry.from);
    if (seenWorkdays.has(entry.from)) {
      reader.report('calendar.region_duplicate_day', entry.path, `地方上班日「${shown}」重复列出`, shown);
    }
    seenWorkdays.add(entry.from);
    const offPath = offDays.get(entry.from);
    if (offPath !== undefined) {
      reader.report(
        'calendar.region_day_conflict',
        entry.path,
        `「${shown}」在本文件中既是地方放假日（${offPath}）又是地方上班日：同一天只能是其中之一`,
        shown,
      );
    }
  }
}

/** Validates one parsed regional override file; on success returns a private copy of it. */
export function validateRegionFile(data: unknown, file?: string): ValidationResult<RegionFile> {
  const reader = new ShapeReader(file);
  const root = reader.object(data, '', {
    required: ['region', 'name', 'description', 'daysOff', 'workdays'],
    optional: ['$schema'],
  });
  if (root === undefined) return { ok: false, issues: reader.issues };
  reader.optionalSchemaPointer(root);
  reader.textMatching(root['region'], '/region', /^[a-z][a-z0-9-]*$/, '小写字母开头的地区代码（如 xian）');
  reader.text(root['name'], '/name');
  reader.text(root['description'], '/description');
  const daysOff = readDaysOff(reader, root['daysOff']);
  const workdays = readWorkdays(reader, root['workdays']);
  checkRegionContradictions(reader, daysOff, workdays);
  if (reader.issues.length > 0) return { ok: false, issues: reader.issues };
  return { ok: true, value: structuredClone(data) as RegionFile };
}
