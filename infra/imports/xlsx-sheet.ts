// The first visible worksheet of an .xlsx workbook as text rows (exceljs): row 1 names the columns, every
// later non-empty row is data; a hidden sheet (a lookup table, an old copy) is never read, as the operator does
// not see it. Cells become the text a person sees: numbers as written (an integer under a format of zeros as it
// shows padded: 12 under 0000 is 0012), dates (Excel keeps no time zone: exceljs gives the wall time as UTC
// fields) as `YYYY-MM-DD[ HH:mm:ss]`, rich text joined, formulas by their result; a formula saved without one
// (written by a program, not Excel) refuses its row in a required or a date column, since what it would show
// is unknown (elsewhere it reads as empty, as one whose result is "" does). A number in a date column is a date
// whose format exceljs does not know (Chinese Excel and WPS write 2026年11月20日 with built-in formats it leaves
// without a code) and is read as one, or 20261120 typed as a number. A number of 16 digits or more has lost
// digits in Excel before it reaches us (a 办件编号 in a number cell): the file is refused, naming the cells, as
// docs/imports.md says. Only the layout's columns are read; an Excel error (#N/A of a failed lookup) is kept
// apart, for the row's refusal; a merge across columns counts in its own first column only (on every row of a
// merge down and across).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.ts';
import type { SheetRow } from '../../domain/imports/cells.ts';
import { errorMessage } from '../error-message.ts';

export interface SheetLayout {
  /** Every documented column; a cell under any other header is ignored, for data and for refusals. */
  columns: readonly string[];
  /** Columns that must be in the header. */
  required: readonly string[];
  /** Other spellings of a column name → the documented name. */
  aliases: Readonly<Record<string, string>>;
  /** Columns holding dates (documented names): a number there is an Excel day count. */
  dateColumns?: readonly string[];
}

export interface Sheet {
  header: string[];
  rows: SheetRow[];
}

const pad = (value: number) => String(value).padStart(2, '0');

function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Excel's day count of 1970-01-01 (1900 date system); the 1904 system counts 1,462 days fewer. */
const EXCEL_DAY_OF_1970 = 25_569;
const EXCEL_1904_OFFSET_DAYS = 1_462;

/** An Excel day count as the wall time it shows (UTC fields, like exceljs' dates), to the second. */
function excelDayCountDate(days: number, date1904: boolean): Date {
  const fromEpoch = days - EXCEL_DAY_OF_1970 + (date1904 ? EXCEL_1904_OFFSET_DAYS : 0);
  return new Date(Math.round((fromEpoch * DAY_MS) / 1000) * 1000);
}

/** Excel keeps 15 significant digits: a number this large has lost the digits after them. */
const LARGEST_EXACT_EXCEL_NUMBER = 1e15;

export interface CellReading {
  /** The column holds dates: a number is a day count. */
  date?: boolean;
  date1904?: boolean;
}

/** Excel's day count of 2100-01-01: a larger number in a date column is no day count. */
const EXCEL_DAY_OF_2100 = 73_051;

/**
 * A number in a date column: 20261120 typed into a General cell as the date it spells, an Excel day count as
 * its wall time, anything else as written (so a refusal shows what the operator typed).
 */
function dateNumberText(value: number, date1904: boolean): string {
  const digits = String(value);
  if (/^(19|20)\d{6}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`;
  if (value > 0 && value < EXCEL_DAY_OF_2100) return dateText(excelDayCountDate(value, date1904));
  return digits;
}

export function cellText(value: ExcelJS.CellValue, reading: CellReading = {}): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number' && reading.date) return dateNumberText(value, reading.date1904 ?? false);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue, reading);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue, reading);
  if ('error' in value) return String(value.error);
  return '';
}

/** The Excel error a cell shows (#N/A, #REF!, …), itself or as its formula's result; undefined for none. */
function errorIn(value: ExcelJS.CellValue): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if ('error' in value) return String(value.error);
  if ('result' in value && value.result && typeof value.result === 'object' && 'error' in value.result) {
    return String(value.result.error);
  }
  return undefined;
}

/** A formula saved without its result: its text (for the row's refusal); undefined for any other value. */
function formulaWithoutResult(value: ExcelJS.CellValue): string | undefined {
  if (!value || typeof value !== 'object' || !('formula' in value || 'sharedFormula' in value))
    return undefined;
  if ('result' in value && value.result !== undefined && value.result !== null) return undefined;
  const formula =
    'formula' in value ? value.formula : (value as ExcelJS.CellSharedFormulaValue).sharedFormula;
  return `=${formula}`;
}

/** A format of zeros only (0000): Excel shows an integer under it padded to its width. */
const ZERO_PADDING = /^0+$/;

/** The number a cell holds, itself or as a formula's result; undefined for any other value. */
function numberIn(value: ExcelJS.CellValue): number | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'result' in value && typeof value.result === 'number') {
    return value.result;
  }
  return undefined;
}

/** Cells shown as "第 N 行 列名" in a refusal: at most this many. */
const CELLS_NAMED = 5;

async function loadWorkbook(file: Buffer): Promise<{ worksheet: ExcelJS.Worksheet; date1904: boolean }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error: unknown) {
    throw new DomainError('import.file_unreadable', {
      reason: errorMessage(error),
    });
  }
  const sheet = workbook.worksheets.find((worksheet) => worksheet.state === 'visible');
  if (!sheet) throw new DomainError('import.file_unreadable', { reason: 'no visible worksheet' });
  return { worksheet: sheet, date1904: workbook.properties.date1904 === true };
}

export async function readSheet(file: Buffer, layout: SheetLayout): Promise<Sheet> {
  const { worksheet, date1904 } = await loadWorkbook(file);
  const columns: string[] = [];
  worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    const name = cellText(cell.value).trim();
    columns[column] = layout.aliases[name] ?? name;
  });
  const missing = layout.required.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new DomainError('import.missing_columns', { missing });
  const dateColumns = new Set(layout.dateColumns ?? []);
  const required = new Set(layout.required);
  const known = new Set(layout.columns);
  const rows: SheetRow[] = [];
  const lostDigits: string[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const uncalculated: Record<string, string> = {};
    let empty = true;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const name = columns[column];
      // A column the layout does not know (a 序号, an ID number kept beside) is no data of the row.
      if (!name || !known.has(name)) return;
      // A merge repeats its text in every cell it covers: across columns only its first column holds it (down
      // a column, every row does).
      if (cell.isMerged && cell.master !== cell && cell.master.fullAddress.col !== column) return;
      const error = errorIn(cell.value);
      if (error !== undefined) {
        errors[name] = error;
        empty = false;
        return;
      }
      // exceljs gives a formula whose saved result is "" (=IF(…,"",…)) no result either: elsewhere such a
      // cell reads as empty, as it shows; in a column the row cannot do without, or a date (which would
      // otherwise become the import's time), it refuses the row.
      const date = dateColumns.has(name);
      const formula = formulaWithoutResult(cell.value);
      if (formula !== undefined) {
        if (!required.has(name) && !date) return;
        uncalculated[name] = formula;
        empty = false;
        return;
      }
      const number = date ? undefined : numberIn(cell.value);
      if (number !== undefined && Math.abs(number) >= LARGEST_EXACT_EXCEL_NUMBER) {
        lostDigits.push(`第 ${rowNumber} 行 ${name}`);
      }
      const padded =
        number !== undefined &&
        Number.isInteger(number) &&
        number >= 0 &&
        ZERO_PADDING.test(cell.numFmt ?? '');
      const text = padded
        ? String(number).padStart(cell.numFmt.length, '0')
        : cellText(cell.value, { date, date1904 });
      if (text.trim() === '') return;
      cells[name] = text;
      empty = false;
    });
    if (empty) return;
    rows.push({
      rowNumber,
      cells,
      ...(Object.keys(errors).length > 0 && { errors }),
      ...(Object.keys(uncalculated).length > 0 && { uncalculated }),
    });
  });
  if (lostDigits.length > 0) {
    throw new DomainError('import.number_lost_digits', {
      cells: lostDigits.slice(0, CELLS_NAMED),
      count: lostDigits.length,
    });
  }
  return { header: columns.filter(Boolean), rows };
}

/**
 * Whether the workbook holds more than `max` rows over all its sheets, streamed and stopped at the first row
 * past `max`: a file of a million short rows (a few megabytes zipped) is refused before readSheet would hold it
 * in memory (gigabytes). False for a file that is no workbook: readSheet says so.
 */
export async function workbookRowsExceed(file: Buffer, max: number): Promise<boolean> {
  let rows = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), {
      worksheets: 'emit',
      sharedStrings: 'ignore',
      styles: 'ignore',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row) rows += 1;
        if (rows > max) return true;
      }
    }
  } catch {
    return false;
  }
  return false;
}
