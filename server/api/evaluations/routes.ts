// POST /api/evaluations: one rating. A 差评 opens a case whose process starts through the outbox.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { evaluationSchema } from './schema.ts';
import type { EvaluationIntake } from '../../../domain/evaluation/intake.ts';

export function evaluationRoutes({
  intake,
  onCaseOpened,
}: {
  intake: EvaluationIntake;
  onCaseOpened: () => void;
}): Router {
  const router = Router();
  router.post('/evaluations', async (request, response) => {
    const input = evaluationSchema.parse(request.body);
    if (!isEvaluationLevel(input.level))
      throw new DomainError('evaluation.unknown_level', { level: input.level });
    const submitted = await intake.submit({ ...input, level: input.level });
    if (submitted.opensCase) onCaseOpened();
    response.status(201).json({
      id: submitted.id,
      ratedAt: submitted.ratedAt.toISOString(),
      caseId: submitted.opensCase ? submitted.id : null,
    });
  });
  return router;
}
