// Ratings imported from Excel files (docs/imports.md): the three kinds, their templates, an upload and the
// latest runs, as the server answers them (server/api/imports/routes.ts).
import { get, request } from './api.ts';
import { formatTime, levelLabel, SUBJECT_TYPE_LABELS } from './labels.ts';
import type { FileImportKind } from '../../infra/imports/file-imports.ts';

// The server's names of the kinds (infra/imports/file-imports.ts), for the view.
export type { FileImportKind };

/** What each kind is called, and what its runs are recorded as (rating_imports.kind). */
export const IMPORT_KINDS: { kind: FileImportKind; label: string; recordedAs: string; note: string }[] = [
  {
    kind: 'paper-forms',
    label: '书面评价表',
    recordedAs: 'paper-form',
    note: '窗口收集的纸质评价表，按办件编号逐份录入',
  },
  {
    kind: 'public-comments',
    label: '综合点评',
    recordedAs: 'public-comment',
    note: '意见箱、12345 热线、电子邮件对服务机构、事项或平台的评价（无办件）',
  },
  {
    kind: 'surveys',
    label: '监督查评',
    recordedAs: 'supervision-survey',
    note: '政务服务管理部门组织的调查问卷',
  },
];

export function importKindLabel(recordedAs: string): string {
  return IMPORT_KINDS.find((kind) => kind.recordedAs === recordedAs)?.label ?? recordedAs;
}

export const templateUrl = (kind: FileImportKind) => `/api/imports/templates/${kind}`;

export interface RefusedImportRow {
  rowNumber: number;
  errorId: string;
  message: string;
  details: Record<string, unknown>;
}

export interface ImportReport {
  importId: string;
  total: number;
  stored: number;
  skipped: number;
  casesOpened: number;
  archive: boolean;
  refused: RefusedImportRow[];
}

export interface ImportRun {
  id: string;
  kind: string;
  fileName: string;
  importedBy: string;
  importedByName: string | null;
  importedAt: string;
  archive: boolean;
  result: { total: number; stored: number; skipped: number; refused: number; finishedAt: string } | null;
}

export function uploadImport(kind: FileImportKind, file: File, archive: boolean): Promise<ImportReport> {
  const body = new FormData();
  body.append('file', file, file.name);
  if (archive) body.append('archive', 'true');
  return request<ImportReport>('POST', `/imports/${kind}`, body);
}

export async function recentImports(): Promise<ImportRun[]> {
  return (await get<{ runs: ImportRun[] }>('/imports')).runs;
}

/** The names of a refused row's particulars (DomainError details) as an official reads them. */
const DETAIL_LABELS: Record<string, string> = {
  column: '列',
  value: '填写的内容',
  formula: '公式',
  maxLength: '最多字符数',
  max: '最多项数',
  level: '评价等级',
  id: '办件编号',
  serviceRecordId: '办件编号',
  sourceRef: '来源编号',
  departmentId: '所属单位',
  tag: '评价内容',
  offered: '可选的评价内容',
  known: '可填写',
  missing: '缺少的列',
  evaluationId: '已存评价编号',
  importedAtRow: '此前导入时的行号',
  acceptedAt: '受理时间',
  ratedAt: '评价时间',
  windowClosesAt: '评价期限截止',
  promisedAt: '承诺办结时间',
  rateableFrom: '可评价起始时间',
  provisional: '按暂定日历计算',
  recordedUnrated: '已记为未评',
  earliestYear: '最早年份',
  type: '评价对象类型',
  batchId: '批次编号',
  themeId: '主题编号',
  serviceChannel: '办理渠道',
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Labels that depend on the error: a subject's `id` is no 办件's (subject_evaluation.unknown_subject). */
const DETAIL_LABELS_OF_ERROR: Record<string, Record<string, string>> = {
  'subject_evaluation.unknown_subject': { id: '评价对象编号' },
};

function detailValue(key: string, value: unknown, nameOf: (departmentId: string) => string): string {
  if (Array.isArray(value)) return value.map((entry) => detailValue(key, entry, nameOf)).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value !== 'string') return String(value);
  if (key === 'level') return levelLabel(value);
  if (key === 'type') return (SUBJECT_TYPE_LABELS as Record<string, string>)[value] ?? value;
  if (key === 'departmentId') return nameOf(value);
  if (INSTANT.test(value)) return formatTime(value);
  return value;
}

/** A refused row's particulars (the column, what was written, the limit) as one line in Chinese. */
export function detailText(
  row: Pick<RefusedImportRow, 'errorId' | 'details'>,
  nameOf: (departmentId: string) => string = (id) => id,
): string {
  const labels = { ...DETAIL_LABELS, ...DETAIL_LABELS_OF_ERROR[row.errorId] };
  return Object.entries(row.details)
    .map(([key, value]) => `${labels[key] ?? key}：${detailValue(key, value, nameOf)}`)
    .join('；');
}

type Particulars = (details: Record<string, unknown>) => string | undefined;

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];

/**
 * What a file refused as a whole names, in Chinese: the columns missing, the rows a page takes, the cells Excel
 * cut (infra/imports/xlsx-sheet.ts names the first few and counts all). Other refusals name nothing an
 * official can act on (an unreadable file's reason is the reader's, in English).
 */
const FILE_REFUSAL_PARTICULARS: Record<string, Particulars> = {
  'import.missing_columns': ({ missing }) =>
    texts(missing).length > 0 ? `缺少的列：${texts(missing).join('、')}。` : undefined,
  'import.too_many_rows': ({ maxRows }) =>
    typeof maxRows === 'number'
      ? `网页导入每个文件最多 ${maxRows.toLocaleString('zh-CN')} 行（第一行列名不计）。`
      : undefined,
  'import.number_lost_digits': ({ cells, count }) => {
    const named = texts(cells);
    if (named.length === 0) return undefined;
    const more = typeof count === 'number' && count > named.length ? `等 ${count} 处` : '';
    return `超过 15 位的数字在：${named.join('、')}${more}。`;
  },
};

/** A file refused as a whole, as the page shows it: the catalogue message and what it names (else ''). */
export interface FileRefusal {
  message: string;
  particulars: string;
}

export function fileRefusalText(error: {
  id: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}): FileRefusal {
  const particulars = FILE_REFUSAL_PARTICULARS[error.id]?.(error.details ?? {}) ?? '';
  return { message: error.message, particulars };
}
