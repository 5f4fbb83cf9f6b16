// The rating rules of the Xi'an measures that a single rating must pass on its own.
import { DomainError } from '../errors.ts';
import { isBadReview } from './levels.ts';
import type { EvaluationLevel } from './levels.ts';

/** art. 8: a 差评 needs ticked preset content or written text. */
export function checkBadReviewContent(level: EvaluationLevel, tags: readonly string[], text: string): void {
  if (isBadReview(level) && tags.length === 0 && text.trim() === '') {
    throw new DomainError('evaluation.bad_review_needs_content', { level });
  }
}
