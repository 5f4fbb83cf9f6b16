// A fraud flag as supervisors see it: the reasons, the rating it is about, the rater's contact masked
// (the clear text only through the audited reveal), never the phone hash or the raw identifiers.
import { LEVEL_LABELS, isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { maskPersonalDetails } from '../../../domain/evaluation/masking.ts';
import {
  FRAUD_REVIEW_LABELS,
  outcomeOfDecision,
  type FraudReviewDecision,
  type FraudReviewOutcome,
} from '../../../domain/fraud/review.ts';

export interface FraudFlagRow {
  id: string;
  evaluation_id: string;
  signal: string;
  reasons: string;
  details: Record<string, unknown>;
  created_at: Date;
  level: string;
  channel: string;
  rated_at: Date;
  tags: string[];
  text: string;
  rater_name_masked: string | null;
  rater_phone_masked: string | null;
  service_record_id: string;
  handling_department_id: string;
  institution_id: string | null;
  institution_name: string | null;
  case_id: string | null;
  case_status: 'pending-start' | 'open' | 'closed' | null;
  review_decision: FraudReviewDecision | null;
  review_basis: string | null;
  reviewed_by: string | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
}

/** A review as the reviewer's screens show it: its outcome (and label), basis, who and when. */
export function presentFraudReview(review: {
  outcome: FraudReviewOutcome;
  basis: string;
  reviewedBy: string;
  reviewerName?: string | null;
  reviewedAt: Date;
}) {
  return {
    outcome: review.outcome,
    outcomeLabel: FRAUD_REVIEW_LABELS[review.outcome],
    basis: review.basis,
    reviewedBy: { id: review.reviewedBy, name: review.reviewerName ?? null },
    reviewedAt: review.reviewedAt.toISOString(),
  };
}

function reviewOfRow(row: FraudFlagRow) {
  if (!row.review_decision) return null;
  return presentFraudReview({
    outcome: outcomeOfDecision(row.review_decision),
    basis: row.review_basis!,
    reviewedBy: row.reviewed_by!,
    reviewerName: row.reviewer_name,
    reviewedAt: new Date(row.reviewed_at!),
  });
}

export function presentFraudFlag(row: FraudFlagRow) {
  return {
    id: String(row.id),
    signal: row.signal,
    reasons: row.reasons,
    details: row.details,
    createdAt: new Date(row.created_at).toISOString(),
    evaluation: {
      id: row.evaluation_id,
      level: row.level,
      levelLabel: isEvaluationLevel(row.level) ? LEVEL_LABELS[row.level] : row.level,
      channel: row.channel,
      ratedAt: new Date(row.rated_at).toISOString(),
      // What the rater said: a supervisor judges a suspected malicious 差评 by it.
      tags: row.tags,
      text: maskPersonalDetails(row.text),
      rater: { name: row.rater_name_masked, phone: row.rater_phone_masked },
      serviceRecordId: row.service_record_id,
      handlingDepartmentId: row.handling_department_id,
      institutionId: row.institution_id,
      institutionName: row.institution_name,
      caseId: row.case_id,
      // Whether confirming it would still end a case (bad-review's 确认刷评): the review dialog says so.
      caseStatus: row.case_status,
    },
    review: reviewOfRow(row),
  };
}
