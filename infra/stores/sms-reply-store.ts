// Which 办件 an SMS reply rates (art. 13 短信回复): of the 办件 whose applicant gave this phone, the one whose
// reminder (art. 10) was sent last and whose invitation to rate is still waiting — window not closed, not
// 未评, and no rating applies to it yet (service_record_ratings: its own, its batch's or its theme's). Only a
// reminder announces the reply's scale, so a 办件 not yet reminded is not what a reply answers: a reply to one
// reminder must never rate another 办件 completed meanwhile.
//
// Applicants' phones are stored encrypted with a random IV (infra/protector.ts), so they cannot be matched
// in SQL: the masked copy narrows the candidates (the mask of the phone in its normal form, as registration
// stores it; for 办件 registered before, the mask's last four characters), which are then decrypted and
// compared in that normal form (domain/fraud/phone.ts).
import { normalisePhone } from '../../domain/fraud/phone.ts';
import { maskPhone } from '../../domain/evaluation/masking.ts';
import type { Db } from '../db.ts';

export async function waitingServiceRecordOfPhone(
  db: Db,
  decrypt: (stored: string) => string,
  phone: string,
  now: Date,
): Promise<string | undefined> {
  const wanted = normalisePhone(phone);
  if (wanted.length < 4) return undefined;
  const candidates = await db('service_records as sr')
    .join('evaluation_invitations as i', 'i.service_record_id', 'sr.id')
    .whereNotNull('sr.applicant_phone_encrypted')
    .whereRaw('(sr.applicant_phone_masked = ? or sr.applicant_phone_masked like ?)', [
      maskPhone(wanted),
      `%${wanted.slice(-4)}`,
    ])
    .whereNotNull('i.reminded_at')
    .where('i.window_closes_at', '>', now)
    .whereNotExists(
      db('unrated_service_records as u').select(db.raw('1')).whereRaw('u.service_record_id = sr.id'),
    )
    .whereNotExists(
      db('service_record_ratings as r')
        .select(db.raw('1'))
        .whereRaw('r.service_record_id = sr.id')
        .where('r.target', 'service'),
    )
    .orderBy([
      { column: 'i.reminded_at', order: 'desc' },
      { column: 'i.completed_at', order: 'desc' },
      { column: 'sr.id', order: 'desc' },
    ])
    .select<{ id: string; applicant_phone_encrypted: string }[]>('sr.id', 'sr.applicant_phone_encrypted');
  return candidates.find((row) => normalisePhone(decrypt(row.applicant_phone_encrypted)) === wanted)?.id;
}
