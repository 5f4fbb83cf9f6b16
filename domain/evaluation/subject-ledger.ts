// The sibling ledger of ratings without a 办件 (综合点评, 监督查评; migrations/…_subject_evaluations.ts):
// its own chain, hash = sha256(previous hash + "\n" + canonical row), like `evaluations` (./ledger.ts),
// over its own fixed field order. Unlike the first ledger it covers the four dimensions and who recorded
// the rating, since it had no rows to stay compatible with.
import { dimensionLevels } from './dimensions.ts';
import { ledgerTimeText } from './ledger.ts';
import { hash } from 'node:crypto';
import type { DimensionRatings } from './dimensions.ts';
import { CHANNEL_LABELS } from './channels.ts';

export const SUBJECT_KINDS = ['public-comment', 'supervision-survey'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  'public-comment': '综合点评',
  'supervision-survey': '监督查评',
};

/** art. 14: suggestion box, hotline, e-mail; art. 15: surveys. */
export const SUBJECT_CHANNELS = ['suggestion-box', 'hotline', 'email', 'survey'] as const;
export type SubjectChannel = (typeof SUBJECT_CHANNELS)[number];

export const SUBJECT_CHANNEL_LABELS: Record<SubjectChannel, string> = {
  'suggestion-box': '意见箱',
  hotline: '12345热线',
  email: '电子邮件',
  survey: '调查',
};

/** The Chinese name of a rating's channel, whichever ledger the rating is in; an unknown code as it is. */
export function ratingChannelLabel(channel: string): string {
  return (
    (CHANNEL_LABELS as Record<string, string>)[channel] ??
    (SUBJECT_CHANNEL_LABELS as Record<string, string>)[channel] ??
    channel
  );
}

export const SUBJECT_TYPE_LABELS: Record<RatedSubject['type'], string> = {
  institution: '服务机构',
  item: '政务服务事项',
  platform: '政务服务平台',
};

/** What is rated: exactly one of them. */
export type RatedSubject =
  { type: 'institution'; id: string } | { type: 'item'; id: string } | { type: 'platform'; id: string };

export interface SubjectLedgerRow {
  id: string;
  kind: SubjectKind;
  channel: SubjectChannel;
  sourceRef: string;
  subject: RatedSubject;
  level: string;
  dimensions: DimensionRatings | null;
  tags: readonly string[];
  text: string;
  realName: boolean;
  raterNameEncrypted: string | null;
  raterPhoneEncrypted: string | null;
  ratedAt: Date;
  /** Verify only: microseconds beyond the stored time's millisecond, as in the ratings ledger (ledgerTimeText). */
  ratedAtMicros?: number;
  recordedBy: string;
}

const subjectId = (row: SubjectLedgerRow, type: RatedSubject['type']) =>
  row.subject.type === type ? row.subject.id : null;

/** Fixed order and explicit forms: the columns of subject_evaluations, NULL as null. */
export function canonicalSubjectRow(row: SubjectLedgerRow): string {
  return JSON.stringify([
    row.id,
    row.kind,
    row.channel,
    row.sourceRef,
    subjectId(row, 'institution'),
    subjectId(row, 'item'),
    subjectId(row, 'platform'),
    row.level,
    ...dimensionLevels(row.dimensions),
    [...row.tags],
    row.text,
    row.realName,
    row.raterNameEncrypted,
    row.raterPhoneEncrypted,
    ledgerTimeText(row.ratedAt, row.ratedAtMicros),
    row.recordedBy,
  ]);
}

export function subjectChainHash(previousHash: string, row: SubjectLedgerRow): string {
  return hash('sha256', `${previousHash}\n${canonicalSubjectRow(row)}`, 'hex');
}
