// Structural checks of parsed calendar JSON, mirroring calendars/schema.json by hand: the project has no JSON
// Schema library, and these checks must speak Chinese and name the offending day anyway.
import type { CalendarIssue, CalendarIssueId } from './errors.ts';
import { tryParseIsoDate, yearOfEpochDay } from './iso-date.ts';

export const FIRST_SUPPORTED_YEAR = 2000;
export const LAST_SUPPORTED_YEAR = 2099;

type JsonObject = Record<string, unknown>;

interface ObjectRules {
  required: readonly string[];
  optional?: readonly string[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  return typeof value === 'object' ? '对象' : JSON.stringify(value);
}

/** Collects issues while reading a parsed JSON document; every reader returns undefined on a bad value. */
export class ShapeReader {
  readonly issues: CalendarIssue[] = [];

  constructor(private readonly file: string | undefined) {}

  report(id: CalendarIssueId, path: string, message: string, date?: string): void {
    const issue: CalendarIssue = { id, message, path };
    if (date !== undefined) issue.date = date;
    if (this.file !== undefined) issue.file = this.file;
    this.issues.push(issue);
  }

  private violation(path: string, message: string): undefined {
    this.report('calendar.schema_violation', path, message);
    return undefined;
  }

  object(value: unknown, path: string, rules: ObjectRules): JsonObject | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.violation(path, `应为对象，实际是 ${describe(value)}`);
    }
    const record = value as JsonObject;
    const allowed = new Set([...rules.required, ...(rules.optional ?? [])]);
    let ok = true;
    for (const key of rules.required) {
      if (key in record) continue;
      this.violation(path, `缺少必填字段「${key}」`);
      ok = false;
    }
    for (const key of Object.keys(record)) {
      if (allowed.has(key)) continue;
      this.violation(`${path}/${key}`, `不认识的字段「${key}」（拼写错误？）`);
      ok = false;
    }
    return ok ? record : undefined;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    return Array.isArray(value) ? value : this.violation(path, `应为数组，实际是 ${describe(value)}`);
  }

  text(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      return this.violation(path, `应为非空字符串，实际是 ${describe(value)}`);
    }
    return value;
  }

  textMatching(value: unknown, path: string, pattern: RegExp, expected: string): string | undefined {
    const text = this.text(value, path);
    if (text === undefined) return undefined;
    return pattern.test(text)
      ? text
      : this.violation(path, `应为${expected}，实际是 ${JSON.stringify(text)}`);
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return this.violation(path, `应为 ${min}–${max} 之间的整数，实际是 ${describe(value)}`);
    }
    return value;
  }

  /** A strict 'YYYY-MM-DD' date inside the supported years; returns its epoch day. */
  date(value: unknown, path: string): number | undefined {
    const epochDay = tryParseIsoDate(value);
    if (epochDay === undefined) {
      const shown = typeof value === 'string' ? value : describe(value);
      this.report(
        'calendar.malformed_date',
        path,
        `「${shown}」不是有效日期：日期必须写成 YYYY-MM-DD 且真实存在`,
        shown,
      );
      return undefined;
    }
    const year = yearOfEpochDay(epochDay);
    if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
      this.report(
        'calendar.date_out_of_supported_range',
        path,
        `「${String(value)}」超出支持范围：只支持 ${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR} 年`,
        String(value),
      );
      return undefined;
    }
    return epochDay;
  }

  optionalDate(record: JsonObject, key: string, path: string): void {
    if (key in record) this.date(record[key], `${path}/${key}`);
  }

  optionalText(record: JsonObject, key: string, path: string): void {
    if (key in record) this.text(record[key], `${path}/${key}`);
  }

  /** The editor's `$schema` pointer: any string (schema.json says no more), never read by the system. */
  optionalSchemaPointer(record: JsonObject): void {
    if ('$schema' in record && typeof record['$schema'] !== 'string') {
      this.violation('/$schema', `应为字符串，实际是 ${describe(record['$schema'])}`);
    }
  }
}
