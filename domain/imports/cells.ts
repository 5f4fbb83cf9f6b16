// Reading the cells of an imported sheet (paper forms, 综合点评, 监督查评): every cell arrives as text
// (infra/imports/xlsx-sheet.ts), and each reader here either gives the value or throws a DomainError
// naming the column, so a row's report says which cell to correct.
import { DomainError } from '../errors.ts';
import { isStorableText } from '../text.ts';
import { EVALUATION_DIMENSIONS, DIMENSION_LABELS, type DimensionRatings } from '../evaluation/dimensions.ts';
import { EVALUATION_LEVELS, LEVEL_LABELS, type EvaluationLevel } from '../evaluation/levels.ts';
import { TAG_SEPARATOR } from '../evaluation/tags.ts';
import { compactPhone, isPhoneNumber } from '../fraud/phone.ts';
import { FIRST_CALENDAR_YEAR } from '../calendar/day-table.ts';

/** One data row of a sheet: its row number in the file (as Excel shows it) and its cells by column name. */
export interface SheetRow {
  rowNumber: number;
  cells: Readonly<Record<string, string>>;
  /** Cells showing an Excel error (#N/A, #REF!, …) by column: the row cannot be read. */
  errors?: Readonly<Record<string, string>>;
  /** Formulas saved without their result (=DATE(2026,11,21)) by column: what they show is unknown. */
  uncalculated?: Readonly<Record<string, string>>;
}

/**
 * Refuses a row with a cell showing an Excel error, or a formula whose result was never saved: a failed lookup
 * must not become a rater's words, nor an empty cell stand for what a formula would show.
 */
export function checkNoCellErrors(row: SheetRow): void {
  const [column, value] = Object.entries(row.errors ?? {})[0] ?? [];
  if (column !== undefined) throw new DomainError('import.cell_error', { column, value });
  const [formulaColumn, formula] = Object.entries(row.uncalculated ?? {})[0] ?? [];
  if (formulaColumn !== undefined) {
    throw new DomainError('import.formula_without_result', { column: formulaColumn, formula });
  }
}

/** The same limits as the rating API (server/api/evaluations/schema.ts). */
export const LIMITS = { text: 2000, tags: 20, tag: 64, name: 64, sourceRef: 128, serviceRecordId: 64 };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const LEVEL_BY_LABEL = new Map(EVALUATION_LEVELS.map((level) => [LEVEL_LABELS[level], level]));

/**
 * Other names people write for the columns every layout shares; the standard (GB/T 39046) calls the date
 * 评价时间. A sheet's own aliases are added to these.
 */
export const SHARED_COLUMN_ALIASES: Readonly<Record<string, string>> = {
  文字: '文字评价',
  姓名: '评价人',
  评价人姓名: '评价人',
  电话: '联系电话',
  手机号: '联系电话',
  手机号码: '联系电话',
  评价内容: '标签',
  评价时间: '评价日期',
};

/** Full-width forms of ASCII (Ｕ+FF01–FF5E) and the ideographic space, as a Chinese input method types them. */
const FULL_WIDTH = /[\u3000\uff01-\uff5e]/;

/** A cell as written, trimmed: what free text (文字评价, a name) keeps. */
function writtenCell(row: SheetRow, column: string): string {
  const value = (row.cells[column] ?? '').trim();
  if (!isStorableText(value)) throw new DomainError('import.unstorable_text', { column });
  return value;
}

/**
 * A cell that holds a code, a number, a date or a label: full-width characters read as their ASCII forms
 * (１３８…, ２０２６－１１－２０, 10：30, 材料繁琐／重复提交), the way the rating API's clients send them.
 */
export function cell(row: SheetRow, column: string): string {
  const value = writtenCell(row, column);
  return FULL_WIDTH.test(value) ? value.normalize('NFKC').trim() : value;
}

/** A label printed on the form (a level, 是/否, a choice), spaces inside it ignored (满\u3000意). */
function labelCell(row: SheetRow, column: string): string {
  return cell(row, column).replace(/\s+/g, '');
}

export function requiredCell(row: SheetRow, column: string, maxLength: number): string {
  const value = cell(row, column);
  if (value === '') throw new DomainError('import.required_cell_empty', { column });
  if (value.length > maxLength) throw new DomainError('import.cell_too_long', { column, maxLength });
  return value;
}

/** 非常满意 … 非常不满意, as printed on the form. */
export function levelCell(row: SheetRow, column: string): EvaluationLevel {
  const value = labelCell(row, column);
  if (value === '') throw new DomainError('import.required_cell_empty', { column });
  return levelNamed(value, column);
}

function levelNamed(label: string, column: string): EvaluationLevel {
  const level = LEVEL_BY_LABEL.get(label);
  if (!level) throw new DomainError('evaluation.unknown_level', { column, level: label });
  return level;
}

/** 服务态度, 服务质量, 服务效率, 服务环境: each optional, each on the five levels when given. */
export function dimensionCells(row: SheetRow): DimensionRatings | undefined {
  const ratings: DimensionRatings = {};
  for (const dimension of EVALUATION_DIMENSIONS) {
    // Each cell read once (an import reads every row's four).
    const label = labelCell(row, DIMENSION_LABELS[dimension]);
    if (label !== '') ratings[dimension] = levelNamed(label, DIMENSION_LABELS[dimension]);
  }
  return Object.keys(ratings).length > 0 ? ratings : undefined;
}

/**
 * Ticked contents, separated by 、，,；; or line breaks (TAG_SEPARATOR, which no label holds); empty pieces
 * dropped. Each is read in its compatibility form, as the cell: the import matches it to a label in that form
 * and stores the label as defined (tagsAsOffered).
 */
export function tagCells(row: SheetRow, column: string): string[] {
  const tags = cell(row, column)
    .split(TAG_SEPARATOR)
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (tags.length > LIMITS.tags) throw new DomainError('import.too_many_tags', { column, max: LIMITS.tags });
  if (tags.some((tag) => tag.length > LIMITS.tag)) {
    throw new DomainError('import.cell_too_long', { column, maxLength: LIMITS.tag });
  }
  return tags;
}

export function textCell(row: SheetRow, column: string, maxLength: number): string {
  const value = writtenCell(row, column);
  if (value.length > maxLength) throw new DomainError('import.cell_too_long', { column, maxLength });
  return value;
}

/** 是 / 否 (also 实名 / 匿名); empty: 否. */
export function yesNoCell(row: SheetRow, column: string): boolean {
  const value = labelCell(row, column);
  if (value === '' || value === '否' || value === '匿名') return false;
  if (value === '是' || value === '实名') return true;
  throw new DomainError('import.unknown_yes_no', { column, value });
}

/** As the API accepts phones (isPhoneNumber): digits, an optional leading +, hyphens; 5 to 20 characters. */
export function phoneCell(row: SheetRow, column: string): string | undefined {
  const value = compactPhone(cell(row, column));
  if (value === '') return undefined;
  if (!isPhoneNumber(value)) throw new DomainError('import.invalid_phone', { column });
  return value;
}

/** A date written on a form: the instant it names, and whether it named a time of day. */
export interface FormDate {
  at: Date;
  /** A date without a time: `at` is the start of that day (Beijing time). */
  dayOnly: boolean;
}

/** No rating predates the working calendar (a cell holding only a time reads as 1899-12-30 in Excel). */
const EARLIEST_FORM_DATE = Date.UTC(FIRST_CALENDAR_YEAR, 0, 1) - SHANGHAI_OFFSET_MS;

const DATE_PATTERN =
  /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?)(?:(?:[ T]+|(?<=日) *)(\d{1,2})[:时](\d{2})(?:[:分](\d{2})秒?)?分?)?$/;

/**
 * A date on the form, `YYYY-MM-DD` or `YYYY-MM-DD HH:mm[:ss]` (also with / or ., or written 2026年11月20日
 * [10时30分]), read in Asia/Shanghai. Empty: undefined. Never after `now`, nor before the working calendar.
 */
export function dateCell(row: SheetRow, column: string, now: Date): FormDate | undefined {
  const value = cell(row, column);
  if (value === '') return undefined;
  const match = DATE_PATTERN.exec(value);
  const parts = match
    ? [match[1], match[2] ?? match[4], match[3] ?? match[5], match[6], match[7], match[8]]
    : undefined;
  const date = parts ? shanghaiWallTime(parts.map((part) => Number(part ?? 0))) : undefined;
  if (!date) throw new DomainError('import.invalid_date', { column, value });
  if (date.getTime() > now.getTime()) throw new DomainError('import.date_in_future', { column, value });
  if (date.getTime() < EARLIEST_FORM_DATE) {
    throw new DomainError('import.date_too_early', { column, value, earliestYear: FIRST_CALENDAR_YEAR });
  }
  return { at: date, dayOnly: match![6] === undefined };
}

/**
 * The instant of a wall time in Asia/Shanghai (UTC+8 all year: China has kept no daylight saving time since
 * 1991), or undefined when it is no real date or time (2026-02-30, 24:00). Done by hand, not with luxon:
 * an import reads this for every row (bench/bulk-import.ts).
 */
function shanghaiWallTime([year, month, day, hour, minute, second]: number[]): Date | undefined {
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(utc);
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month! - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return real ? new Date(utc - SHANGHAI_OFFSET_MS) : undefined;
}

/** A choice among labels printed on the form; empty: the default. */
export function choiceCell<T extends string>(
  row: SheetRow,
  column: string,
  choices: Readonly<Record<string, T>>,
  fallback?: T,
): T {
  const value = labelCell(row, column);
  if (value === '' && fallback !== undefined) return fallback;
  if (value === '') throw new DomainError('import.required_cell_empty', { column });
  // Own labels only: "constructor" or "__proto__" is no choice, though every object answers to it.
  const choice = Object.hasOwn(choices, value) ? choices[value] : undefined;
  if (choice === undefined) {
    throw new DomainError('import.unknown_choice', { column, value, known: Object.keys(choices) });
  }
  return choice;
}
