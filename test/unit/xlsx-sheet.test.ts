// Reading an .xlsx sheet into text rows (issue 5, infra/imports/xlsx-sheet.ts): dates whatever format Excel
// gave them, and numbers that have lost digits refused before any row is judged.
import assert from 'node:assert/strict';
import { readSheet } from '../../infra/imports/xlsx-sheet.ts';
import { PAPER_FORM_HEADER, PAPER_FORM_LAYOUT } from '../../domain/imports/paper-form-sheet.ts';
import { workbookOf } from '../support/workbooks.ts';

describe('reading an .xlsx sheet (issue 5)', () => {
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
});
