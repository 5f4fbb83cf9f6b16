// The 评价码 check the open rating API and the rating page share (art. 11): refused while too many wrong
// codes came for the 办件 or from the client (429), then the code itself (403); a wrong or missing one counts.
import { DomainError } from '../../../domain/errors.ts';
import type { Request } from 'express';
import type { CodeAttempts } from '../../../domain/evaluation/code-attempts.ts';
import type { Protector } from '../../../infra/protector.ts';

export interface RatingCodeCheckDeps {
  protector: Pick<Protector, 'ratingCodeMatches'>;
  codeAttempts: CodeAttempts;
  clock: () => Date;
}

/** The address the request came from (behind a trusted proxy, the rater's). */
export function clientOf(request: Request): string | undefined {
  return request.ip?.replace(/^::ffff:/, '');
}

export function checkRatingCode(
  deps: RatingCodeCheckDeps,
  request: Request,
  serviceRecordId: string,
  typed: string | undefined,
): void {
  const client = clientOf(request);
  const now = deps.clock();
  if (deps.codeAttempts.blocked(serviceRecordId, client, now)) {
    throw new DomainError('evaluation.rating_code_attempts', { serviceRecordId });
  }
  if (!deps.protector.ratingCodeMatches(serviceRecordId, typed ?? '')) {
    deps.codeAttempts.failed(serviceRecordId, client, now);
    throw new DomainError('evaluation.rating_code_invalid', { serviceRecordId });
  }
}
