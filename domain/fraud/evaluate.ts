// All fraud rules applied to one rating: the flags it earns (none for almost every rating).
import { burstFlag, repeatedBadReviewsFlag, staffPhoneFlag, topRatingRunFlag } from './rules.ts';
import type { BurstSignal } from './rules.ts';
import type { FraudThresholds } from './thresholds.ts';
import type { FraudFlag, RatingFacts, StaffPhone } from './types.ts';

const BURSTS: readonly BurstSignal[] = ['burst-phone', 'burst-device', 'burst-ip', 'burst-account'];

export interface FraudContext {
  /** Ratings before the subject (at least the lookback of the thresholds); it may include the subject. */
  recent: readonly RatingFacts[];
  /** Staff work phones by their lookup hash. */
  staffPhones: ReadonlyMap<string, StaffPhone>;
  thresholds: FraudThresholds;
}

/**
 * The flags a rating earns, and for a burst, run or repeated 差评 the same flag on every rating of the group
 * (`details.evaluationIds`): the n-th rating is the first to cross the threshold, but the ones before it are
 * of the same burst, and a supervisor who confirms it must be able to take them all out of the statistics.
 */
export function fraudFlagsFor(subject: RatingFacts, { recent, staffPhones, thresholds }: FraudContext) {
  const flags: (FraudFlag | undefined)[] = [
    ...BURSTS.map((signal) => burstFlag(signal, subject, recent, thresholds)),
    staffPhoneFlag(subject, staffPhones),
    topRatingRunFlag(subject, recent, thresholds),
    repeatedBadReviewsFlag(subject, recent, thresholds),
  ];
  return flags
    .filter((flag): flag is FraudFlag => flag !== undefined)
    .flatMap((flag) => [flag, ...sameFlagOnGroup(flag)]);
}

/**
 * The flag on each other rating of the group. Its details name the rating whose flag lists the group
 * (`groupListedOn`) instead of repeating the list: a busy hall's address can gather hundreds of ratings in ten
 * minutes, and a list per member would grow with the square of them.
 */
function sameFlagOnGroup(flag: FraudFlag): FraudFlag[] {
  const { evaluationIds: group, ...rest } = flag.details;
  if (!Array.isArray(group)) return [];
  return group
    .filter((id): id is string => typeof id === 'string' && id !== flag.evaluationId)
    .map((id) => ({ ...flag, evaluationId: id, details: { ...rest, groupListedOn: flag.evaluationId } }));
}
