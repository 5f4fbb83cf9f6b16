// The first worksheet of an .xlsx workbook as text rows (exceljs): row 1 names the columns, every later
// non-empty row is data. Cells become the text a person sees: numbers as written, dates (Excel keeps no
// time zone: exceljs gives the wall time as UTC fields) as `YYYY-MM-DD[ HH:mm:ss]`, rich text joined,
// formulas by their result. A 办件编号 longer than 15 digits must be a text cell in Excel (a number
// cell has lost digits before it reaches us), as docs/imports.md says.
import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors.ts';
import type { SheetRow } from '../../domain/imports/cells.ts';
import { errorMessage } from '../error-message.ts';

export interface SheetLayout {
  /** Columns that must be in the header. */
  required: readonly string[];
  /** Other spellings of a column name → the documented name. */
  aliases: Readonly<Record<string, string>>;
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

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

async function loadWorkbook(file: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error: unknown) {
    throw new DomainError('import.file_unreadable', {
      reason: errorMessage(error),
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError('import.file_unreadable', { reason: 'no worksheet' });
  return sheet;
}

export async function readSheet(file: Buffer, layout: SheetLayout): Promise<Sheet> {
  const worksheet = await loadWorkbook(file);
  const columns: string[] = [];
  worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    const name = cellText(cell.value).trim();
    columns[column] = layout.aliases[name] ?? name;
  });
  const missing = layout.required.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new DomainError('import.missing_columns', { missing });
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let empty = true;
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const name = columns[column];
      const text = cellText(cell.value);
      if (!name || text.trim() === '') return;
      cells[name] = text;
      empty = false;
    });
    if (!empty) rows.push({ rowNumber, cells });
  });
  return { header: columns.filter(Boolean), rows };
}
