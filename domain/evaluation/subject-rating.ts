// A rating without a 办件 (art. 14–15): checked by the rules every rating passes (art. 8: a 差评 needs
// ticked content or text), its subject must exist, the rater's data masked and encrypted as the intake
// does (./intake.ts). art. 9 and 10 are about 办件 and do not apply.
import { DomainError } from '../errors.ts';
import { checkBadReviewContent } from './rules.ts';
import { checkTags, type PresetTag } from './tags.ts';
import { isBadReview } from './levels.ts';
import { maskName, maskPhone } from './masking.ts';
import { ratedDimensions, type DimensionRatings } from './dimensions.ts';
import type { EvaluationLevel } from './levels.ts';
import type { Protector } from './intake.ts';
import type { RatedSubject, SubjectChannel, SubjectKind, SubjectLedgerRow } from './subject-ledger.ts';

export interface SubjectEvaluationInput {
  kind: SubjectKind;
  channel: SubjectChannel;
  sourceRef: string;
  subject: RatedSubject;
  level: EvaluationLevel;
  dimensions?: DimensionRatings | undefined;
  tags: string[];
  text: string;
  realName: boolean;
  rater?: { name?: string | undefined; phone?: string | undefined } | undefined;
  ratedAt: Date;
}

export interface NewSubjectEvaluation extends SubjectLedgerRow {
  level: EvaluationLevel;
  raterNameMasked: string | null;
  raterPhoneMasked: string | null;
  /** A 差评 among the 综合点评 opens a case (art. 16–17); a survey's ratings are supervisors' findings. */
  opensCase: boolean;
}

export interface SubjectPreparationContext {
  /** Whether the institution, item or platform exists. */
  subjectExists: boolean;
  /** The preset content in force (art. 8). */
  presetTags: readonly PresetTag[];
  protector: Protector;
  id: string;
  recordedBy: string;
}

/** art. 14: the public comments by post, phone or mail; art. 15: the surveys supervisors run. */
const KIND_CHANNELS: Record<SubjectKind, readonly SubjectChannel[]> = {
  'public-comment': ['suggestion-box', 'hotline', 'email'],
  'supervision-survey': ['survey'],
};

export function prepareSubjectEvaluation(
  input: SubjectEvaluationInput,
  context: SubjectPreparationContext,
): NewSubjectEvaluation {
  checkBadReviewContent(input.level, input.tags, input.text);
  checkTags(input.level, input.tags, context.presetTags);
  if (!KIND_CHANNELS[input.kind].includes(input.channel)) {
    throw new DomainError('subject_evaluation.channel_not_of_kind', {
      kind: input.kind,
      channel: input.channel,
    });
  }
  if (!context.subjectExists) {
    throw new DomainError('subject_evaluation.unknown_subject', { ...input.subject });
  }
  const name = input.rater?.name?.trim() || null;
  const phone = input.rater?.phone?.trim() || null;
  const { protector } = context;
  return {
    id: context.id,
    kind: input.kind,
    channel: input.channel,
    sourceRef: input.sourceRef,
    subject: input.subject,
    level: input.level,
    dimensions: ratedDimensions(input.dimensions),
    tags: [...new Set(input.tags)],
    text: input.text.trim(),
    realName: input.realName,
    raterNameMasked: name ? maskName(name) : null,
    raterNameEncrypted: name ? protector.encrypt(name) : null,
    raterPhoneMasked: phone ? maskPhone(phone) : null,
    raterPhoneEncrypted: phone ? protector.encrypt(phone) : null,
    ratedAt: input.ratedAt,
    recordedBy: context.recordedBy,
    opensCase: input.kind === 'public-comment' && isBadReview(input.level),
  };
}
