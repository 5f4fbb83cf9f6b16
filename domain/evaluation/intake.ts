// Taking one rating in: check it by the rules, protect the rater's data, and hand it to the store,
// which appends it to the ledger and, for a 差评, opens the case and its start order in one transaction.
import { DomainError } from '../errors.ts';
import { checkBadReviewContent } from './rules.ts';
import { isBadReview } from './levels.ts';
import { maskName, maskPhone } from './masking.ts';
import type { EvaluationLevel } from './levels.ts';
import type { EvaluationChannel } from './channels.ts';

export interface EvaluationInput {
  serviceRecordId: string;
  target: 'service' | 'platform';
  channel: EvaluationChannel;
  level: EvaluationLevel;
  tags: string[];
  text: string;
  realName: boolean;
  rater?: { name?: string | undefined; phone?: string | undefined } | undefined;
}

export interface NewEvaluation {
  id: string;
  serviceRecordId: string;
  target: 'service' | 'platform';
  channel: EvaluationChannel;
  level: EvaluationLevel;
  tags: string[];
  text: string;
  realName: boolean;
  raterNameMasked: string | null;
  raterNameEncrypted: string | null;
  raterPhoneMasked: string | null;
  raterPhoneEncrypted: string | null;
  ratedAt: Date;
  opensCase: boolean;
}

export interface ServiceRecordFacts {
  id: string;
  platformId: string | null;
}

export interface EvaluationStore {
  findServiceRecord(id: string): Promise<ServiceRecordFacts | undefined>;
  /** Appends the rating (and for a 差评 its case and outbox row) atomically; refuses a duplicate. */
  append(evaluation: NewEvaluation): Promise<void>;
}

export interface Protector {
  encrypt(plain: string): string;
}

export interface EvaluationIntakeDeps {
  store: EvaluationStore;
  protector: Protector;
  clock: () => Date;
  newId: () => string;
}

export interface SubmittedEvaluation {
  id: string;
  opensCase: boolean;
  ratedAt: Date;
}

export function createEvaluationIntake({ store, protector, clock, newId }: EvaluationIntakeDeps) {
  return {
    async submit(input: EvaluationInput): Promise<SubmittedEvaluation> {
      checkBadReviewContent(input.level, input.tags, input.text);
      const record = await store.findServiceRecord(input.serviceRecordId);
      if (!record) throw new DomainError('evaluation.unknown_service_record', { id: input.serviceRecordId });
      if (input.target === 'platform' && !record.platformId) {
        throw new DomainError('evaluation.no_platform', { id: input.serviceRecordId });
      }
      const name = input.rater?.name?.trim() || null;
      const phone = input.rater?.phone?.trim() || null;
      const evaluation: NewEvaluation = {
        id: newId(),
        serviceRecordId: record.id,
        target: input.target,
        channel: input.channel,
        level: input.level,
        tags: [...new Set(input.tags)],
        text: input.text.trim(),
        realName: input.realName,
        raterNameMasked: name ? maskName(name) : null,
        raterNameEncrypted: name ? protector.encrypt(name) : null,
        raterPhoneMasked: phone ? maskPhone(phone) : null,
        raterPhoneEncrypted: phone ? protector.encrypt(phone) : null,
        ratedAt: clock(),
        opensCase: isBadReview(input.level),
      };
      await store.append(evaluation);
      return { id: evaluation.id, opensCase: evaluation.opensCase, ratedAt: evaluation.ratedAt };
    },
  };
}

export type EvaluationIntake = ReturnType<typeof createEvaluationIntake>;
