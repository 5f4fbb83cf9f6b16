// The 评价码 check the open rating API and the rating page share (art. 11): refused while this client sent
// too many wrong codes for the 办件 or in all (429), then the code itself (403); a wrong or missing one counts.
import { DomainError } from '../../../domain/errors.ts';
import type { Request } from 'express';
import type { CodeAttempts } from '../../../domain/evaluation/code-attempts.ts';
import type { Protector, RatingCodeSource } from '../../../infra/protector.ts';

export interface RatingCodeCheckDeps {
  protector: Pick<Protector, 'ratingCodeSource'>;
  codeAttempts: CodeAttempts;
  /** Real time for the counts' windows, apart from the business clock that tests move about. */
  wallClock: () => Date;
}

/** No 办件 number is longer (server/api/service-records/schema.ts); a longer one is counted as one key. */
const MAX_SERVICE_RECORD_ID = 64;

/** Where the right code came from (the receipt, or the reminder SMS's link); throws when it is not right. */
export function checkRatingCode(
  deps: RatingCodeCheckDeps,
  request: Request,
  serviceRecordId: string,
  typed: string | undefined,
): RatingCodeSource {
  // Behind a trusted proxy the rater's address; code-attempts.ts reads every written form.
  const client = request.ip;
  const now = deps.wallClock();
  const counted = serviceRecordId.length <= MAX_SERVICE_RECORD_ID ? serviceRecordId : '(too long)';
  if (deps.codeAttempts.blocked(counted, client, now)) {
    throw new DomainError('evaluation.rating_code_attempts');
  }
  const source = deps.protector.ratingCodeSource(serviceRecordId, typed ?? '');
  if (!source) {
    deps.codeAttempts.failed(counted, client, now);
    throw new DomainError('evaluation.rating_code_invalid');
  }
  return source;
}
