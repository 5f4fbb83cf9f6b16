// The rating rules of the Xi'an measures that a single rating must pass on its own.
import { DomainError } from '../errors.ts';
import { isBadReview } from './levels.ts';
import type { EvaluationLevel } from './levels.ts';

/** Words that say there is nothing to say: as the whole of a 差评's text, they are no content (art. 8). */
const SAYS_NOTHING = new Set(['无', '没有', '暂无', '无意见', '没意见', '略']);

/**
 * Text that says something: a letter or a digit, not only white space, invisible format characters
 * (zero-width spaces and the like), punctuation or symbols ("/", "。。。"), nor one of the words for "nothing".
 */
function hasVisibleText(text: string): boolean {
  const words = text.replace(/[\s\p{Cf}\p{P}\p{S}]/gu, '');
  return /[\p{L}\p{N}]/u.test(words) && !SAYS_NOTHING.has(words);
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
