// POST /api/evaluations: one rating. A 差评 opens a case whose process starts through the outbox; every
// rating tells its 办件's invitation (art. 10) to stop waiting, through the invitation outbox.
//
// art. 11 (nobody rates on a rater's behalf): until accounts exist, staff tools name their user in the
// header x-hcp-user (evidence uploads, notice loads). A rating request that carries it comes from a staff
// tool and is refused, whoever it names; raters' own channels never send it.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { evaluationSchema } from './schema.ts';
import { requestDevice } from './request-device.ts';
import type { EvaluationIntake } from '../../../domain/evaluation/intake.ts';

export const STAFF_HEADER = 'x-hcp-user';

export function evaluationRoutes({
  intake,
  onCaseOpened,
  onInvitationOrder,
  onEvaluationStored,
}: {
  intake: EvaluationIntake;
  onCaseOpened: () => void;
  onInvitationOrder?: (() => void) | undefined;
  /** After commit: the fraud check (art. 23), best effort; `hcp fraud scan` catches what it misses. */
  onEvaluationStored?: ((id: string) => void) | undefined;
}): Router {
  const router = Router();
  router.post('/evaluations', async (request, response) => {
    if (request.get(STAFF_HEADER) !== undefined) {
      throw new DomainError('evaluation.staff_cannot_rate', { header: STAFF_HEADER });
    }
    const input = evaluationSchema.parse(request.body);
    if (!isEvaluationLevel(input.level))
      throw new DomainError('evaluation.unknown_level', { level: input.level });
    const device = requestDevice(request, input.channel, input.device);
    const submitted = await intake.submit({ ...input, level: input.level, device });
    if (submitted.opensCase) onCaseOpened();
    onInvitationOrder?.();
    onEvaluationStored?.(submitted.id);
    response.status(201).json({
      id: submitted.id,
      ratedAt: submitted.ratedAt.toISOString(),
      caseId: submitted.opensCase ? submitted.id : null,
    });
  });
  return router;
}
