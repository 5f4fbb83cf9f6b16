// How personal data looks on a screen (art. 24): enough to recognise, not enough to use.
import { normalisePhone } from '../fraud/phone.ts';

/**
 * 13812345678 → 138****5678 (a mobile or longer number); a shorter one (a landline, 88881234 → ****1234)
 * shows at most its last four characters and never more than half of them.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/\s+/g, '');
  if (compact.length >= 11) return `${compact.slice(0, 3)}****${compact.slice(-4)}`;
  const shown = Math.min(4, Math.floor(compact.length / 2));
  return `${'*'.repeat(compact.length - shown)}${shown > 0 ? compact.slice(-shown) : ''}`;
}

/** 张三丰 → 张**; one character stays one star. */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length <= 1) return '*';
  return `${characters[0]}${'*'.repeat(characters.length - 1)}`;
}

/** The last digits of a phone that identify it whatever the country code or trunk prefix written before. */
const SIGNIFICANT_DIGITS = 7;

/** A name as JSON writes it with non-ASCII escaped (\\u738b…, Python's json.dumps default), in either case. */
function escapedSpellings(name: string): string[] {
  let escaped = '';
  for (let index = 0; index < name.length; index++) {
    const unit = name.charCodeAt(index);
    escaped += unit < 0x80 ? name[index] : `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  if (escaped === name) return [];
  return [escaped, escaped.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`)];
}

/**
 * `text` (an outside system's error, say) with a rater's contact masked wherever it appears: the name as
 * written or JSON-escaped, the phone in any spelling of its digits — 138-1234-5678, +86 138 1234 5678,
 * 8613812345678, a landline with or without its country code (+86 29 8888 1234, 029-88881234), a foreign
 * number with or without its own — any run of digits holding the phone's last seven (or all of a shorter
 * phone's). For what is logged or shown to staff, who see masks only (art. 24). Mask first, cut after: a cut
 * through a number would leave its visible part unmatched.
 */
export function redactContact(
  text: string,
  contact: { name?: string | null; phone?: string | null },
): string {
  let redacted = text;
  const name = contact.name?.trim();
  if (name) {
    for (const spelling of [name, ...escapedSpellings(name)]) {
      redacted = redacted.replaceAll(spelling, maskName(name));
    }
  }
  const digits = contact.phone ? normalisePhone(contact.phone) : '';
  if (digits.length >= 5) {
    const significant = digits.slice(-SIGNIFICANT_DIGITS);
    redacted = redacted.replace(/\+?\d[\d\s-]*\d/g, (run) =>
      run.replace(/[^0-9]/g, '').includes(significant) ? maskPhone(digits) : run,
    );
  }
  return redacted;
}

/**
 * `text` with the characters a Chinese input method types in their full-width forms (１３８, －, （０２９）, the
 * ideographic space) read as their ASCII twins. Each is one UTF-16 unit, as its twin is, so a match found in
 * the folded text has the same offsets in the text as written.
 */
function foldFullWidth(text: string): string {
  return text.replace(/[\uff08\uff09\uff0b\uff0d\uff10-\uff19\u3000]/g, (character) =>
    character === '\u3000' ? ' ' : String.fromCharCode(character.charCodeAt(0) - 0xfee0),
  );
}

/**
 * `text` with every run `pattern` finds masked by `mask`, the run given in ASCII digits (full-width ones
 * folded); what lies between runs stays exactly as written. `mask` answering null leaves the run as written.
 */
function maskRuns(text: string, pattern: RegExp, mask: (run: string) => string | null): string {
  const folded = foldFullWidth(text);
  let masked = '';
  let last = 0;
  for (const match of folded.matchAll(pattern)) {
    const replacement = mask(match[0]);
    if (replacement === null) continue;
    masked += text.slice(last, match.index) + replacement;
    last = match.index + match[0].length;
  }
  return masked + text.slice(last);
}

/** A mainland mobile number, with or without +86 / 0086 / 86, its digits grouped by spaces or hyphens. */
const MOBILE_NUMBER = /(?<![0-9])(?:(?:\+|00)?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])/g;

/** A mainland area code without its 0: 10 (Beijing), 20–29, or three digits from 3 to 9 (0917 → 917). */
const AREA_CODE = '(?:10|2[0-9]|[3-9][0-9]{2})';

/**
 * A mainland landline written with its area code — 029-88881234, (029)8888 1234, 0917 2345678, +86 29 8888
 * 1234 — whose local number starts with 2–9 as every subscriber number does. A local number without its
 * area code is eight digits like any other and stays as written; so do 400 and 95xxx service numbers, and a
 * run of digits after a 0 that is no area code (流水号 01123456789).
 */
const LANDLINE_NUMBER = new RegExp(
  `(?<![0-9])(?:(?:\\+|00)86[\\s-]?\\(?${AREA_CODE}\\)?|\\(0${AREA_CODE}\\)|0${AREA_CODE})` +
    '[\\s-]?[2-9][0-9]{2,3}[\\s-]?[0-9]{4}(?![0-9])',
  'g',
);

/** A landline's digits as dialled at home: +86 29 8888 1234 → 02988881234. */
function landlineDigits(run: string): string {
  const international = /^(?:\+|00)86/.exec(run);
  const digits = run.slice(international ? international[0].length : 0).replace(/[^0-9]/g, '');
  return digits.startsWith('0') ? digits : `0${digits}`;
}

/**
 * `text` with every mainland mobile number masked (138****5678), where the contact it may echo is not known
 * (a 12345 refusal of a withdrawal, which names only the case).
 */
export function maskMobileNumbers(text: string): string {
  return maskRuns(text, MOBILE_NUMBER, (run) => maskPhone(normalisePhone(run)));
}

/**
 * A resident ID number (居民身份证号码, GB 11643: six digits of region, the birth date, three of sequence, a
 * check character) → its first three and last four characters (610***********123X). Only a run of exactly
 * eighteen that starts with a province's code, holds a real date and whose check character is right: a 办件
 * number of region, date and sequence (610100202311280001) has the shape too, and stays as written unless its
 * last digit happens to fit (one in eleven). The fifteen-digit numbers of the first-generation cards (no
 * longer valid since 2013, and without a check character) are left alone: in a rater's text such a run is far
 * more often a 办件 or receipt number.
 */
const ID_NUMBER =
  /(?<![0-9A-Za-z])(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])[0-9]{4}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

function hasIdCheckCharacter(id: string): boolean {
  let sum = 0;
  for (const [index, weight] of ID_WEIGHTS.entries()) sum += Number(id[index]) * weight;
  return ID_CHECK_CHARACTERS[sum % 11] === id[17]!.toUpperCase();
}

/** An e-mail address as written in a letter or a comment: its mailbox name, @ (or full-width ＠) and domain. */
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+[@＠][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** zhang.san@163.com → z***@163.com: whose mailbox it is stays unknown, which provider it is stays readable. */
export function maskEmail(address: string): string {
  const at = address.search(/[@＠]/);
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * What a rater wrote, as staff read it (art. 24): mainland mobile numbers, landlines written with their area
 * code, resident ID numbers and e-mail addresses typed into it masked ("请回电13812345678" → "请回电138****5678"),
 * numbers in ASCII or full-width digits. The ledger keeps the text as written; an audited reveal
 * (POST /api/evaluations/:id/reveal-contact) gives it back in full.
 */
export function maskPersonalDetails(text: string): string {
  const withoutIds = maskRuns(text, ID_NUMBER, (id) =>
    hasIdCheckCharacter(id) ? `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}` : null,
  );
  const withoutMobiles = maskMobileNumbers(withoutIds);
  const withoutPhones = maskRuns(withoutMobiles, LANDLINE_NUMBER, (run) => maskPhone(landlineDigits(run)));
  return withoutPhones.replace(EMAIL_ADDRESS, maskEmail);
}
