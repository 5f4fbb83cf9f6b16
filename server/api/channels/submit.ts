// One rating from a channel route, with what follows its commit, as POST /api/evaluations does: the case
// starter and the invitation outbox are poked, the fraud check runs (best effort).
import { DomainError } from '../../../domain/errors.ts';
import { ratingOfRetry, type StoredRating } from '../../../infra/stores/rating-retries.ts';
import type { Response } from 'express';
import type { Db } from '../../../infra/db.ts';
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

/** Who sent a channel's rating, so that the same request sent again is answered with what it stored. */
export interface RetryCheck {
  db: Db;
  /** The keyed hash the stored identifiers were made with (the protector's): the sender is compared by them. */
  lookupHash: (value: string) => string;
}

/** The retry check of a route that has the database and the protector, as every rating route has. */
export function retryCheckOf({
  db,
  protector,
}: {
  db: Db;
  protector: { lookupHash(value: string): string };
}): RetryCheck {
  return { db, lookupHash: (value) => protector.lookupHash(value) };
}

/**
 * The refusals a request sent again after its rating was stored meets: of its 办件, or (art. 9,
 * infra/stores/rating-occasion.ts) of the batch or the theme's overall rating it stored.
 */
const REFUSALS_OF_A_RETRY = new Set([
  'evaluation.duplicate',
  'evaluation.batch_already_rated',
  'evaluation.theme_rated_overall',
]);

/**
 * Submits the rating and answers 201 with it. A request sent again after its rating was stored (a retry) is
 * answered 200 with that rating (infra/stores/rating-retries.ts); another rating of the 办件, its batch or its
 * theme keeps its refusal (400 `evaluation.duplicate`, `evaluation.batch_already_rated`, …).
 */
export async function submitRating(
  deps: ChannelRouteDeps,
  input: EvaluationInput,
  response: Response,
  retry?: RetryCheck,
): Promise<void> {
  try {
    const submitted = await submitAndFollow(deps, input);
    response.status(201).json(
      ratingAnswer({
        id: submitted.id,
        serviceRecordId: input.serviceRecordId,
        channel: input.channel,
        level: input.level,
        ratedAt: submitted.ratedAt,
        caseId: submitted.opensCase ? submitted.id : null,
      }),
    );
  } catch (error: unknown) {
    const mayBeRetry = error instanceof DomainError && REFUSALS_OF_A_RETRY.has(error.id);
    const stored =
      mayBeRetry && retry
        ? await ratingOfRetry(retry.db, [input.serviceRecordId], input, retry.lookupHash)
        : undefined;
    if (!stored) throw error;
    answerRetry(response, stored);
  }
}

/** What a channel is answered about its rating, stored now (201) or the first time (a retry, 200). */
function ratingAnswer(rating: StoredRating) {
  return {
    id: rating.id,
    serviceRecordId: rating.serviceRecordId,
    channel: rating.channel,
    level: rating.level,
    ratedAt: rating.ratedAt.toISOString(),
    caseId: rating.caseId,
  };
}

/** 200 with the rating a retried request stored the first time, as its 201 said. */
export function answerRetry(response: Response, stored: StoredRating): void {
  response.status(200).json({ ...ratingAnswer(stored), retry: true });
}
