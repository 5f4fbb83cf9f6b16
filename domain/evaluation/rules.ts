// The rating rules of the Xi'an measures that a single rating must pass on its own.
import { DomainError } from '../errors.ts';
import { isBadReview } from './levels.ts';
import type { EvaluationLevel } from './levels.ts';

/** Text a person can read: not only white space or invisible format characters (zero-width spaces and the like). */
function hasVisibleText(text: string): boolean {
  return text.replace(/[\s\p{Cf}]/gu, '') !== '';
}

/**
 * art. 18: a real-name 差评 is visited again in every case, so a real-name rating given now (the rating API
 * and its channels) carries the rater's name and phone; a rater who leaves no contact rates anonymously. A
 * paper form or survey already filled in is imported as written: refusing it would lose the rating.
 */
export function checkRealNameContact(
  realName: boolean,
  rater: { name?: string | undefined; phone?: string | undefined } | undefined,
): void {
  if (realName && !(rater?.name?.trim() && rater.phone?.trim())) {
    throw new DomainError('evaluation.real_name_needs_contact');
  }
}

/**
 * art. 8: a 差评 needs ticked preset content or written text. A tag is content only if it can be read: a
 * partner platform's tags are its own and stored as sent, so one of zero-width characters says nothing.
 */
export function checkBadReviewContent(level: EvaluationLevel, tags: readonly string[], text: string): void {
  if (isBadReview(level) && !tags.some(hasVisibleText) && !hasVisibleText(text)) {
    throw new DomainError('evaluation.bad_review_needs_content', { level });
  }
}
