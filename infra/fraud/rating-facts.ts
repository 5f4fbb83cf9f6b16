// Reading what the fraud rules need: a rating with its 办件's unit and window and its identifiers, the
// ratings before it that share an identifier or a window (for many ratings in one statement), and the staff's
// work phones as lookup hashes.
import { occasionKeySql } from '../../domain/evaluation/occasion.ts';
import { compactPhone, normalisePhone } from '../../domain/fraud/phone.ts';
import {
  laterScopes,
  neighbourScope,
  type IdentifierKey,
  type NeighbourScope,
} from '../../domain/fraud/neighbours.ts';
import type { FraudThresholds } from '../../domain/fraud/thresholds.ts';
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
  occasion: string;
  handling_department_id: string;
  institution_id: string | null;
  phone_hash: string | null;
  device_id: string | null;
  ip: string | null;
  account: string | null;
}

// The 办件's institution only when it is a window: a run of 非常满意 at a hall, a centre or a station is that
// place's whole traffic, not one window's (domain/fraud/rules.ts topRatingRunFlag).
const FACT_COLUMNS = `e.id, e.sequence, e.rated_at, e.level, e.channel, e.service_record_id,
  ${occasionKeySql('sr')} as occasion, sr.handling_department_id,
  (select w.id from institutions w where w.id = sr.institution_id and w.kind = 'window') as institution_id,
  i.phone_hash, i.device_id, i.ip, i.account`;

// Each rating's row looked up on its own (lateral, behind `offset 0`): by its primary key, its 办件's and its
// identifiers' too. Joined as one set, a planner whose statistics are older than the ledger's growth
// hash-joined every stored identifier for a batch of 200 (16 ms on 42,000 ratings, and growing).
const FACTS_OF_IDS_SQL = `
  select f.* from unnest(?::uuid[]) with ordinality as s(id, place)
   cross join lateral (
     select ${FACT_COLUMNS}
       from evaluations e
       join service_records sr on sr.id = e.service_record_id
       left join evaluation_identifiers i on i.evaluation_id = e.id
      where e.id = s.id
     offset 0) f
   order by s.place`;

/** The facts of the ratings of `ids` that exist, in the order of `ids`. */
export async function factsOfRatings(db: Db, ids: readonly string[]): Promise<FactsRow[]> {
  if (ids.length === 0) return [];
  const result = await db.raw<{ rows: FactsRow[] }>(FACTS_OF_IDS_SQL, [`{${ids.join(',')}}`]);
  return result.rows;
}

export function toFacts(row: FactsRow): RatingFacts {
  return {
    id: row.id,
    ratedAt: new Date(row.rated_at),
    // Stored by the intake, which admits only the five levels and the known channels.
    level: row.level as EvaluationLevel,
    channel: row.channel as EvaluationChannel,
    serviceRecordId: row.service_record_id,
    occasion: row.occasion,
    departmentId: row.handling_department_id,
    institutionId: row.institution_id,
    phoneHash: row.phone_hash,
    deviceId: row.device_id,
    ip: row.ip,
    account: row.account,
  };
}

const IDENTIFIER_COLUMNS: Record<IdentifierKey, string> = {
  phoneHash: 'phone_hash',
  deviceId: 'device_id',
  ip: 'ip',
  account: 'account',
};

// One branch per identifier (its own index) and one for the window, each bounded in time; joined laterally
// to every subject, so each subject's neighbours are found by index lookups of its own values whatever the
// planner thinks of the batch (`offset 0` keeps the subquery from being pulled up into a join the planner may
// hash over every rating when its statistics are stale), and come back tagged with the subject's place. Only the branches some subject
// of the batch needs are written: the statement is planned anew each time, and planning five branches cost
// twice what running them did (a QR rating carries an IP and seldom more).
const byIdentifier = (column: string) => `
    select ${FACT_COLUMNS}
      from evaluation_identifiers i
      join evaluations e on e.id = i.evaluation_id
      join service_records sr on sr.id = e.service_record_id
     where i.${column} = s.${column} and e.rated_at > s.${column}_from and e.rated_at <= s.until`;
const BY_WINDOW = `
    select ${FACT_COLUMNS}
      from evaluations e
      join service_records sr on sr.id = e.service_record_id
      left join evaluation_identifiers i on i.evaluation_id = e.id
     where sr.institution_id = s.institution_id and e.rated_at > s.window_from and e.rated_at <= s.until`;
const SCOPE_COLUMNS = [
  'place int',
  'until timestamptz',
  ...Object.values(IDENTIFIER_COLUMNS).flatMap((column) => [`${column} text`, `${column}_from timestamptz`]),
  'institution_id text',
  'window_from timestamptz',
].join(', ');

function neighboursSql(scopes: readonly NeighbourScope[]): string {
  const keys = new Set(scopes.flatMap((scope) => scope.identifiers.map((identifier) => identifier.key)));
  const branches = [...keys].map((key) => byIdentifier(IDENTIFIER_COLUMNS[key]));
  if (scopes.some((scope) => scope.window !== null)) branches.push(BY_WINDOW);
  return `
  select s.place, n.*
    from jsonb_to_recordset(?::jsonb) as s(${SCOPE_COLUMNS})
    cross join lateral (select * from (${branches.join('\n    union all')}) b offset 0) n`;
}

function scopeRecord(place: number, scope: NeighbourScope): Record<string, unknown> {
  const record: Record<string, unknown> = { place, until: scope.until.toISOString() };
  for (const { key, value, from } of scope.identifiers) {
    record[IDENTIFIER_COLUMNS[key]] = value;
    record[`${IDENTIFIER_COLUMNS[key]}_from`] = from.toISOString();
  }
  if (scope.window) {
    record.institution_id = scope.window.institutionId;
    record.window_from = scope.window.from.toISOString();
  }
  return record;
}

/**
 * For each subject, the ratings up to its time that a rule may compare it with (./domain/fraud/neighbours.ts),
 * read for all of them in one statement; each list holds a rating once, and may hold the subject itself.
 */
export async function neighbourFactsOfMany(
  db: Db,
  subjects: readonly RatingFacts[],
  thresholds: FraudThresholds,
): Promise<RatingFacts[][]> {
  const scopes = subjects.map((subject) => neighbourScope(subject, thresholds));
  const wanted = scopes.flatMap((scope, place) =>
    scope.identifiers.length > 0 || scope.window ? [scopeRecord(place, scope)] : [],
  );
  const found: Map<string, RatingFacts>[] = subjects.map(() => new Map());
  if (wanted.length === 0) return found.map(() => []);
  const result = await db.raw<{ rows: (FactsRow & { place: number })[] }>(neighboursSql(scopes), [
    JSON.stringify(wanted),
  ]);
  // Each branch of the statement applies its subject's scope; a rating several branches find is kept once.
  for (const row of result.rows) {
    const facts = toFacts(row);
    found[row.place]!.set(facts.id, facts);
  }
  return found.map((byId) => [...byId.values()]);
}

/**
 * The ids of the ratings stored after each of `subjects`' time that would have compared it (laterScopes), read
 * in one statement; the subjects themselves left out.
 */
export async function laterNeighbourIds(
  db: Db,
  subjects: readonly RatingFacts[],
  thresholds: FraudThresholds,
): Promise<string[]> {
  const scopes = subjects.flatMap((subject) => laterScopes(subject, thresholds));
  if (scopes.length === 0) return [];
  const result = await db.raw<{ rows: { id: string }[] }>(
    `select distinct n.id from (${neighboursSql(scopes)}) n`,
    [JSON.stringify(scopes.map((scope, place) => scopeRecord(place, scope)))],
  );
  const subjectIds = new Set(subjects.map((subject) => subject.id));
  return result.rows.map((row) => row.id).filter((id) => !subjectIds.has(id));
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
    // As typed into the directory: full-width digits (１３９…) read as ASCII, as a rater's phone is.
    const normalised = normalisePhone(compactPhone(user.phone));
    if (normalised) byHash.set(lookupHash(normalised), { userId: user.id, departmentId: user.department_id });
  }
  return byHash;
}
