// Reading an .xlsx sheet into text rows (issue 5, infra/imports/xlsx-sheet.ts): dates whatever format Excel
// gave them, and numbers that have lost digits refused before any row is judged.
import assert from 'node:assert/strict';
import { readSheet } from '../../infra/imports/xlsx-sheet.ts';
import { readSheetOffThread } from '../../infra/imports/sheet-reader-thread.ts';
import { PAPER_FORM_HEADER, PAPER_FORM_LAYOUT } from '../../domain/imports/paper-form-sheet.ts';
import ExcelJS from 'exceljs';
import { workbookOf } from '../support/workbooks.ts';
import { readPaperFormRow } from '../../domain/imports/paper-form-sheet.ts';
import { DomainError } from '../../domain/errors.ts';

describe('reading an .xlsx sheet (issue 5)', () => {
  /** A worksheet of the paper-form header in a new workbook, for a test to set cells, formats and merges on. */
  function paperFormSheet(book = new ExcelJS.Workbook(), name = '评价', state?: ExcelJS.WorksheetState) {
    const sheet = book.addWorksheet(name, state ? { state } : {});
    sheet.addRow([...PAPER_FORM_HEADER]);
    return sheet;
  }

  /** The workbook as the import reads it. */
  const readBook = async (book: ExcelJS.Workbook) =>
    readSheet(Buffer.from(await book.xlsx.writeBuffer()), PAPER_FORM_LAYOUT);

  it('given a date column holding a bare day count (a date in a built-in Chinese format such as yyyy"年"m"月"d"日", which exceljs hands over as a number), then it reads as that date', async () => {
    const file = await workbookOf(PAPER_FORM_HEADER, [
      { 办件编号: 'A-1', 评价等级: '满意', 评价日期: 46346 },
      { 办件编号: 'A-2', 评价等级: '满意', 评价日期: 46346.5 },
      { 办件编号: 'A-3', 评价等级: '满意', 评价日期: new Date(Date.UTC(2026, 10, 20, 9, 30)) },
    ]);
    const sheet = await readSheet(file, PAPER_FORM_LAYOUT);
    assert.deepEqual(
      sheet.rows.map((row) => row.cells['评价日期']),
      ['2026-11-20', '2026-11-20 12:00:00', '2026-11-20 09:30:00'],
    );
  });

  it('given a number of 16 digits or more outside a date column (a 办件编号 typed into a number cell), then the whole file is refused naming the cells', async () => {
    const file = await workbookOf(PAPER_FORM_HEADER, [
      { 办件编号: 'A-1', 评价等级: '满意' },
      { 办件编号: Number('123456789012345678'), 评价等级: '满意' },
      { 办件编号: 'A-3', 评价等级: '满意', 联系电话: 13812345678 },
    ]);
    await assert.rejects(readSheet(file, PAPER_FORM_LAYOUT), {
      id: 'import.number_lost_digits',
      details: { cells: ['第 3 行 办件编号'], count: 1 },
    });
  });

  it('given columns the layout does not know (a pre-numbered 序号, an ID number typed as a number), then they are ignored: blank numbered rows are no rows, a long number there refuses nothing', async () => {
    const header = ['序号', ...PAPER_FORM_HEADER, '身份证号'];
    const file = await workbookOf(header, [
      { 序号: 1, 办件编号: 'A-1', 评价等级: '满意', 身份证号: Number('610102199001011234') },
      { 序号: 2 },
      { 序号: 3 },
    ]);
    const sheet = await readSheet(file, PAPER_FORM_LAYOUT);
    assert.deepEqual(
      sheet.rows.map((row) => [row.rowNumber, row.cells]),
      [[2, { 办件编号: 'A-1', 评价等级: '满意' }]],
    );
  });

  it('given a date typed as the number 20261120, or a number no date could be, then the date it spells, or the number as written', async () => {
    const file = await workbookOf(PAPER_FORM_HEADER, [
      { 办件编号: 'A-1', 评价等级: '满意', 评价日期: 20261120 },
      { 办件编号: 'A-2', 评价等级: '满意', 评价日期: 123456789 },
    ]);
    const sheet = await readSheet(file, PAPER_FORM_LAYOUT);
    assert.deepEqual(
      sheet.rows.map((row) => row.cells['评价日期']),
      ['2026-11-20', '123456789'],
    );
  });

  it('given a cell showing an Excel error (#N/A of a failed lookup), then its row is refused with import.cell_error naming the column, not read as text', async () => {
    const sheet = paperFormSheet();
    const row = sheet.addRow(['A-1', null, '满意']);
    row.getCell(PAPER_FORM_HEADER.indexOf('文字评价') + 1).value = {
      formula: 'VLOOKUP(A2,X:Y,2,FALSE)',
      result: { error: '#N/A' },
    } as ExcelJS.CellValue;
    const read = await readBook(sheet.workbook);
    assert.deepEqual(read.rows[0]!.errors, { 文字评价: '#N/A' });
    assert.throws(
      () => readPaperFormRow(read.rows[0]!, new Date('2026-11-26T10:00:00+08:00')),
      (error: unknown) =>
        error instanceof DomainError &&
        error.id === 'import.cell_error' &&
        error.details.column === '文字评价' &&
        error.details.value === '#N/A',
    );
  });

  it('given 文字评价 merged across the next cells of its row, then only its own column holds the text; a merge down a column keeps its value in every row', async () => {
    const sheet = paperFormSheet();
    const text = PAPER_FORM_HEADER.indexOf('文字评价') + 1;
    const date = PAPER_FORM_HEADER.indexOf('评价日期') + 1;
    for (const id of ['A-1', 'A-2']) sheet.addRow([id, null, '满意']);
    sheet.getCell(2, text).value = '服务很好，谢谢';
    sheet.mergeCells(2, text, 2, text + 1);
    sheet.getCell(2, date).value = '2026-11-20';
    sheet.mergeCells(2, date, 3, date);
    const read = await readBook(sheet.workbook);
    assert.deepEqual(read.rows[0]!.cells, {
      办件编号: 'A-1',
      评价等级: '满意',
      文字评价: '服务很好，谢谢',
      评价日期: '2026-11-20',
    });
    assert.equal(read.rows[1]!.cells['评价日期'], '2026-11-20');
  });

  it('given 标签 and 文字评价 merged down two rows and across, then each row has the tag and neither has it as its text', async () => {
    const sheet = paperFormSheet();
    const tags = PAPER_FORM_HEADER.indexOf('标签') + 1;
    assert.equal(PAPER_FORM_HEADER[tags], '文字评价', 'the template has 文字评价 right of 标签');
    for (const id of ['A-1', 'A-2']) sheet.addRow([id, null, '不满意']);
    sheet.getCell(2, tags).value = '态度生硬';
    sheet.mergeCells(2, tags, 3, tags + 1);
    const read = await readBook(sheet.workbook);
    for (const row of read.rows) {
      assert.equal(row.cells['标签'], '态度生硬', `row ${row.rowNumber}`);
      assert.equal(row.cells['文字评价'], undefined, `row ${row.rowNumber}: no words the rater never wrote`);
    }
  });

  it('given a hidden first sheet (an old copy, a lookup table), then the visible sheet is read, and a workbook with none visible is refused', async () => {
    const book = new ExcelJS.Workbook();
    const hidden = paperFormSheet(book, '旧数据', 'hidden');
    hidden.addRow(['HIDDEN-1', null, '非常不满意', null, '窗口无人']);
    const shown = paperFormSheet(book);
    shown.addRow(['SHOWN-1', null, '满意']);
    const read = await readBook(book);
    assert.deepEqual(
      read.rows.map((row) => row.cells['办件编号']),
      ['SHOWN-1'],
    );
    shown.state = 'veryHidden';
    await assert.rejects(readBook(book), {
      id: 'import.file_unreadable',
    });
  });

  it('given a number under a format of zeros (12 shown as 000012), then it reads as Excel shows it, so a re-import of the text 000012 is the same row', async () => {
    const sheet = paperFormSheet();
    sheet.addRow([12, null, '满意']);
    sheet.addRow([345, null, '满意']);
    sheet.getCell(2, 1).numFmt = '000000';
    const read = await readBook(sheet.workbook);
    assert.deepEqual(
      read.rows.map((row) => row.cells['办件编号']),
      ['000012', '345'],
    );
  });

  it('given a formula saved without its result (a file another program wrote) in a date or required column, then its row is refused naming the column and the formula, not read as an empty cell; in another column it reads as empty', async () => {
    const sheet = paperFormSheet();
    const row = sheet.addRow(['A-1', null, '满意']);
    row.getCell(PAPER_FORM_HEADER.indexOf('评价日期') + 1).value = {
      formula: 'DATE(2026,11,21)',
    } as ExcelJS.CellValue;
    // An optional column's formula without a result reads as empty, as one whose saved result is "" must
    // (exceljs cannot tell the two apart).
    row.getCell(PAPER_FORM_HEADER.indexOf('文字评价') + 1).value = {
      formula: 'IF(A2="x","","y")',
    } as ExcelJS.CellValue;
    const read = await readBook(sheet.workbook);
    assert.deepEqual(read.rows[0]!.uncalculated, { 评价日期: '=DATE(2026,11,21)' });
    assert.equal(read.rows[0]!.cells['文字评价'], undefined);
    assert.equal(read.rows[0]!.cells['评价日期'], undefined);
    assert.throws(
      () => readPaperFormRow(read.rows[0]!, new Date('2026-11-26T10:00:00+08:00')),
      (error: unknown) =>
        error instanceof DomainError &&
        error.id === 'import.formula_without_result' &&
        error.details.column === '评价日期' &&
        error.details.formula === '=DATE(2026,11,21)',
    );
  });

  it('given a workbook read off the main thread (an upload), then the same rows as readSheet, the same refusals as DomainErrors, and one of more data rows than allowed refused', async function () {
    // The reader thread's first start loads TypeScript and exceljs (about a second on a loaded machine).
    this.timeout(30_000);
    const rows = Array.from({ length: 4_500 }, (_, index) => ({
      办件编号: `A-${index}`,
      评价等级: index % 2 ? '满意' : '不满意',
      文字评价: index % 2 ? null : '排队\t太久',
      评价日期: 46346,
    }));
    const file = await workbookOf(PAPER_FORM_HEADER, rows);
    const offThread = await readSheetOffThread(file, PAPER_FORM_LAYOUT, { maxRows: 4_500 });
    assert.deepEqual(offThread, await readSheet(file, PAPER_FORM_LAYOUT));
    assert.equal(offThread.rows.length, 4_500, 'every batch arrived, in order');
    await assert.rejects(
      readSheetOffThread(file, PAPER_FORM_LAYOUT, { maxRows: 4_499 }),
      (error: unknown) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.id, 'import.too_many_rows');
        assert.deepEqual(error.details, { maxRows: 4_499 });
        return true;
      },
    );
    const lostDigits = await workbookOf(PAPER_FORM_HEADER, [
      { 办件编号: Number('123456789012345678'), 评价等级: '满意' },
    ]);
    await assert.rejects(readSheetOffThread(lostDigits, PAPER_FORM_LAYOUT), {
      id: 'import.number_lost_digits',
      details: { cells: ['第 2 行 办件编号'], count: 1 },
    });
    await assert.rejects(readSheetOffThread(Buffer.from('办件编号,评价等级'), PAPER_FORM_LAYOUT), {
      id: 'import.file_unreadable',
    });
  });
});
