// Template workbooks for the imports (`hcp import template …`): the sheet 评价 with the documented header only,
// its number and phone columns text columns (Excel drops a phone's leading 0 and a long number's last digits),
// and a second sheet 说明 listing each column's meaning, values and an example (the same words as
// docs/imports.md). The example is never on the 评价 sheet: imported as it stood, it would be a rating nobody
// gave (art. 11).
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { EVALUATION_LEVELS, LEVEL_LABELS } from '../../domain/evaluation/levels.ts';
import { PAPER_FORM_HEADER } from '../../domain/imports/paper-form-sheet.ts';
import { SUBJECT_HEADER } from '../../domain/imports/subject-sheet.ts';
import type { FileImportKind } from './file-imports.ts';

const LEVELS_TEXT = EVALUATION_LEVELS.map((level) => LEVEL_LABELS[level]).join('、');
const DIMENSION_NOTE = `可选，${LEVELS_TEXT}之一`;

const COMMON_NOTES: Record<string, string> = {
  评价等级: `必填，${LEVELS_TEXT}之一；不满意、非常不满意为差评，须填写标签或文字评价`,
  服务态度: DIMENSION_NOTE,
  服务质量: DIMENSION_NOTE,
  服务效率: DIMENSION_NOTE,
  服务环境: DIMENSION_NOTE,
  标签: '可选，勾选的评价内容，多项以顿号、逗号或分号分隔，最多 20 项',
  文字评价: '可选，最多 2000 字',
  实名: '可选，是或否（留空为否）',
  评价人: '可选，评价人姓名（加密保存，显示时脱敏）',
  联系电话: '可选，加密保存，显示时脱敏',
  评价日期: '可选，YYYY-MM-DD 或 YYYY-MM-DD HH:mm（北京时间）；留空为导入时间',
};

const LAYOUTS: Record<
  FileImportKind,
  { header: readonly string[]; example: string[]; notes: Record<string, string> }
> = {
  'paper-forms': {
    header: PAPER_FORM_HEADER,
    example: [
      'XA-2026-000001',
      '办件服务',
      '不满意',
      '',
      '',
      '满意',
      '',
      '态度生硬、窗口空岗',
      '等候太久',
      '是',
      '张三',
      '13812345678',
      '2026-11-20',
    ],
    notes: {
      办件编号: '必填，办件回执上的办件编号（请将本列设为文本格式）',
      评价对象: '可选，办件服务或政务服务平台（留空为办件服务）',
      ...COMMON_NOTES,
    },
  },
  'public-comments': {
    header: SUBJECT_HEADER,
    example: [
      'YJX-2026-0001',
      '意见箱',
      '服务机构',
      'xa-hall-w01',
      '满意',
      '',
      '',
      '',
      '',
      '热情周到',
      '',
      '否',
      '',
      '',
      '2026-11-20',
    ],
    notes: {
      来源编号: '必填，意见卡、热线工单或邮件的编号；同一编号只导入一次',
      渠道: '必填，意见箱、热线或电子邮件',
      评价对象类型: '必填，服务机构、政务服务事项或政务服务平台',
      评价对象编号: '必填，服务机构编号、事项编码或平台编号',
      ...COMMON_NOTES,
    },
  },
  surveys: {
    header: SUBJECT_HEADER,
    example: [
      'DC-2026-11-0001',
      '调查',
      '政务服务事项',
      'XA-SC-0001',
      '基本满意',
      '满意',
      '基本满意',
      '',
      '',
      '材料繁琐/重复提交',
      '',
      '否',
      '',
      '',
      '2026-11-20',
    ],
    notes: {
      来源编号: '必填，调查编号与问卷编号；同一编号只导入一次',
      渠道: '可选，调查（留空为调查）',
      评价对象类型: '必填，服务机构、政务服务事项或政务服务平台',
      评价对象编号: '必填，服务机构编号、事项编码或平台编号',
      ...COMMON_NOTES,
    },
  },
};

/** Columns kept as text (Excel's format "@"): numbers written in them stay as written. */
const TEXT_COLUMNS = new Set(['办件编号', '来源编号', '评价对象编号', '联系电话']);

/** The template as an .xlsx workbook's bytes (the web import's download). */
export async function templateWorkbook(kind: FileImportKind): Promise<Buffer> {
  const layout = LAYOUTS[kind];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('评价');
  sheet.addRow([...layout.header]);
  sheet.getRow(1).font = { bold: true };
  layout.header.forEach((column, index) => {
    // A column's format is what Excel gives the cells typed into it.
    if (TEXT_COLUMNS.has(column)) sheet.getColumn(index + 1).numFmt = '@';
  });
  const notes = workbook.addWorksheet('说明');
  notes.addRow(['请在“评价”工作表中从第 2 行起每行填写一份评价；下表的示例仅供参考，不会被导入。']);
  notes.addRow(['列名', '填写说明', '示例']);
  notes.getRow(2).font = { bold: true };
  layout.header.forEach((column, index) => {
    notes.addRow([column, layout.notes[column] ?? '', layout.example[index] ?? '']);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeTemplate(kind: FileImportKind, path: string): Promise<void> {
  await writeFile(path, await templateWorkbook(kind));
}

/** The file name a template is offered under: 书面评价表导入模板.xlsx, … */
export const TEMPLATE_FILE_NAMES: Record<FileImportKind, string> = {
  'paper-forms': '书面评价表导入模板.xlsx',
  'public-comments': '综合点评导入模板.xlsx',
  surveys: '监督查评导入模板.xlsx',
};
