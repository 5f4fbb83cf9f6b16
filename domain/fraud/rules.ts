// The fraud rules of art. 23, each a pure function over one rating and the ratings before it (a superset
// is fine: every rule picks its own window). The window of a rating ends at its own time and includes it,
// so the n-th rating of a burst is the first to cross the threshold, and every later one does as well; the
// flag then falls on every rating of the group (domain/fraud/evaluate.ts), the ones before it too.
import { isBadReview, LEVEL_LABELS } from '../evaluation/levels.ts';
import { inHallNetwork } from './hall-networks.ts';
import type { FraudThresholds } from './thresholds.ts';
import type { FraudFlag, FraudSignal, RatingFacts, StaffPhone } from './types.ts';

const MINUTE = 60_000;

/**
 * A flag lists at most this many ratings of its group, the latest ones (its `count` says how many there are):
 * a busy hall's address gathers hundreds in ten minutes, and a full list on every flag grew with the square of
 * them. The ratings before the threshold was crossed are among the first flag's list; every later one carries
 * a flag of its own.
 */
export const MAX_GROUP_LISTED = 50;
const listed = (group: readonly RatingFacts[], threshold: number) =>
  group.slice(-Math.max(MAX_GROUP_LISTED, threshold)).map((rating) => rating.id);

/** The subject and the other ratings rated in (subject − ms, subject], oldest first. */
function within(subject: RatingFacts, recent: readonly RatingFacts[], ms: number): RatingFacts[] {
  const end = subject.ratedAt.getTime();
  const others = recent.filter((rating) => {
    const at = rating.ratedAt.getTime();
    return rating.id !== subject.id && at > end - ms && at <= end;
  });
  // By time, then id: the details name ratings in the same order however they were read.
  return [...others, subject].sort(
    (a, b) => a.ratedAt.getTime() - b.ratedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * A paper form's time is the day written on it, or the import's when it has none (many forms at one time):
 * no burst or run of minutes can be read from it. The rules of minutes leave such ratings out.
 */
const WITHOUT_EXACT_TIME: readonly string[] = ['paper-form'];
export const hasExactTime = (rating: RatingFacts) => !WITHOUT_EXACT_TIME.includes(rating.channel);

const BURST_KEYS = {
  'burst-phone': { key: 'phoneHash', label: '同一手机号', sharedTerminalsCount: true },
  'burst-device': { key: 'deviceId', label: '同一设备', sharedTerminalsCount: false },
  'burst-ip': { key: 'ip', label: '同一 IP 地址', sharedTerminalsCount: false },
  'burst-account': { key: 'account', label: '同一账号', sharedTerminalsCount: true },
} as const satisfies Record<
  Extract<FraudSignal, `burst-${string}`>,
  { key: keyof RatingFacts; label: string; sharedTerminalsCount: boolean }
>;

export type BurstSignal = keyof typeof BURST_KEYS;

/**
 * The device id a partner platform's ratings carry (server/api/channels/partner-routes.ts): it names the
 * system that forwarded them, the whole province's raters, not a device of one rater, so it is no burst.
 */
export const PARTNER_DEVICE_PREFIX = 'partner:';

const isPartnerSystem = (key: keyof RatingFacts, value: unknown) =>
  key === 'deviceId' && typeof value === 'string' && value.startsWith(PARTNER_DEVICE_PREFIX);

/** A hall's guest Wi-Fi address (HALL_NETWORKS) is every visitor's, not one rater's: no burst either. */
const isHallAddress = (key: keyof RatingFacts, value: unknown, thresholds: FraudThresholds) =>
  key === 'ip' && typeof value === 'string' && inHallNetwork(value, thresholds.hallNetworks);

/** Many ratings from one phone, device, IP or account within minutes. */
export function burstFlag(
  signal: BurstSignal,
  subject: RatingFacts,
  recent: readonly RatingFacts[],
  thresholds: FraudThresholds,
): FraudFlag | undefined {
  const { key, label, sharedTerminalsCount } = BURST_KEYS[signal];
  const counts = (rating: RatingFacts) =>
    hasExactTime(rating) &&
    (sharedTerminalsCount || !thresholds.sharedTerminalChannels.includes(rating.channel));
  const value = subject[key];
  if (
    value === null ||
    !counts(subject) ||
    isPartnerSystem(key, value) ||
    isHallAddress(key, value, thresholds)
  ) {
    return undefined;
  }
  const { count, withinMinutes } = thresholds.burst;
  const same = within(subject, recent, withinMinutes * MINUTE).filter(
    (rating) => rating[key] === value && counts(rating),
  );
  // Occasions, not ratings: a theme's items rated one by one (art. 9) are one visit's ratings.
  const occasions = new Set(same.map((rating) => rating.occasion)).size;
  if (occasions < count) return undefined;
  return {
    evaluationId: subject.id,
    signal,
    reasons: `${label}在 ${withinMinutes} 分钟内对 ${occasions} 次办理提交了 ${same.length} 条评价（阈值 ${count} 次），疑似刷评。`,
    details: {
      count: occasions,
      ratings: same.length,
      threshold: count,
      withinMinutes,
      evaluationIds: listed(same, count),
    },
  };
}

/** The rater's phone is a staff member's work phone: staff must not rate their own work (art. 11). */
export function staffPhoneFlag(
  subject: RatingFacts,
  staffPhones: ReadonlyMap<string, StaffPhone>,
): FraudFlag | undefined {
  const staff = subject.phoneHash === null ? undefined : staffPhones.get(subject.phoneHash);
  if (!staff) return undefined;
  return {
    evaluationId: subject.id,
    signal: 'staff-phone',
    reasons: `评价人手机号与工作人员（${staff.userId}，单位 ${staff.departmentId}）登记的工作电话相同，疑似工作人员自评或代评。`,
    details: { userId: staff.userId, departmentId: staff.departmentId },
  };
}

/** Many 非常满意 on one window within minutes: 刷好评. */
export function topRatingRunFlag(
  subject: RatingFacts,
  recent: readonly RatingFacts[],
  thresholds: FraudThresholds,
): FraudFlag | undefined {
  if (subject.level !== 'very-satisfied' || subject.institutionId === null || !hasExactTime(subject)) {
    return undefined;
  }
  const { count, withinMinutes } = thresholds.topRatingRun;
  const run = within(subject, recent, withinMinutes * MINUTE).filter(
    (rating) =>
      rating.level === 'very-satisfied' &&
      rating.institutionId === subject.institutionId &&
      hasExactTime(rating),
  );
  // Occasions, not ratings: one rater rating a theme's items one by one, or a 办件's service and platform,
  // is one visit (docs/fraud-signals.md), never a run.
  const occasions = new Set(run.map((rating) => rating.occasion)).size;
  if (occasions < count) return undefined;
  return {
    evaluationId: subject.id,
    signal: 'top-rating-run',
    reasons: `同一窗口（${subject.institutionId}）${withinMinutes} 分钟内有 ${occasions} 次办理收到“${LEVEL_LABELS['very-satisfied']}”（阈值 ${count} 次），疑似刷好评。`,
    details: {
      institutionId: subject.institutionId,
      count: occasions,
      threshold: count,
      withinMinutes,
      evaluationIds: listed(run, count),
    },
  };
}

/** One phone giving 差评 to unrelated 办件 of several units within days: possibly malicious 差评. */
export function repeatedBadReviewsFlag(
  subject: RatingFacts,
  recent: readonly RatingFacts[],
  thresholds: FraudThresholds,
): FraudFlag | undefined {
  if (!isBadReview(subject.level) || subject.phoneHash === null) return undefined;
  const { count, withinDays, departments } = thresholds.repeatedBadReviews;
  const bad = within(subject, recent, withinDays * 24 * 60 * MINUTE).filter(
    (rating) => isBadReview(rating.level) && rating.phoneHash === subject.phoneHash,
  );
  const units = [...new Set(bad.map((rating) => rating.departmentId))].sort();
  // Occasions, not ratings: a 差评 of a 办件's service and one of its platform, or of the items of one theme
  // (一件事, which spans units by design and whose items art. 9 lets the rater rate one by one), are one visit.
  const occasions = new Set(bad.map((rating) => rating.occasion)).size;
  if (occasions < count || units.length < departments) return undefined;
  return {
    evaluationId: subject.id,
    signal: 'repeated-bad-reviews',
    reasons: `同一手机号 ${withinDays} 天内对 ${units.length} 个单位的 ${occasions} 次办理给出差评（阈值 ${count} 次、${departments} 个单位），疑似恶意差评。`,
    details: {
      count: occasions,
      threshold: count,
      withinDays,
      departmentIds: units,
      evaluationIds: listed(bad, count),
    },
  };
}
