// Reading what the fraud rules need: a rating with its 办件's unit and window and its identifiers, the
// ratings before it that share an identifier or a window, and the staff's work phones as lookup hashes.
import { normalisePhone } from '../../domain/fraud/phone.ts';
import { lookbackMs, type FraudThresholds } from '../../domain/fraud/thresholds.ts';
import type { RatingFacts, StaffPhone } from '../../domain/fraud/types.ts';
import type { EvaluationChannel } from '../../domain/evaluation/channels.ts';
import type { EvaluationLevel } from '../../domain/evaluation/levels.ts';
import type { Db } from '../db.ts';

export interface FactsRow {
  id: string;
  sequence: string;
  rated_at: Date;
  level: string;
  channel: string;
  service_record_id: string;
  handling_department_id: string;
  institution_id: string | null;
  phone_hash: string | null;
  device_id: string | null;
  ip: string | null;
  account: string | null;
}

export function factsQuery(db: Db) {
  return db('evaluations as e')
    .join('service_records as sr', 'sr.id', 'e.service_record_id')
    .leftJoin('evaluation_identifiers as i', 'i.evaluation_id', 'e.id')
    .select<FactsRow[]>(
      'e.id',
      'e.sequence',
      'e.rated_at',
      'e.level',
      'e.channel',
      'e.service_record_id',
      'sr.handling_department_id',
      'sr.institution_id',
      'i.phone_hash',
      'i.device_id',
      'i.ip',
      'i.account',
    );
}

export function toFacts(row: FactsRow): RatingFacts {
  return {
    id: row.id,
    ratedAt: new Date(row.rated_at),
    // Stored by the intake, which admits only the five levels and the known channels.
    level: row.level as EvaluationLevel,
    channel: row.channel as EvaluationChannel,
    serviceRecordId: row.service_record_id,
    departmentId: row.handling_department_id,
    institutionId: row.institution_id,
    phoneHash: row.phone_hash,
    deviceId: row.device_id,
    ip: row.ip,
    account: row.account,
  };
}

/** The ratings up to the subject's time that any rule may compare it with (a superset). */
export async function neighbourFacts(
  db: Db,
  subject: RatingFacts,
  thresholds: FraudThresholds,
): Promise<RatingFacts[]> {
  const end = subject.ratedAt;
  const identifiers = [
    ['i.phone_hash', subject.phoneHash],
    ['i.device_id', subject.deviceId],
    ['i.ip', subject.ip],
    ['i.account', subject.account],
  ] as const;
  const shared = identifiers.filter(([, value]) => value !== null);
  const rows = await factsQuery(db)
    .where('e.rated_at', '<=', end)
    .andWhere((query) => {
      if (shared.length > 0) {
        void query.orWhere((byIdentifier) => {
          void byIdentifier.where('e.rated_at', '>', new Date(end.getTime() - lookbackMs(thresholds)));
          void byIdentifier.andWhere((any) => {
            for (const [column, value] of shared) void any.orWhere(column, value);
          });
        });
      }
      if (subject.institutionId !== null) {
        const windowStart = new Date(end.getTime() - thresholds.topRatingRun.withinMinutes * 60_000);
        void query.orWhere((byWindow) => {
          void byWindow
            .where('sr.institution_id', subject.institutionId)
            .andWhere('e.rated_at', '>', windowStart);
        });
      }
      if (shared.length === 0 && subject.institutionId === null) void query.whereRaw('false');
    });
  return rows.map(toFacts);
}

/** Staff work phones (users.phone, plain work contacts) keyed by the same lookup hash as raters'. */
export async function staffPhones(
  db: Db,
  lookupHash: (value: string) => string,
): Promise<Map<string, StaffPhone>> {
  const users = await db('users')
    .whereNotNull('phone')
    .select<{ id: string; department_id: string; phone: string }[]>('id', 'department_id', 'phone');
  const byHash = new Map<string, StaffPhone>();
  for (const user of users) {
    const normalised = normalisePhone(user.phone);
    if (normalised) byHash.set(lookupHash(normalised), { userId: user.id, departmentId: user.department_id });
  }
  return byHash;
}
