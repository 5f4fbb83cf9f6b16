// The Chinese messages of file imports and of ratings without a 办件 (domain/imports/errors.ts), part of
// the one error catalogue (./errors.ts). The CLI prints them beside each refused row's number, the task list's
// 评价导入 page beside the row's particulars (the column, what was written, the limit) in Chinese: a message
// never points at `details.*`, which neither shows by that name, nor at a command a web user cannot run (the
// `--by` of import.imported_by_* is the CLI's own: the page imports as the signed-in account).
import type { ImportErrorId } from '../domain/imports/errors.ts';

export const IMPORT_ERROR_CATALOGUE: Record<ImportErrorId, { status: number; message: string }> = {
  'import.file_unreadable': {
    status: 400,
    message: '文件无法读取：请上传 Excel 工作簿（.xlsx），数据在第一个工作表，第一行为列名。',
  },
  'import.missing_columns': {
    status: 400,
    message:
      '工作表缺少必需的列：请在第一行补上缺少的列名，或改用导入模板填写（模板可在“评价导入”页面下载）。',
  },
  'import.number_lost_digits': {
    status: 400,
    message: '有单元格是超过 15 位的数字，Excel 已丢失其末尾数字：请将该列设为文本格式，重新录入后再导入。',
  },
  'import.imported_by_required': { status: 400, message: '请注明导入人：--by <姓名或用户编号>。' },
  'import.imported_by_too_long': { status: 400, message: '导入人（--by）过长：最多 64 个字符。' },
  'import.required_cell_empty': { status: 400, message: '必填项为空：请填写该列后重新导入。' },
  'import.formula_without_result': {
    status: 400,
    message:
      '单元格是未保存计算结果的公式（多见于其他软件生成的文件）：请用 Excel 或 WPS 打开后保存，或将公式复制粘贴为数值，再重新导入。',
  },
  'import.cell_error': {
    status: 400,
    message: '单元格显示 Excel 错误值（如查找公式未找到时的 #N/A）：请改正或清空后重新导入。',
  },
  'import.cell_too_long': {
    status: 400,
    message: '内容过长，超过该列的字数上限：请删减后重新导入。',
  },
  'import.unstorable_text': {
    status: 400,
    message: '内容含有无法保存的字符（空字符或不成对的代理项）：请删除后重新导入。',
  },
  'import.too_many_tags': { status: 400, message: '勾选的评价内容过多：最多 20 项。' },
  'import.unknown_yes_no': { status: 400, message: '应填“是”或“否”（也可填“实名”或“匿名”），或留空表示否。' },
  'import.invalid_phone': {
    status: 400,
    message: '联系电话格式不正确：只能包含数字、“+”和“-”，长度 5 至 20 位。',
  },
  'import.invalid_date': {
    status: 400,
    message: '日期格式不正确：请填写 YYYY-MM-DD 或 YYYY-MM-DD HH:mm（北京时间）。',
  },
  'import.date_in_future': { status: 400, message: '评价日期晚于导入时间，请核对。' },
  'import.date_too_early': {
    status: 400,
    message: '评价日期早于工作日历的起始年份，请核对：只填了时间的单元格，Excel 会当作 1899 年 12 月 30 日。',
  },
  'import.unknown_choice': {
    status: 400,
    message: '填写的值不在可选范围内：请改为该列可填写的值之一。',
  },
  'import.duplicate_in_file': {
    status: 400,
    message: '本文件中已有同一办件（或同一来源编号）的评价，每次服务只能评价一次：请删去重复的行。',
  },
  'import.row_changed_after_import': {
    status: 409,
    message:
      '该行此前已导入，但内容与已导入的评价不同，本行未导入：已导入的评价作为存证保留，不作修改。如确属录入错误：已立案的差评由责任单位在差评处置中提出申诉，其他情形请报政务服务管理部门。',
  },
  'import.outside_jurisdiction': {
    status: 403,
    message:
      '该行评价的办件（或评价对象）不属于您所辖地区的单位，不能由您导入：请交由其所属地区的政务服务管理部门导入。',
  },
  'import.too_many_rows': {
    status: 413,
    message: '文件行数超过网页导入每个文件的上限：请拆分为多个文件分别导入（已导入的行再次导入时会跳过）。',
  },
  'import.file_too_large_to_read': {
    status: 413,
    message:
      '文件内容过多，无法读取（单元格过多）：请只保留模板中的列、删除多余的工作表和空白格式，并拆分为多个文件导入。',
  },
  'import.unknown_kind': {
    status: 404,
    message:
      '导入种类不存在：应为 paper-forms（书面评价表）、public-comments（综合点评）或 surveys（监督查评）。',
  },
  'subject_evaluation.channel_not_of_kind': {
    status: 400,
    message: '渠道与评价类别不符：综合点评的渠道为意见箱、热线、电子邮件；监督查评的渠道为调查。',
  },
  'subject_evaluation.unknown_subject': {
    status: 400,
    message: '评价对象不存在：请核对服务机构编号、事项编码或平台编号。',
  },
};
