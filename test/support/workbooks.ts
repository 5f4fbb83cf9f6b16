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

/**
 * A template from `hcp import template` filled in with the examples of its 说明 sheet (column 示例), as an
 * official following it would: the 评价 sheet's header, and one row of the examples in the header's order.
 * Also the template's 评价 sheet: its header, its data rows, and the format of each column.
 */
export async function templateFilledWithExamples(template: Buffer): Promise<{
  filled: Buffer;
  header: string[];
  dataRows: number;
  columnFormats: Record<string, string | undefined>;
}> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('评价')!;
  const notes = book.getWorksheet('说明')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const examples: Record<string, CellInput> = {};
  notes.eachRow((row, rowNumber) => {
    if (rowNumber <= 2) return;
    examples[String(row.getCell(1).value)] = (row.getCell(3).value as CellInput) ?? null;
  });
  const columnFormats = Object.fromEntries(
    header.map((column, index) => [column, sheet.getColumn(index + 1).numFmt]),
  );
  return {
    filled: await workbookOf(header, [examples]),
    header,
    dataRows: sheet.actualRowCount - 1,
    columnFormats,
  };
}
