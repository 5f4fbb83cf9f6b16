// The paper rating form (书面评价表, art. 12) as a sheet: the documented columns (docs/imports.md) and one
// row read into the same EvaluationInput the rating API builds, so the same rules judge it
// (domain/evaluation/intake.ts prepareEvaluation; art. 9 in the store). The rating counts as given on the
// date written on the form; without one, when it is imported.
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
  type FormDate,
  checkNoCellErrors,
  type SheetRow,
} from './cells.ts';
import type { EvaluationInput } from '../evaluation/intake.ts';

export const PAPER_FORM_COLUMNS = {
  serviceRecordId: '办件编号',
  target: '评价对象',
  level: '评价等级',
  tags: '标签',
  text: '文字评价',
  realName: '实名',
  name: '评价人',
  phone: '联系电话',
  ratedOn: '评价日期',
} as const;

/** Every column in the template's order; the first row of the sheet names them (any order, extra ignored). */
export const PAPER_FORM_HEADER: readonly string[] = [
  PAPER_FORM_COLUMNS.serviceRecordId,
  PAPER_FORM_COLUMNS.target,
  PAPER_FORM_COLUMNS.level,
  ...EVALUATION_DIMENSIONS.map((dimension) => DIMENSION_LABELS[dimension]),
  PAPER_FORM_COLUMNS.tags,
  PAPER_FORM_COLUMNS.text,
  PAPER_FORM_COLUMNS.realName,
  PAPER_FORM_COLUMNS.name,
  PAPER_FORM_COLUMNS.phone,
  PAPER_FORM_COLUMNS.ratedOn,
];

const PAPER_FORM_REQUIRED_COLUMNS = [PAPER_FORM_COLUMNS.serviceRecordId, PAPER_FORM_COLUMNS.level];

/**
 * What the sheet reader needs to know of the layout (infra/imports/xlsx-sheet.ts SheetLayout); the other
 * names people write for a column are those every layout shares.
 */
export const PAPER_FORM_LAYOUT = {
  columns: PAPER_FORM_HEADER,
  required: PAPER_FORM_REQUIRED_COLUMNS,
  aliases: SHARED_COLUMN_ALIASES,
  dateColumns: [PAPER_FORM_COLUMNS.ratedOn],
};

const TARGETS = {
  办件服务: 'service',
  事项服务: 'service',
  政务服务平台: 'platform',
  平台: 'platform',
} as const;

export interface PaperFormRating {
  input: EvaluationInput;
  /** The date on the form; undefined: the import's time (see formRatedAt). */
  ratedOn: FormDate | undefined;
}

/** One row as a rating, or a DomainError naming the cell (the caller reports it with the row number). */
export function readPaperFormRow(row: SheetRow, now: Date): PaperFormRating {
  const columns = PAPER_FORM_COLUMNS;
  checkNoCellErrors(row);
  const name = textCell(row, columns.name, LIMITS.name);
  const phone = phoneCell(row, columns.phone);
  return {
    input: {
      serviceRecordId: requiredCell(row, columns.serviceRecordId, LIMITS.serviceRecordId),
      target: choiceCell(row, columns.target, TARGETS, 'service'),
      scope: 'item',
      channel: 'paper-form',
      level: levelCell(row, columns.level),
      dimensions: dimensionCells(row),
      tags: tagCells(row, columns.tags),
      text: textCell(row, columns.text, LIMITS.text),
      realName: yesNoCell(row, columns.realName),
      rater: name || phone ? { name: name || undefined, phone } : undefined,
    },
    ratedOn: dateCell(row, columns.ratedOn, now),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a form counts as given. A date with a time: that time. A date alone says the day, not the hour: the
 * form was filled in that day, at the earliest when the 办件 was accepted or completed that day — a form
 * dated the day a 办件 was completed counts from its completion, not from the midnight before it.
 */
export function formRatedAt(
  ratedOn: FormDate,
  record: { acceptedAt: Date; completedAt: Date | null } | undefined,
): Date {
  if (!ratedOn.dayOnly || !record) return ratedOn.at;
  const dayStart = ratedOn.at.getTime();
  const sameDay = (moment: Date | null) =>
    moment !== null && moment.getTime() >= dayStart && moment.getTime() < dayStart + DAY_MS
      ? moment.getTime()
      : dayStart;
  return new Date(Math.max(dayStart, sameDay(record.acceptedAt), sameDay(record.completedAt)));
}
