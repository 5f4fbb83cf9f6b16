// Reviews of fraud-flagged ratings (art. 23), kept as decisions in evaluation_decisions (append-only, one
// review per rating: migrations/20261203100000). The review is refused for a rating outside the reviewer's
// jurisdiction (answered as not found, as a guessed id must reveal nothing), for a rating no signal flagged,
// for one not adopted after appeal (out of the statistics already), and when the rating was already reviewed;
// the reviewer's own review sent again is answered, not repeated.
// A 差评 confirmed fraudulent whose case has not closed gets, in the review's transaction, the order that
// ends its case (outbox kind END_FRAUD_CASE, infra/outbox/fraud-case-ender.ts).
import { DomainError } from '../../domain/errors.ts';
import {
  FRAUD_REVIEW_DECISIONS,
  outcomeOfDecision,
  type FraudReviewDecision,
  type FraudReviewOutcome,
} from '../../domain/fraud/review.ts';
import type { Knex } from 'knex';
import type { Db } from '../db.ts';

export interface FraudReviewRequest {
  evaluationId: string;
  outcome: FraudReviewOutcome;
  basis: string;
  reviewerId: string;
  /** The handling units whose ratings the reviewer may decide; 'all' for an admin. */
  departmentScope: readonly string[] | 'all';
  at: Date;
}

export interface FraudReview {
  decisionId: string;
  evaluationId: string;
  outcome: FraudReviewOutcome;
  basis: string;
  reviewedBy: string;
  reviewerName: string | null;
  reviewedAt: Date;
}

interface ReviewRow {
  id: string;
  evaluation_id: string;
  decision: FraudReviewDecision;
  basis: string;
  decided_by: string;
  reviewer_name: string | null;
  decided_at: Date;
}

const REVIEW_DECISIONS = Object.values(FRAUD_REVIEW_DECISIONS);

function reviewOf(row: ReviewRow): FraudReview {
  return {
    decisionId: String(row.id),
    evaluationId: row.evaluation_id,
    outcome: outcomeOfDecision(row.decision),
    basis: row.basis,
    reviewedBy: row.decided_by,
    reviewerName: row.reviewer_name,
    reviewedAt: new Date(row.decided_at),
  };
}

/** The review of a rating, if it has one. */
export async function findFraudReview(db: Db, evaluationId: string): Promise<FraudReview | undefined> {
  const row = await db('evaluation_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .where({ 'd.evaluation_id': evaluationId })
    .whereIn('d.decision', REVIEW_DECISIONS)
    .first<ReviewRow | undefined>('d.*', 'u.name as reviewer_name');
  return row && reviewOf(row);
}

async function assertReviewable(db: Db, request: FraudReviewRequest): Promise<void> {
  const found = await db('evaluations as e')
    .join('service_records as sr', 'sr.id', 'e.service_record_id')
    .where('e.id', request.evaluationId)
    .first<{ unit: string; flagged: boolean } | undefined>(
      'sr.handling_department_id as unit',
      db.raw('exists (select 1 from fraud_flags f where f.evaluation_id = e.id) as flagged'),
    );
  const inScope =
    found && (request.departmentScope === 'all' || request.departmentScope.includes(found.unit));
  if (!found || !inScope) throw new DomainError('evaluation.not_found', { id: request.evaluationId });
  if (!found.flagged) throw new DomainError('fraud_review.not_flagged', { id: request.evaluationId });
  // Not adopted after appeal, it is out of the statistics already: dismissing the flag would say it counts.
  const notAdopted = await db('evaluation_decisions')
    .where({ evaluation_id: request.evaluationId, decision: 'not-adopted' })
    .first<{ reason: string; decided_at: Date } | undefined>('reason', 'decided_at');
  if (notAdopted) {
    throw new DomainError('fraud_review.not_adopted', {
      id: request.evaluationId,
      reason: notAdopted.reason,
      decidedAt: new Date(notAdopted.decided_at).toISOString(),
    });
  }
}

/** The outbox order that ends the case of a 差评 confirmed fraudulent (bad-review's event sub-process 确认刷评). */
export const END_FRAUD_CASE = 'end-fraud-case';

/** Orders the end of the rating's case, if it has one still running or about to start; true if it did. */
async function orderCaseEnd(trx: Knex.Transaction, evaluationId: string): Promise<boolean> {
  const ordered = await trx.raw<{ rows: unknown[] }>(
    `insert into outbox (kind, case_id)
     select ?, c.id from cases c where c.evaluation_id = ? and c.status <> 'closed'
     on conflict (kind, case_id) do nothing
     returning id`,
    [END_FRAUD_CASE, evaluationId],
  );
  return ordered.rows.length > 0;
}

/**
 * Records the review once. `created` is false when the very same review (reviewer, outcome and basis) was
 * already recorded: a retried request. Any other earlier review — another reviewer's too, however alike — is
 * refused with what it decided, by whom and when.
 */
export async function recordFraudReview(
  db: Db,
  request: FraudReviewRequest,
): Promise<{ review: FraudReview; created: boolean; caseEndOrdered: boolean }> {
  await assertReviewable(db, request);
  const decision = FRAUD_REVIEW_DECISIONS[request.outcome];
  const { created, caseEndOrdered } = await db.transaction(async (trx) => {
    const inserted = await trx.raw<{ rows: unknown[] }>(
      `insert into evaluation_decisions (evaluation_id, decision, basis, decided_by, decided_at)
       values (?, ?, ?, ?, ?)
       on conflict (evaluation_id) where decision in ('fraud-confirmed', 'fraud-dismissed') do nothing
       returning id`,
      [request.evaluationId, decision, request.basis, request.reviewerId, request.at],
    );
    const isNew = inserted.rows.length > 0;
    return {
      created: isNew,
      caseEndOrdered:
        isNew && request.outcome === 'confirmed' && (await orderCaseEnd(trx, request.evaluationId)),
    };
  });
  const earlier = (await findFraudReview(db, request.evaluationId))!;
  if (created) return { review: earlier, created: true, caseEndOrdered };
  const retried =
    earlier.reviewedBy === request.reviewerId &&
    earlier.outcome === request.outcome &&
    earlier.basis === request.basis;
  if (retried) {
    return { review: earlier, created: false, caseEndOrdered: false };
  }
  throw new DomainError('fraud_review.already_decided', {
    id: request.evaluationId,
    outcome: earlier.outcome,
    reviewedBy: earlier.reviewedBy,
    reviewerName: earlier.reviewerName,
    reviewedAt: earlier.reviewedAt.toISOString(),
  });
}
