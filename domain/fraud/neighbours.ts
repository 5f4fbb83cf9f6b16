// What checking one rating must read of the ratings before it: for each identifier a rule compares, since
// when; and the window's ratings when the window rule applies. Only what the rules use (./rules.ts): a hall
// device's or a partner system's id, or a shared terminal's or hall network's IP, is compared by no rule, and
// only the phone of a 差评 looks back days (repeated 差评); every other identifier, the burst's minutes.
import { isBadReview } from '../evaluation/levels.ts';
import { hasExactTime, PARTNER_DEVICE_PREFIX } from './rules.ts';
import { inHallNetwork } from './hall-networks.ts';
import type { FraudThresholds } from './thresholds.ts';
import type { RatingFacts } from './types.ts';

const MINUTE = 60_000;

export type IdentifierKey = 'phoneHash' | 'deviceId' | 'ip' | 'account';

export interface NeighbourScope {
  /** The subject's own time: nothing after it is compared. */
  until: Date;
  /** Ratings sharing this identifier's value, rated after `from`. */
  identifiers: { key: IdentifierKey; value: string; from: Date }[];
  /** Ratings of this window (institution), rated after `from`. */
  window: { institutionId: string; from: Date } | null;
}

export function neighbourScope(subject: RatingFacts, thresholds: FraudThresholds): NeighbourScope {
  const end = subject.ratedAt.getTime();
  const since = (ms: number) => new Date(end - ms);
  const burst = thresholds.burst.withinMinutes * MINUTE;
  const sharedTerminal = thresholds.sharedTerminalChannels.includes(subject.channel);
  const identifiers: NeighbourScope['identifiers'] = [];
  if (subject.phoneHash !== null) {
    const badReviewDays = thresholds.repeatedBadReviews.withinDays * 24 * 60 * MINUTE;
    const lookback = isBadReview(subject.level) ? Math.max(burst, badReviewDays) : burst;
    identifiers.push({ key: 'phoneHash', value: subject.phoneHash, from: since(lookback) });
  }
  const rated = subject.deviceId !== null && !subject.deviceId.startsWith(PARTNER_DEVICE_PREFIX);
  if (rated && !sharedTerminal)
    identifiers.push({ key: 'deviceId', value: subject.deviceId!, from: since(burst) });
  if (subject.ip !== null && !sharedTerminal && !inHallNetwork(subject.ip, thresholds.hallNetworks))
    identifiers.push({ key: 'ip', value: subject.ip, from: since(burst) });
  if (subject.account !== null)
    identifiers.push({ key: 'account', value: subject.account, from: since(burst) });
  const window =
    subject.level === 'very-satisfied' && subject.institutionId !== null
      ? { institutionId: subject.institutionId, from: since(thresholds.topRatingRun.withinMinutes * MINUTE) }
      : null;
  return { until: subject.ratedAt, identifiers, window };
}

/**
 * The ratings after the subject that would have compared it had it been stored in time: for each identifier
 * and the window, those rated in (subject, subject + the same look-back] — one scope each, as each has its own
 * end. A rating stored late with an earlier time (a partner's rating sent on late, a paper form dated days
 * before its import) may complete a burst or a series among ratings stored before it; they are checked again.
 */
export function laterScopes(subject: RatingFacts, thresholds: FraudThresholds): NeighbourScope[] {
  const before = neighbourScope(subject, thresholds);
  const at = subject.ratedAt.getTime();
  const forward = (from: Date) => new Date(at + (at - from.getTime()));
  // A rating without an exact time (a paper form's day) counts in no rule of minutes, only in a 差评 series.
  const exact = hasExactTime(subject);
  const identifiers = exact
    ? before.identifiers
    : before.identifiers.filter((identifier) => identifier.key === 'phoneHash' && isBadReview(subject.level));
  const scopes: NeighbourScope[] = identifiers.map((identifier) => ({
    until: forward(identifier.from),
    identifiers: [{ ...identifier, from: subject.ratedAt }],
    window: null,
  }));
  if (exact && before.window) {
    scopes.push({
      until: forward(before.window.from),
      identifiers: [],
      window: { institutionId: before.window.institutionId, from: subject.ratedAt },
    });
  }
  return scopes;
}
