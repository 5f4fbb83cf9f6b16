// One rating from a channel route, with what follows its commit, as POST /api/evaluations does: the case
// starter and the invitation outbox are poked, the fraud check runs (best effort).
import type { Response } from 'express';
import type { EvaluationInput, EvaluationIntake } from '../../../domain/evaluation/intake.ts';

export interface ChannelRouteDeps {
  intake: EvaluationIntake;
  onCaseOpened: () => void;
  onInvitationOrder?: (() => void) | undefined;
  /** After commit: the fraud check (art. 23), best effort; `hcp fraud scan` catches what it misses. */
  onEvaluationStored?: ((id: string) => void) | undefined;
}

/** Submits the rating, then pokes what its commit ordered and runs the fraud check; POST /api/evaluations too. */
export async function submitAndFollow(deps: ChannelRouteDeps, input: EvaluationInput) {
  const submitted = await deps.intake.submit(input);
  if (submitted.opensCase) deps.onCaseOpened();
  if (submitted.invitationWaits) deps.onInvitationOrder?.();
  deps.onEvaluationStored?.(submitted.id);
  return submitted;
}

export async function submitRating(
  deps: ChannelRouteDeps,
  input: EvaluationInput,
  response: Response,
): Promise<void> {
  const submitted = await submitAndFollow(deps, input);
  response.status(201).json({
    id: submitted.id,
    serviceRecordId: input.serviceRecordId,
    channel: input.channel,
    level: input.level,
    ratedAt: submitted.ratedAt.toISOString(),
    caseId: submitted.opensCase ? submitted.id : null,
  });
}
