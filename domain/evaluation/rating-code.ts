// The 评价码 (rating code) printed on a 办件's receipt beside its number and carried by the receipt's QR code.
// Whoever rates a 办件 on the open rating page must give it (art. 11: nobody rates a service on another's
// behalf): a 办件 number alone is often sequential and easy to guess. The code itself is keyed
// (infra/protector.ts ratingCode); this module only reads and writes it as people type and see it.

export const RATING_CODE_DIGITS = 8;

const TYPED_SEPARATORS = /[\s\-－—]/g;

/** The code as typed ("1234 5678", "1234-5678", full-width digits) in its stored form, or undefined. */
export function normalizeRatingCode(typed: string): string | undefined {
  const digits = typed
    .replace(TYPED_SEPARATORS, '')
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  return new RegExp(`^[0-9]{${RATING_CODE_DIGITS}}$`).test(digits) ? digits : undefined;
}

/** As printed on a receipt: two groups of four, easier to read aloud and to type. */
export function printedRatingCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}
