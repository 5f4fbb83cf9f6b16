// POST /api/evaluations/:id/fraud-review {outcome: 'confirmed' | 'dismissed', basis}: a supervisor (or an admin)
// answers a fraud-flagged rating of their jurisdiction (art. 23). 201 with the review; 200 with the same review
// when it is sent again; 409 fraud_review.already_decided when the rating was reviewed otherwise. A confirmed
// rating leaves counted_evaluations (the statistics); the rating itself is never changed. A confirmed 差评's
// case ends (infra/outbox/fraud-case-ender.ts).
import { Router } from 'express';
import { z } from 'zod';
import { FRAUD_REVIEW_OUTCOMES } from '../../../domain/fraud/review.ts';
import { recordFraudReview } from '../../../infra/stores/fraud-review-store.ts';
import { currentUser, requireRole } from '../../auth/middleware.ts';
import { jurisdictionDepartmentIds } from '../../auth/jurisdiction.ts';
import { presentFraudReview } from './presenter.ts';
import { parseBody, ratingIdParam } from '../../request-parsing.ts';
import type { Db } from '../../../infra/db.ts';

const reviewBody = z.strictObject({
  outcome: z.enum(FRAUD_REVIEW_OUTCOMES),
  basis: z.string().trim().min(2).max(2000),
});

export function fraudReviewRoutes({
  db,
  clock,
  onFraudCaseEndOrder,
}: {
  db: Db;
  clock: () => Date;
  onFraudCaseEndOrder?: () => void;
}): Router {
  const router = Router();
  router.post(
    '/evaluations/:id/fraud-review',
    requireRole('supervisor', 'admin'),
    async (request, response) => {
      const user = currentUser(response);
      const body = parseBody(reviewBody, request.body, 'basis', 'fraud_review.basis_required');
      const { review, created, caseEndOrdered } = await recordFraudReview(db, {
        evaluationId: ratingIdParam(request.params.id),
        outcome: body.outcome,
        basis: body.basis,
        reviewerId: user.id,
        departmentScope: user.role === 'admin' ? 'all' : await jurisdictionDepartmentIds(db, user),
        at: clock(),
      });
      if (caseEndOrdered) onFraudCaseEndOrder?.();
      response
        .status(created ? 201 : 200)
        .json({ evaluationId: review.evaluationId, review: presentFraudReview(review) });
    },
  );
  return router;
}
