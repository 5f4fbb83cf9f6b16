// What the fraud rules see of a rating, and what they say about it.
import type { EvaluationChannel } from '../evaluation/channels.ts';
import type { EvaluationLevel } from '../evaluation/levels.ts';

export interface RatingFacts {
  id: string;
  ratedAt: Date;
  level: EvaluationLevel;
  channel: EvaluationChannel;
  serviceRecordId: string;
  /**
   * What one visit or application rated: the 办件's theme or batch, or the 办件 itself. A theme's items rated
   * one by one (art. 9), a 办件's service and its platform: several ratings, one occasion, never a burst.
   */
  occasion: string;
  /** The 办件's handling unit. */
  departmentId: string;
  /** The window that served the 办件, when known (a hall, centre or station is no window: null). */
  institutionId: string | null;
  /** HMAC-SHA256 of the normalised phone (never the phone itself). */
  phoneHash: string | null;
  deviceId: string | null;
  ip: string | null;
  account: string | null;
}

export const FRAUD_SIGNALS = [
  'burst-phone',
  'burst-device',
  'burst-ip',
  'burst-account',
  'staff-phone',
  'top-rating-run',
  'repeated-bad-reviews',
] as const;

export type FraudSignal = (typeof FRAUD_SIGNALS)[number];

/** Short names for lists (each flag's `reasons` says the particulars). */
export const FRAUD_SIGNAL_LABELS: Record<FraudSignal, string> = {
  'burst-phone': '同一手机号集中评价',
  'burst-device': '同一设备集中评价',
  'burst-ip': '同一 IP 集中评价',
  'burst-account': '同一账号集中评价',
  'staff-phone': '工作人员号码评价',
  'top-rating-run': '窗口短时集中好评',
  'repeated-bad-reviews': '疑似恶意差评',
};

export interface FraudFlag {
  evaluationId: string;
  signal: FraudSignal;
  /** For people (supervisors), in Chinese. */
  reasons: string;
  /** For machines and follow-up; never contact data. */
  details: Record<string, unknown>;
}

/** A staff member whose work phone (users.phone) hashes to a given value. */
export interface StaffPhone {
  userId: string;
  departmentId: string;
}
