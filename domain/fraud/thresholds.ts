// The thresholds of the fraud signals (art. 23), in one place. The defaults follow the issue; process
// owners may tune them (docs/fraud-signals.md). A signal flags a rating for a person to look at: it never
// changes or drops the rating.
import type { EvaluationChannel } from '../evaluation/channels.ts';
import type { HallNetwork } from './hall-networks.ts';

export interface FraudThresholds {
  /** Ratings from one phone (keyed hash), device, IP or account within the window: the n-th and later flag. */
  burst: { count: number; withinMinutes: number };
  /** 非常满意 ratings on one window (institution) within the window. */
  topRatingRun: { count: number; withinMinutes: number };
  /** 差评 by one phone within the window, across at least `departments` handling units. */
  repeatedBadReviews: { count: number; withinDays: number; departments: number };
  /**
   * Channels whose device and network belong to the hall, not the rater (a window's 评价器 rates every
   * visitor): their device id and IP say nothing about the rater and are left out of the burst rules.
   */
  sharedTerminalChannels: readonly EvaluationChannel[];
  /**
   * The halls' guest Wi-Fi addresses (HALL_NETWORKS, ./hall-networks.ts): every visitor rates from them, so
   * they are left out of the IP burst rule as a shared terminal's IP is. None by default.
   */
  hallNetworks: readonly HallNetwork[];
}

export const DEFAULT_FRAUD_THRESHOLDS: FraudThresholds = {
  burst: { count: 3, withinMinutes: 10 },
  topRatingRun: { count: 5, withinMinutes: 5 },
  repeatedBadReviews: { count: 3, withinDays: 7, departments: 2 },
  // Not sms: an SMS reply through the gateway carries no device or IP, and a rating through the reminder SMS's
  // link carries the rater's own browser's, which the burst rules must see.
  sharedTerminalChannels: ['window-device', 'self-service-terminal', 'paper-form', 'hotline'],
  hallNetworks: [],
};

const MINUTE = 60_000;

/** How far back a check must read to apply every rule to one rating. */
export function lookbackMs(thresholds: FraudThresholds): number {
  return Math.max(
    thresholds.burst.withinMinutes * MINUTE,
    thresholds.topRatingRun.withinMinutes * MINUTE,
    thresholds.repeatedBadReviews.withinDays * 24 * 60 * MINUTE,
  );
}
