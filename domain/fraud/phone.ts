// One form of a phone number, so the same phone always gives the same lookup hash: digits only, without
// the country code 86 of a mainland mobile number. "+86 138-1234-5678" and "13812345678" are one phone.
/**
 * A phone as raters, applicants and forms may give it: digits, an optional leading +, hyphens, 5 to 20
 * characters, at least 5 of them digits (a number 12345 can call back, art. 18; "-----" is none).
 */
export function isPhoneNumber(value: string): boolean {
  return /^\+?[0-9-]{5,20}$/.test(value) && value.replace(/[^0-9]/g, '').length >= 5;
}

/**
 * A phone as people type it, before it is checked: full-width digits (a Chinese input method's １３８) as
 * ASCII and spaces (138 1234 5678) dropped. Hyphens stay: isPhoneNumber takes them.
 */
export function compactPhone(typed: string): string {
  const ascii = /^[\x20-\x7e]*$/.test(typed);
  return (ascii ? typed : typed.normalize('NFKC')).replace(/\s+/g, '');
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  const mobile = /^(?:0086|86)(1[3-9][0-9]{9})$/.exec(digits);
  return mobile ? mobile[1]! : digits;
}

/** The keyed lookup value of a phone, or null when there is no phone (or no hasher). */
export function phoneLookup(
  phone: string | null | undefined,
  hash: ((value: string) => string) | undefined,
): string | null {
  const normalised = phone ? normalisePhone(phone) : '';
  return normalised && hash ? hash(normalised) : null;
}
