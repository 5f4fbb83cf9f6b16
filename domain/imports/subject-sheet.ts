// 综合点评 (suggestion box, hotline, e-mail) and 监督查评 (surveys) as sheets: ratings of an institution, a
// service item or a platform without a 办件 (art. 14–15; docs/imports.md). One layout for both kinds; the
// command names the kind. Each row carries its own source reference (the slip, work order, e-mail or
// questionnaire number), which makes a repeated import store nothing twice.
import { DIMENSION_LABELS, EVALUATION_DIMENSIONS } from '../evaluation/dimensions.ts';
import {
  LIMITS,
  SHARED_COLUMN_ALIASES,
  choiceCell,
  dateCell,
  dimensionCells,
  levelCell,
  phoneCell,
  requiredCell,
  tagCells,
  textCell,
  yesNoCell,
  checkNoCellErrors,
  type SheetRow,
} from './cells.ts';
import type { SubjectEvaluationInput } from '../evaluation/subject-rating.ts';
import type { RatedSubject, SubjectChannel, SubjectKind } from '../evaluation/subject-ledger.ts';

export const SUBJECT_COLUMNS = {
  sourceRef: '来源编号',
  channel: '渠道',
  subjectType: '评价对象类型',
  subjectId: '评价对象编号',
  level: '评价等级',
  tags: '标签',
  text: '文字评价',
  realName: '实名',
  name: '评价人',
  phone: '联系电话',
  ratedOn: '评价日期',
} as const;

export const SUBJECT_HEADER: readonly string[] = [
  SUBJECT_COLUMNS.sourceRef,
  SUBJECT_COLUMNS.channel,
  SUBJECT_COLUMNS.subjectType,
  SUBJECT_COLUMNS.subjectId,
  SUBJECT_COLUMNS.level,
  ...EVALUATION_DIMENSIONS.map((dimension) => DIMENSION_LABELS[dimension]),
  SUBJECT_COLUMNS.tags,
  SUBJECT_COLUMNS.text,
  SUBJECT_COLUMNS.realName,
  SUBJECT_COLUMNS.name,
  SUBJECT_COLUMNS.phone,
  SUBJECT_COLUMNS.ratedOn,
];

export const SUBJECT_ALIASES: Readonly<Record<string, string>> = {
  ...SHARED_COLUMN_ALIASES,
  问卷编号: SUBJECT_COLUMNS.sourceRef,
  工单编号: SUBJECT_COLUMNS.sourceRef,
};

const layoutRequiring = (required: readonly string[]) => ({
  columns: SUBJECT_HEADER,
  required,
  aliases: SUBJECT_ALIASES,
  dateColumns: [SUBJECT_COLUMNS.ratedOn],
});

const ALWAYS_REQUIRED = [
  SUBJECT_COLUMNS.sourceRef,
  SUBJECT_COLUMNS.subjectType,
  SUBJECT_COLUMNS.subjectId,
  SUBJECT_COLUMNS.level,
];

/**
 * What the sheet reader needs to know of each kind's layout (infra/imports/xlsx-sheet.ts SheetLayout). A
 * 综合点评 must name its channel, so a sheet without 渠道 is refused as a whole rather than row by row; a
 * 监督查评's channel is 调查 when not given.
 */
export const SUBJECT_LAYOUTS = {
  'public-comment': layoutRequiring([...ALWAYS_REQUIRED, SUBJECT_COLUMNS.channel]),
  'supervision-survey': layoutRequiring(ALWAYS_REQUIRED),
} as const satisfies Record<SubjectKind, unknown>;

// Beside the names the template offers, the words of the measures (热线电话, 电子邮箱, 政务服务机构) and the
// 12345 hotline by its number.
const CHANNELS: Record<SubjectKind, Readonly<Record<string, SubjectChannel>>> = {
  'public-comment': {
    意见箱: 'suggestion-box',
    热线: 'hotline',
    热线电话: 'hotline',
    '12345': 'hotline',
    '12345热线': 'hotline',
    电子邮件: 'email',
    电子邮箱: 'email',
    邮件: 'email',
  },
  'supervision-survey': { 调查: 'survey', 问卷调查: 'survey', 监督查评: 'survey' },
};

const SUBJECT_TYPES = {
  服务机构: 'institution',
  政务服务机构: 'institution',
  窗口: 'institution',
  政务服务事项: 'item',
  事项: 'item',
  政务服务平台: 'platform',
  平台: 'platform',
} as const satisfies Record<string, RatedSubject['type']>;

export interface SubjectSheetRating {
  input: SubjectEvaluationInput;
  /** The row gave its date (else the rating is dated when imported). */
  datedOnForm: boolean;
}

/** One row as a rating of its kind, or a DomainError naming the cell. */
export function readSubjectRow(row: SheetRow, kind: SubjectKind, now: Date): SubjectSheetRating {
  const columns = SUBJECT_COLUMNS;
  checkNoCellErrors(row);
  const ratedOn = dateCell(row, columns.ratedOn, now);
  const surveyDefault = kind === 'supervision-survey' ? ('survey' as const) : undefined;
  const name = textCell(row, columns.name, LIMITS.name);
  const phone = phoneCell(row, columns.phone);
  const input: SubjectEvaluationInput = {
    kind,
    sourceRef: requiredCell(row, columns.sourceRef, LIMITS.sourceRef),
    channel: choiceCell(row, columns.channel, CHANNELS[kind], surveyDefault),
    subject: {
      type: choiceCell(row, columns.subjectType, SUBJECT_TYPES),
      id: requiredCell(row, columns.subjectId, LIMITS.serviceRecordId),
    },
    level: levelCell(row, columns.level),
    dimensions: dimensionCells(row),
    tags: tagCells(row, columns.tags),
    text: textCell(row, columns.text, LIMITS.text),
    realName: yesNoCell(row, columns.realName),
    rater: name || phone ? { name: name || undefined, phone } : undefined,
    ratedAt: ratedOn?.at ?? now,
  };
  return { input, datedOnForm: ratedOn !== undefined };
}
