// Which 办件 an SMS reply rates (art. 13 短信回复). The reply carries no reference, so it answers the phone's
// latest reminder (art. 10): of the 办件 whose applicant gave this phone and whose invitation is still open —
// reminded, window not closed, not 未评 — the one reminded last, counting a batch as one (art. 9: one rating
// applies to all its 办件). It rates that 办件 only while nothing rated it yet (its own rating, its batch's or
// its theme's: service_record_ratings); rated already, the reply is a repeat or a second reply to the same
// reminder, and it never falls through to an older 办件 the rater did not mean. When another 办件 of that phone,
// reminded within a day of the latest, is still unrated too, the reply cannot say which one it rates:
// `several`, and nothing is rated. A theme counts as one, as a batch does: a batch's 办件 share one reminder and
// one rating applies to all of them; a theme's each got their own reminder, and the reply is the theme's overall
// rating (art. 9: it applies to every item) — or, when any item of the theme was already rated on its own (one
// reminded too, or one rated on the spot and so never reminded), the rating of the one reminded item left unrated
// (several left: `several`).
//
// Applicants' phones are stored encrypted with a random IV (infra/protector.ts), so they cannot be matched
// in SQL: the masked copy narrows the candidates (the mask of the phone in its normal form, as registration
// stores it; for 办件 registered before, the mask's last four characters), which are then decrypted and
// compared in that normal form (domain/fraud/phone.ts).
import { normalisePhone } from '../../domain/fraud/phone.ts';
import { maskPhone } from '../../domain/evaluation/masking.ts';
import { occasionKey } from '../../domain/evaluation/occasion.ts';
import { themeServiceRated } from './rating-occasion.ts';
import type { Db } from '../db.ts';

export type SmsReplyTarget =
  /** `rated`: the 办件 of the latest reminder, rated already (a retry of the reply that rated them may be it). */
  | { kind: 'none'; rated?: string[] }
  /** `theme`: the reply is its theme's overall rating (given through this 办件); `item`: of this 办件. */
  | { kind: 'one'; serviceRecordId: string; scope: 'item' | 'theme' }
  | { kind: 'several'; serviceRecordIds: string[] };

interface Candidate {
  id: string;
  batch_id: string | null;
  theme_id: string | null;
  reminded_at: Date;
  rated: boolean;
  applicant_phone_encrypted: string;
}

/**
 * Reminders sent this close to the latest leave a reply in doubt: the rater may answer either. An older one
 * (the rater let it pass) is not what a reply to the latest answers.
 */
const AMBIGUOUS_WITHIN_MS = 24 * 3_600_000;

export async function smsReplyTarget(
  db: Db,
  decrypt: (stored: string) => string,
  phone: string,
  now: Date,
): Promise<SmsReplyTarget> {
  const wanted = normalisePhone(phone);
  if (wanted.length < 4) return { kind: 'none' };
  const rows = await db('service_records as sr')
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
    .orderBy([
      { column: 'i.reminded_at', order: 'desc' },
      { column: 'i.completed_at', order: 'desc' },
      { column: 'sr.id', order: 'desc' },
    ])
    .select<Candidate[]>(
      'sr.id',
      'sr.batch_id',
      'sr.theme_id',
      'i.reminded_at',
      'sr.applicant_phone_encrypted',
      db.raw(
        `exists (select 1 from service_record_ratings r
                  where r.service_record_id = sr.id and r.target = 'service') as rated`,
      ),
    );
  const mine = rows.filter((row) => normalisePhone(decrypt(row.applicant_phone_encrypted)) === wanted);
  // One occasion per theme or batch (what the fraud rules count as one too); in reminder order, latest first.
  const occasions = new Map<string, Candidate[]>();
  for (const row of mine) {
    const key = occasionKey({ id: row.id, batchId: row.batch_id, themeId: row.theme_id });
    occasions.set(key, [...(occasions.get(key) ?? []), row]);
  }
  const [latest, ...older] = [...occasions.values()];
  if (!latest) return { kind: 'none' };
  // Any 办件 of a theme rated (not only the reminded ones: one rated on the spot got no reminder) rules out the
  // overall rating, as the intake does (infra/stores/rating-occasion.ts).
  const themeId = latest[0]!.theme_id;
  const answered = occasionTarget(latest, themeId !== null && (await themeServiceRated(db, themeId)));
  if (answered.kind !== 'one') return answered;
  const latestAt = new Date(latest[0]!.reminded_at).getTime();
  const otherUnrated = older.filter(
    (members) =>
      !members.some((row) => row.rated) &&
      latestAt - new Date(members[0]!.reminded_at).getTime() < AMBIGUOUS_WITHIN_MS,
  );
  if (otherUnrated.length > 0) {
    return {
      kind: 'several',
      serviceRecordIds: [answered.serviceRecordId, ...otherUnrated.map((members) => members[0]!.id)],
    };
  }
  return answered;
}

/**
 * What a reply to one occasion's reminder rates, by what of it is rated already; `themeRated`: a rating of its
 * theme's service was stored, through any of its 办件.
 */
function occasionTarget(members: readonly Candidate[], themeRated: boolean): SmsReplyTarget {
  const [first] = members;
  const rated = { kind: 'none', rated: members.map((row) => row.id) } as const;
  if (first!.theme_id === null) {
    // A 办件, or a batch: rated by one rating, which applies to all of its 办件.
    return members.some((row) => row.rated)
      ? rated
      : { kind: 'one', serviceRecordId: first!.id, scope: 'item' };
  }
  const left = members.filter((row) => !row.rated);
  if (!themeRated) return { kind: 'one', serviceRecordId: first!.id, scope: 'theme' };
  // Items rated one by one already (art. 9: overall or per item, never both): the one reminded item left, if
  // one is.
  if (left.length === 0) return rated;
  if (left.length === 1) return { kind: 'one', serviceRecordId: left[0]!.id, scope: 'item' };
  return { kind: 'several', serviceRecordIds: left.map((row) => row.id) };
}
