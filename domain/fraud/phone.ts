// One form of a phone number, so the same phone always gives the same lookup hash: digits only, without
// the country code 86 of a mainland mobile number. "+86 138-1234-5678" and "13812345678" are one phone.
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
