// art. 19: a unit that thinks a 差评 mistaken or malicious asks the same-level approval department to
// review it, with evidence. The reviewer may first ask for more evidence; the decision is one of three.
// valid → the unit handles the 差评; invalid or malicious → the rating is not adopted: it leaves the
// statistics by a recorded decision, and the rating itself is never changed.

export const APPEAL_DECISIONS = ['valid', 'invalid', 'malicious'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

/** What the reviewer may answer: a decision, or a request for more evidence first. */
export const APPEAL_REVIEW_OUTCOMES = [...APPEAL_DECISIONS, 'more-evidence'] as const;
export type AppealReviewOutcome = (typeof APPEAL_REVIEW_OUTCOMES)[number];

export type NotAdoptedReason = Exclude<AppealDecision, 'valid'>;

export const APPEAL_DECISION_LABELS: Record<AppealDecision, string> = {
  valid: '有效差评',
  invalid: '无效差评',
  malicious: '恶意差评',
};

export function isNotAdopted(decision: unknown): decision is NotAdoptedReason {
  return decision === 'invalid' || decision === 'malicious';
}

/** The evidence of a case after another round: what was there, then what is new, each id once. */
export function mergeEvidence(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])];
}
