// A case's rater's own name and phone, to mask them in text that people write about the case (a 12345
// operator's note, who may have revealed and called them): unit staff read the timeline and the engine's
// variables, and see contacts only masked (art. 24). Any other mobile number in the text is masked too.
import { maskMobileNumbers, redactContact } from '../../domain/evaluation/masking.ts';
import type { Executor } from '../db.ts';
import type { Protector } from '../protector.ts';

export async function maskRaterContactIn(
  db: Executor,
  protector: Pick<Protector, 'decrypt'>,
  caseId: string,
  text: string,
): Promise<string> {
  if (!text) return text;
  const rater = await db('case_ratings')
    .where({ case_id: caseId })
    .first<{ rater_name_encrypted: string | null; rater_phone_encrypted: string | null } | undefined>(
      'rater_name_encrypted',
      'rater_phone_encrypted',
    );
  const open = (stored: string | null | undefined) => (stored ? protector.decrypt(stored) : null);
  const contact = { name: open(rater?.rater_name_encrypted), phone: open(rater?.rater_phone_encrypted) };
  return maskMobileNumbers(redactContact(text, contact));
}
