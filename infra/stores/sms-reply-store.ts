// Which 办件 an SMS reply rates (art. 13 短信回复): the latest completed 办件 whose applicant gave this
// phone and whose invitation to rate is still waiting — scheduled, window not closed, not 未评, and no
// rating applies to it yet (service_record_ratings: its own, its batch's or its theme's).
//
// Applicants' phones are stored encrypted with a random IV (infra/protector.ts), so they cannot be matched
// in SQL: the last four digits of the masked copy narrow the candidates, which are then decrypted and
// compared in one normal form (domain/fraud/phone.ts).
import { normalisePhone } from '../../domain/fraud/phone.ts';
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
    .where('sr.applicant_phone_masked', 'like', `%${wanted.slice(-4)}`)
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
      { column: 'i.completed_at', order: 'desc' },
      { column: 'sr.id', order: 'desc' },
    ])
    .select<{ id: string; applicant_phone_encrypted: string }[]>('sr.id', 'sr.applicant_phone_encrypted');
  return candidates.find((row) => normalisePhone(decrypt(row.applicant_phone_encrypted)) === wanted)?.id;
}
