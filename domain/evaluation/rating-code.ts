// The 评价码 (rating code) printed on a 办件's receipt beside its number and carried by the receipt's QR code.
// Whoever rates a 办件 on the open rating page must give it (art. 11: nobody rates a service on another's
// behalf): a 办件 number alone is often sequential and easy to guess. The code itself is keyed
// (infra/protector.ts ratingCode); this module only reads and writes it as people type and see it.

export const RATING_CODE_DIGITS = 8;

// Spaces of every width, hyphens and dashes (‐ ‑ ‒ – — −), zero-width characters: what an IME or a copy adds.
const TYPED_SEPARATORS = /[\s\-\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff]/g;
const STORED_FORM = new RegExp(`^[0-9]{${RATING_CODE_DIGITS}}$`);

/** The code as typed ("1234 5678", "1234–5678", full-width digits) in its stored form, or undefined. */
export function normalizeRatingCode(typed: string): string | undefined {
  const digits = typed.normalize('NFKC').replace(TYPED_SEPARATORS, '');
  return STORED_FORM.test(digits) ? digits : undefined;
}

/** A 办件 number as a person typed it: full-width letters and digits (an IME's) as ASCII, no outer spaces. */
export function typedServiceRecordId(typed: string): string {
  return typed.normalize('NFKC').trim();
}

/** As printed on a receipt: two groups of four, easier to read aloud and to type. */
export function printedRatingCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}
