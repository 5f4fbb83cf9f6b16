// What the fraud rules see of a rating, and what they say about it.
import type { EvaluationChannel } from '../evaluation/channels.ts';
import type { EvaluationLevel } from '../evaluation/levels.ts';

export interface RatingFacts {
  id: string;
  ratedAt: Date;
  level: EvaluationLevel;
  channel: EvaluationChannel;
  serviceRecordId: string;
  /** The 办件's handling unit. */
  departmentId: string;
  /** The window (or hall) that served the 办件, when known. */
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
