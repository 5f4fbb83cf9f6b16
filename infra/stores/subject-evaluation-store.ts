// The sibling ledger of ratings without a 办件 (综合点评, 监督查评; domain/evaluation/subject-ledger.ts).
// Appends hold its own advisory lock (not the ratings ledger's: the two chains are independent), read the
// last hash once, chain the rows in memory and write them with one multi-row insert per chunk, each chunk
// one transaction. A row an earlier import stored is skipped or refused (./imported-evaluations.ts). A 差评
// among the 综合点评 opens its case in the same transaction (./bulk-ledger-rows.ts openCases).
import { GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import { subjectChainHash } from '../../domain/evaluation/subject-ledger.ts';
import { arrayParam, openCases } from './bulk-ledger-rows.ts';
import { textArrayLiteral } from './text-array.ts';
import {
  IMPORT_CHUNK,
  recordImportedRows,
  sortOutPreviouslyImported,
  storedOutcome,
  type ImportedRow,
  type RowOutcome,
} from './imported-evaluations.ts';
import type { Knex } from 'knex';
import type { Db } from '../db.ts';
import type { NewSubjectEvaluation } from '../../domain/evaluation/subject-rating.ts';
import type { RatedSubject } from '../../domain/evaluation/subject-ledger.ts';

export const SUBJECT_LEDGER_LOCK_KEY = 0x6863_7002;

/** Each subject's table, key and responsible unit (a platform's: its builder, art. 17). */
const SUBJECT_TABLES: Record<RatedSubject['type'], { table: string; key: string; department: string }> = {
  institution: { table: 'institutions', key: 'id', department: 'department_id' },
  item: { table: 'service_items', key: 'code', department: 'department_id' },
  platform: { table: 'platforms', key: 'id', department: 'builder_department_id' },
};

/** `institution:xa-hall-w01`, … for every subject of the given ones that exists, to its responsible unit. */
export async function existingSubjects(
  db: Db,
  subjects: readonly RatedSubject[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [type, { table, key, department }] of Object.entries(SUBJECT_TABLES)) {
    const ids = [
      ...new Set(subjects.filter((subject) => subject.type === type).map((subject) => subject.id)),
    ];
    if (ids.length === 0) continue;
    const rows = await db(table)
      .whereIn(key, ids)
      .select<{ key: string; department_id: string }[]>(`${key} as key`, `${department} as department_id`);
    for (const row of rows) found.set(`${type}:${row.key}`, row.department_id);
  }
  return found;
}

async function insertChained(
  trx: Knex.Transaction,
  rows: readonly NewSubjectEvaluation[],
  previousHash: string,
): Promise<void> {
  if (rows.length === 0) return;
  const sequences = await trx.raw<{ rows: { n: string }[] }>(
    `select nextval('subject_evaluations_sequence_seq')::text as n from generate_series(1, ?)`,
    [rows.length],
  );
  const ordered = sequences.rows.map((row) => BigInt(row.n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hashes: string[] = [];
  const previous: string[] = [];
  let last = previousHash;
  for (const row of rows) {
    previous.push(last);
    last = subjectChainHash(last, row);
    hashes.push(last);
  }
  const subjectOf = (type: RatedSubject['type']) =>
    rows.map((row) => (row.subject.type === type ? row.subject.id : null));
  const dimension = (name: 'attitude' | 'quality' | 'efficiency' | 'environment') =>
    rows.map((row) => row.dimensions?.[name] ?? null);
  await trx.raw(
    `insert into subject_evaluations (id, sequence, kind, channel, source_ref, institution_id, item_code,
            platform_id, level, attitude, quality, efficiency, environment, tags, text, real_name,
            rater_name_masked, rater_name_encrypted, rater_phone_masked, rater_phone_encrypted, rated_at,
            recorded_by, previous_hash, hash)
     select id, sequence, kind, channel, source_ref, institution_id, item_code, platform_id, level, attitude,
            quality, efficiency, environment, tags::text[], text, real_name, name_masked, name_encrypted,
            phone_masked, phone_encrypted, rated_at, recorded_by, previous_hash, hash
       from unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                   ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[])
         as u(id, sequence, kind, channel, source_ref, institution_id, item_code, platform_id, level,
              attitude, quality, efficiency, environment, tags, text, real_name, name_masked, name_encrypted,
              phone_masked, phone_encrypted, rated_at, recorded_by, previous_hash, hash)
      order by sequence`,
    [
      rows.map((row) => row.id),
      ordered.map(String),
      rows.map((row) => row.kind),
      rows.map((row) => row.channel),
      rows.map((row) => row.sourceRef),
      subjectOf('institution'),
      subjectOf('item'),
      subjectOf('platform'),
      rows.map((row) => row.level),
      dimension('attitude'),
      dimension('quality'),
      dimension('efficiency'),
      dimension('environment'),
      rows.map((row) => textArrayLiteral(row.tags)),
      rows.map((row) => row.text),
      rows.map((row) => row.realName),
      rows.map((row) => row.raterNameMasked),
      rows.map((row) => row.raterNameEncrypted),
      rows.map((row) => row.raterPhoneMasked),
      rows.map((row) => row.raterPhoneEncrypted),
      rows.map((row) => row.ratedAt.toISOString()),
      rows.map((row) => row.recordedBy),
      previous,
      hashes,
    ].map(arrayParam),
  );
}

async function appendChunk(
  db: Db,
  importId: string,
  rows: readonly ImportedRow<NewSubjectEvaluation>[],
): Promise<RowOutcome[]> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [SUBJECT_LEDGER_LOCK_KEY]);
    const { fresh, outcomes } = await sortOutPreviouslyImported(trx, rows);
    const last = await trx('subject_evaluations').orderBy('sequence', 'desc').first<{ hash: string }>('hash');
    await insertChained(
      trx,
      fresh.map((row) => row.evaluation),
      last?.hash ?? GENESIS_HASH,
    );
    await openCases(
      trx,
      fresh.map((row) => row.evaluation).filter((evaluation) => evaluation.opensCase),
      'subject_evaluations',
    );
    await recordImportedRows(trx, importId, 'subject_evaluations', fresh);
    for (const row of fresh) {
      outcomes.push(storedOutcome(row));
    }
    return outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  });
}

export async function appendImportedSubjectEvaluations(
  db: Db,
  importId: string,
  rows: readonly ImportedRow<NewSubjectEvaluation>[],
  chunkSize = IMPORT_CHUNK,
): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  for (let start = 0; start < rows.length; start += chunkSize) {
    outcomes.push(...(await appendChunk(db, importId, rows.slice(start, start + chunkSize))));
  }
  return outcomes;
}
