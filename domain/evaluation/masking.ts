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

/**
 * `text` (an outside system's error, say) with a rater's contact masked wherever it appears: the name as
 * written, the phone in any spelling of its digits (138-1234-5678, +86 138 1234 5678, 8613812345678).
 * For what is logged or shown to staff, who see masks only (art. 24).
 */
export function redactContact(
  text: string,
  contact: { name?: string | null; phone?: string | null },
): string {
  let redacted = text;
  const name = contact.name?.trim();
  if (name) redacted = redacted.replaceAll(name, maskName(name));
  const digits = contact.phone ? normalisePhone(contact.phone) : '';
  if (digits.length >= 5) {
    redacted = redacted.replace(/\+?\d[\d\s-]*\d/g, (run) =>
      normalisePhone(run).includes(digits) ? maskPhone(digits) : run,
    );
  }
  return redacted;
}
