// A supervisor's answer to a fraud-flagged rating (art. 23): the flag is a reason to look; the review decides.
// 'confirmed': the rating is fraudulent (刷“好评” or a malicious “差评”) and leaves the statistics;
// 'dismissed': the rating stands and the flag is answered. Either is recorded once, as a decision beside the
// rating (evaluation_decisions); the rating itself never changes.
export const FRAUD_REVIEW_OUTCOMES = ['confirmed', 'dismissed'] as const;
export type FraudReviewOutcome = (typeof FRAUD_REVIEW_OUTCOMES)[number];

/** The decision each outcome is stored as. */
export const FRAUD_REVIEW_DECISIONS = {
  confirmed: 'fraud-confirmed',
  dismissed: 'fraud-dismissed',
} as const satisfies Record<FraudReviewOutcome, string>;

export type FraudReviewDecision = (typeof FRAUD_REVIEW_DECISIONS)[FraudReviewOutcome];

export function outcomeOfDecision(decision: FraudReviewDecision): FraudReviewOutcome {
  return decision === FRAUD_REVIEW_DECISIONS.confirmed ? 'confirmed' : 'dismissed';
}

export const FRAUD_REVIEW_LABELS: Record<FraudReviewOutcome, string> = {
  confirmed: '确认刷评',
  dismissed: '排除刷评',
};
