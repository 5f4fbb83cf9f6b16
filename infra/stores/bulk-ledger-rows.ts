// Writing many ratings of the ledger at once (file imports, bench/bulk-import.ts): each table gets one
// INSERT … SELECT FROM unnest(<one array per column>) per chunk, so a chunk of ten thousand ratings is a
// handful of statements with a fixed number of parameters. The hash chain is computed here, in memory, in
// the order of the chunk, from the hash the caller read under the ledger lock; the sequence numbers are
// drawn from the ledger's sequence in one statement and given out in that same order, so `sequence` order
// is chain order (what `hcp ledger verify` walks). What is written beside each rating is what the
// one-rating path writes (./evaluation-store.ts writeRating): dimensions, identifiers, the order to its
// 办件's invitation, and for a 差评 its case, first event and start order.
import { chainHash } from '../../domain/evaluation/ledger.ts';
import type { Knex } from 'knex';
import type { NewEvaluation } from '../../domain/evaluation/intake.ts';

/** Rows per knex multi-row insert for the rare tables (cases): far below PostgreSQL's 65,535 parameters. */
const KNEX_INSERT_CHUNK = 1_000;

/** One unnest() argument: node-postgres sends a JS array as one PostgreSQL array parameter. */
export function arrayParam(values: readonly unknown[]): Knex.Value {
  return values as unknown as Knex.Value;
}

/** `{"a","b \"c\""}`: a text[] literal, every element quoted. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

async function nextSequences(trx: Knex.Transaction, count: number): Promise<string[]> {
  const result = await trx.raw<{ rows: { n: string }[] }>(
    `select nextval('evaluations_sequence_seq')::text as n from generate_series(1, ?)`,
    [count],
  );
  return result.rows
    .map((row) => BigInt(row.n))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
}

/**
 * Appends `evaluations` in order after `previousHash`, with everything beside them; every check (art. 8–10,
 * duplicates, art. 9 for 办件 in no batch or theme) must already have passed. Returns the last hash.
 */
export async function insertChainedEvaluations(
  trx: Knex.Transaction,
  evaluations: readonly NewEvaluation[],
  previousHash: string,
): Promise<string> {
  if (evaluations.length === 0) return previousHash;
  const sequences = await nextSequences(trx, evaluations.length);
  const columns = {
    id: [] as string[],
    sequence: sequences,
    serviceRecordId: [] as string[],
    target: [] as string[],
    channel: [] as string[],
    level: [] as string[],
    tags: [] as string[],
    text: [] as string[],
    realName: [] as boolean[],
    nameMasked: [] as (string | null)[],
    nameEncrypted: [] as (string | null)[],
    phoneMasked: [] as (string | null)[],
    phoneEncrypted: [] as (string | null)[],
    ratedAt: [] as string[],
    previousHash: [] as string[],
    hash: [] as string[],
  };
  let last = previousHash;
  for (const evaluation of evaluations) {
    columns.id.push(evaluation.id);
    columns.serviceRecordId.push(evaluation.serviceRecordId);
    columns.target.push(evaluation.target);
    columns.channel.push(evaluation.channel);
    columns.level.push(evaluation.level);
    columns.tags.push(textArrayLiteral(evaluation.tags));
    columns.text.push(evaluation.text);
    columns.realName.push(evaluation.realName);
    columns.nameMasked.push(evaluation.raterNameMasked);
    columns.nameEncrypted.push(evaluation.raterNameEncrypted);
    columns.phoneMasked.push(evaluation.raterPhoneMasked);
    columns.phoneEncrypted.push(evaluation.raterPhoneEncrypted);
    columns.ratedAt.push(evaluation.ratedAt.toISOString());
    columns.previousHash.push(last);
    last = chainHash(last, evaluation);
    columns.hash.push(last);
  }
  await trx.raw(
    `insert into evaluations (id, sequence, service_record_id, target, channel, level, tags, text, real_name,
            rater_name_masked, rater_name_encrypted, rater_phone_masked, rater_phone_encrypted, rated_at,
            previous_hash, hash)
     select id, sequence, service_record_id, target, channel, level, tags::text[], text, real_name,
            name_masked, name_encrypted, phone_masked, phone_encrypted, rated_at, previous_hash, hash
       from unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
         as u(id, sequence, service_record_id, target, channel, level, tags, text, real_name, name_masked,
              name_encrypted, phone_masked, phone_encrypted, rated_at, previous_hash, hash)
      order by sequence`,
    Object.values(columns).map(arrayParam),
  );
  await insertBeside(trx, evaluations);
  return last;
}

async function insertBeside(trx: Knex.Transaction, evaluations: readonly NewEvaluation[]): Promise<void> {
  const withDimensions = evaluations.filter((evaluation) => evaluation.dimensions);
  if (withDimensions.length > 0) {
    await trx.raw(
      `insert into evaluation_dimensions (evaluation_id, attitude, quality, efficiency, environment)
       select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])`,
      [
        arrayParam(withDimensions.map((evaluation) => evaluation.id)),
        ...(['attitude', 'quality', 'efficiency', 'environment'] as const).map((dimension) =>
          arrayParam(withDimensions.map((evaluation) => evaluation.dimensions?.[dimension] ?? null)),
        ),
      ],
    );
  }
  const withIdentifiers = evaluations.filter((evaluation) => evaluation.identifiers);
  if (withIdentifiers.length > 0) {
    await trx.raw(
      `insert into evaluation_identifiers (evaluation_id, phone_hash, device_id, ip, account)
       select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])`,
      [
        ...[
          withIdentifiers.map((evaluation) => evaluation.id),
          withIdentifiers.map((evaluation) => evaluation.identifiers?.phoneHash ?? null),
          withIdentifiers.map((evaluation) => evaluation.identifiers?.deviceId ?? null),
          withIdentifiers.map((evaluation) => evaluation.identifiers?.ip ?? null),
          withIdentifiers.map((evaluation) => evaluation.identifiers?.account ?? null),
        ].map(arrayParam),
      ],
    );
  }
  // Each rating's own 办件 only: a 办件 in a batch or theme goes through the one-rating path.
  await trx.raw(
    `insert into invitation_outbox (kind, service_record_id, key)
     select 'evaluation-received', service_record_id, 'evaluation-received:' || id || ':' || service_record_id
       from unnest(?::text[], ?::text[]) as u(id, service_record_id)`,
    [
      arrayParam(evaluations.map((evaluation) => evaluation.id)),
      arrayParam(evaluations.map((evaluation) => evaluation.serviceRecordId)),
    ],
  );
  await openCases(
    trx,
    evaluations.filter((evaluation) => evaluation.opensCase),
  );
}

/** 差评 cases (art. 16): the case, its first timeline event and the order that starts it in the engine. */
export async function openCases(trx: Knex.Transaction, evaluations: readonly NewEvaluation[]): Promise<void> {
  for (let start = 0; start < evaluations.length; start += KNEX_INSERT_CHUNK) {
    const chunk = evaluations.slice(start, start + KNEX_INSERT_CHUNK);
    await trx('cases').insert(
      chunk.map((evaluation) => ({
        id: evaluation.id,
        evaluation_id: evaluation.id,
        status: 'pending-start',
      })),
    );
    await trx('case_events').insert(
      chunk.map((evaluation) => ({
        case_id: evaluation.id,
        kind: 'case-opened',
        stage: 'intake',
        detail: { level: evaluation.level, channel: evaluation.channel },
        idempotency_key: `case-opened:${evaluation.id}`,
        occurred_at: evaluation.ratedAt,
      })),
    );
    await trx('outbox').insert(chunk.map((evaluation) => ({ kind: 'start-case', case_id: evaluation.id })));
  }
}
