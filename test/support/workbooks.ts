// .xlsx files made in memory for the import tests: a header row and data rows, as an official would fill in
// the template (exceljs, the library the import reads with).
import ExcelJS from 'exceljs';

export type CellInput = string | number | Date | null;

export async function workbook(header: readonly string[], rows: readonly CellInput[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('评价');
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Rows given as objects by column name, in the header's order. */
export async function workbookOf(
  header: readonly string[],
  rows: readonly Record<string, CellInput>[],
): Promise<Buffer> {
  return workbook(
    header,
    rows.map((row) => header.map((column) => row[column] ?? null)),
  );
}
