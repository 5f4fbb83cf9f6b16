// Taking one rating in: check it by the rules, protect the rater's data, and hand it to the store,
// which appends it to the ledger and, for a 差评, opens the case and its start order in one transaction.
import { DomainError } from '../errors.ts';
import { checkBadReviewContent, checkRealNameContact } from './rules.ts';
import { isBadReview } from './levels.ts';
import { maskName, maskPhone } from './masking.ts';
import { checkRateable, REPORTING_CLOCK_SKEW_MS } from './invitation.ts';
import { checkTags, type PresetTag } from './tags.ts';
import type { WorkingCalendar } from '../calendar/types.ts';
import type { EvaluationLevel } from './levels.ts';
import type { EvaluationChannel, ServiceChannel } from './channels.ts';
import { phoneLookup } from '../fraud/phone.ts';
import { ratedDimensions, type DimensionRatings } from './dimensions.ts';

/** art. 9: a rating of the 办件 itself (a batch's applies to the whole batch), or a theme's overall rating. */
export type RatingScope = 'item' | 'theme';

export interface EvaluationInput {
  serviceRecordId: string;
  target: 'service' | 'platform';
  /** Default 'item'. */
  scope?: RatingScope | undefined;
  channel: EvaluationChannel;
  level: EvaluationLevel;
  /** art. 7: the four contents, each optional. */
  dimensions?: DimensionRatings | undefined;
  tags: string[];
  text: string;
  realName: boolean;
  rater?: { name?: string | undefined; phone?: string | undefined } | undefined;
  /**
   * Whose table the tags are from: ours by default (checked against the preset content, art. 8), or a partner
   * platform's own (the province's labels), stored as it sent them.
   */
  tagTable?: 'preset' | 'partner' | undefined;
  /**
   * When the rater rated, as a partner platform reports it (its ratings may arrive later); the time it arrives
   * when not given. art. 10 is judged at this time.
   */
  ratedAt?: Date | undefined;
  /** art. 23: where the rating came from, for the fraud signals (stored beside the ledger). */
  device?: { id?: string | undefined; ip?: string | undefined; account?: string | undefined } | undefined;
}

/** What the fraud rules compare (evaluation_identifiers); never the phone itself, only its keyed hash. */
export interface RatingIdentifiers {
  phoneHash: string | null;
  deviceId: string | null;
  ip: string | null;
  account: string | null;
}

export interface NewEvaluation {
  id: string;
  serviceRecordId: string;
  target: 'service' | 'platform';
  /** Not part of the ledger row: a theme's overall rating is marked in theme_overall_ratings. */
  scope: RatingScope;
  channel: EvaluationChannel;
  level: EvaluationLevel;
  /** art. 7's four contents, in the ledger row and its hash; null when none was rated. */
  dimensions: DimensionRatings | null;
  tags: string[];
  text: string;
  realName: boolean;
  raterNameMasked: string | null;
  raterNameEncrypted: string | null;
  raterPhoneMasked: string | null;
  raterPhoneEncrypted: string | null;
  ratedAt: Date;
  opensCase: boolean;
  /** Not part of the ledger row; null when there is nothing to compare. */
  identifiers?: RatingIdentifiers | null;
}

export interface ServiceRecordFacts {
  id: string;
  /** How it was handled (service_records.channel): art. 9 rates a window visit at once, the rest once completed. */
  serviceChannel: ServiceChannel;
  platformId: string | null;
  acceptedAt: Date;
  completedAt: Date | null;
  promisedAt: Date | null;
  themeId: string | null;
  /** art. 10: the end of its rating window, once its invitation was scheduled; null before. */
  ratingWindowClosesAt: Date | null;
  /** art. 10: 未评 was recorded. */
  recordedUnrated: boolean;
}

export interface EvaluationStore {
  findServiceRecord(id: string): Promise<ServiceRecordFacts | undefined>;
  /** The preset content in force (art. 8), which ticked tags must come from. */
  presetTags(): Promise<readonly PresetTag[]>;
  /**
   * Appends the rating (and for a 差评 its case and outbox row, and for every rating the order that tells
   * the 办件's invitation process) atomically; refuses a duplicate.
   */
  append(evaluation: NewEvaluation): Promise<void>;
}

export interface Protector {
  encrypt(plain: string): string;
  /** Keyed hash for lookups (infra/protector.ts); without it no phone hash is stored. */
  lookupHash?(value: string): string;
}

export interface EvaluationIntakeDeps {
  store: EvaluationStore;
  protector: Protector;
  clock: () => Date;
  newId: () => string;
  /** The working calendar in force: art. 10 counts working days after a promised deadline. */
  workingCalendar: () => Promise<WorkingCalendar>;
}

export interface SubmittedEvaluation {
  id: string;
  opensCase: boolean;
  ratedAt: Date;
  /**
   * The 办件's invitation (art. 10) was scheduled when it was read, so the rating may have ordered the message
   * that ends it: the outbox is worth a poke. Orders written otherwise — an invitation that started in between,
   * or those of the other 办件 of a batch or theme the rating applies to — are carried out by the outbox's own
   * timer (every second), as they would be after a restart.
   */
  invitationWaits: boolean;
}

export interface PreparationContext {
  /** The 办件 as stored, or undefined when there is none of that number. */
  record: ServiceRecordFacts | undefined;
  ratedAt: Date;
  calendar: WorkingCalendar;
  /** The preset content in force (art. 8). */
  presetTags: readonly PresetTag[];
  protector: Protector;
  id: string;
}

/**
 * Every rule a rating must pass before the store sees it (art. 8, the 办件 exists and has the platform or
 * theme rated, art. 10), and the rating as the ledger stores it: rater's data masked and encrypted. The
 * HTTP intake and the file imports (paper forms) both go through here; art. 9 (one rating per occasion)
 * is the store's, under the ledger lock.
 */
export function prepareEvaluation(input: EvaluationInput, context: PreparationContext): NewEvaluation {
  const { record, ratedAt, protector } = context;
  checkBadReviewContent(input.level, input.tags, input.text);
  if (input.tagTable !== 'partner') checkTags(input.level, input.tags, context.presetTags);
  if (!record) throw new DomainError('evaluation.unknown_service_record', { id: input.serviceRecordId });
  if (input.target === 'platform' && !record.platformId) {
    throw new DomainError('evaluation.no_platform', { id: input.serviceRecordId });
  }
  if (input.scope === 'theme' && !record.themeId) {
    throw new DomainError('evaluation.no_theme', { id: input.serviceRecordId });
  }
  // A theme's overall rating rates its service; the platform of each 办件 is rated with that 办件.
  if (input.scope === 'theme' && input.target === 'platform') {
    throw new DomainError('evaluation.theme_overall_of_service', { id: input.serviceRecordId });
  }
  // art. 10: a 办件 over its promised time may be rated from the next working day after it.
  checkRateable(context.calendar, record, ratedAt);
  const name = input.rater?.name?.trim() || null;
  const phone = input.rater?.phone?.trim() || null;
  return {
    id: context.id,
    serviceRecordId: record.id,
    target: input.target,
    scope: input.scope ?? 'item',
    channel: input.channel,
    level: input.level,
    dimensions: ratedDimensions(input.dimensions),
    tags: [...new Set(input.tags)],
    text: input.text.trim(),
    realName: input.realName,
    raterNameMasked: name ? maskName(name) : null,
    raterNameEncrypted: name ? protector.encrypt(name) : null,
    raterPhoneMasked: phone ? maskPhone(phone) : null,
    raterPhoneEncrypted: phone ? protector.encrypt(phone) : null,
    ratedAt,
    opensCase: isBadReview(input.level),
    identifiers: ratingIdentifiers(input, protector.lookupHash?.bind(protector)),
  };
}

export function createEvaluationIntake({
  store,
  protector,
  clock,
  newId,
  workingCalendar,
}: EvaluationIntakeDeps) {
  return {
    async submit(input: EvaluationInput): Promise<SubmittedEvaluation> {
      // Before the lookup: a rating refused by its own content costs no query.
      checkBadReviewContent(input.level, input.tags, input.text);
      // Asked of a rater who can still add it; a form already filled in is imported as written.
      checkRealNameContact(input.realName, input.rater);
      const record = await store.findServiceRecord(input.serviceRecordId);
      if (!record) throw new DomainError('evaluation.unknown_service_record', { id: input.serviceRecordId });
      const evaluation = prepareEvaluation(input, {
        record,
        ratedAt: ratingTime(input.ratedAt, clock()),
        calendar: await workingCalendar(),
        presetTags: await store.presetTags(),
        protector,
        id: newId(),
      });
      await store.append(evaluation);
      return {
        id: evaluation.id,
        opensCase: evaluation.opensCase,
        ratedAt: evaluation.ratedAt,
        invitationWaits: record.ratingWindowClosesAt !== null,
      };
    },
  };
}

/** A reported rating time, never later than now (a clock a little ahead is taken as now). */
function ratingTime(reported: Date | undefined, now: Date): Date {
  if (reported === undefined) return now;
  if (reported.getTime() > now.getTime() + REPORTING_CLOCK_SKEW_MS) {
    throw new DomainError('evaluation.rated_in_future', { ratedAt: reported.toISOString() });
  }
  return reported.getTime() < now.getTime() ? reported : now;
}

/**
 * What the fraud signals compare. The rater's phone and account (a platform's user id, often a phone or an ID
 * number itself) are kept only as keyed hashes (art. 24): compared, never read back; without a hasher, not kept.
 */
export function ratingIdentifiers(
  input: EvaluationInput,
  lookupHash: ((value: string) => string) | undefined,
): RatingIdentifiers | null {
  const account = input.device?.account?.trim();
  const identifiers = {
    phoneHash: phoneLookup(input.rater?.phone, lookupHash),
    deviceId: input.device?.id?.trim() || null,
    ip: input.device?.ip?.trim() || null,
    account: account && lookupHash ? lookupHash(account) : null,
  };
  return Object.values(identifiers).some((value) => value !== null) ? identifiers : null;
}

export type EvaluationIntake = ReturnType<typeof createEvaluationIntake>;
