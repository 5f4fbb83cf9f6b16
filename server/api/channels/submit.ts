// One rating from a channel route, with what follows its commit, as POST /api/evaluations does: the case
// starter and the invitation outbox are poked, the fraud check runs (best effort).
import type { Response } from 'express';
import type { EvaluationInput, EvaluationIntake } from '../../../domain/evaluation/intake.ts';

export interface ChannelRouteDeps {
  intake: EvaluationIntake;
  onCaseOpened: () => void;
  onInvitationOrder?: (() => void) | undefined;
  onEvaluationStored?: ((id: string) => void) | undefined;
}

export async function submitRating(
  deps: ChannelRouteDeps,
  input: EvaluationInput,
  response: Response,
): Promise<void> {
  const submitted = await deps.intake.submit(input);
  if (submitted.opensCase) deps.onCaseOpened();
  if (submitted.invitationWaits) deps.onInvitationOrder?.();
  deps.onEvaluationStored?.(submitted.id);
  response.status(201).json({
    id: submitted.id,
    serviceRecordId: input.serviceRecordId,
    channel: input.channel,
    level: input.level,
    ratedAt: submitted.ratedAt.toISOString(),
    caseId: submitted.opensCase ? submitted.id : null,
  });
}
