// Writing many ratings of the ledger at once (file imports, bench/bulk-import.ts): each table gets one
// COPY … FROM STDIN per chunk (./copy-from.ts), so a chunk of ten thousand ratings is a handful of
// statements. The hash chain is computed here, in memory, in
// the order of the chunk, from the hash the caller read under the ledger lock; the sequence numbers are
// drawn from the ledger's sequence in one statement and given out in that same order, so `sequence` order
// is chain order (what `hcp ledger verify` walks). What is written beside each rating is what the
// one-rating path writes (./evaluation-store.ts writeRating): identifiers, the order to its
// 办件's invitation, and for a 差评 its case, first event and start order.
import { chainHash } from '../../domain/evaluation/ledger.ts';
import { dimensionLevels, EVALUATION_DIMENSIONS } from '../../domain/evaluation/dimensions.ts';
import { startedInvitations } from './invitation-store.ts';
import { copyRows } from './copy-from.ts';
import { textArrayLiteral } from './text-array.ts';
import type { Knex } from 'knex';
import type { NewEvaluation } from '../../domain/evaluation/intake.ts';

/** Rows per knex multi-row insert for the rare tables (cases): far below PostgreSQL's 65,535 parameters. */
const KNEX_INSERT_CHUNK = 1_000;

/** One unnest() argument: node-postgres sends a JS array as one PostgreSQL array parameter. */
export function arrayParam(values: readonly unknown[]): Knex.Value {
  return values as unknown as Knex.Value;
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
  const rows: (string | boolean | null)[][] = [];
  let last = previousHash;
  evaluations.forEach((evaluation, index) => {
    const hash = chainHash(last, evaluation);
    rows.push([
      evaluation.id,
      sequences[index]!,
      evaluation.serviceRecordId,
      evaluation.target,
      evaluation.channel,
      evaluation.level,
      textArrayLiteral(evaluation.tags),
      evaluation.text,
      evaluation.realName,
      evaluation.raterNameMasked,
      evaluation.raterNameEncrypted,
      evaluation.raterPhoneMasked,
      evaluation.raterPhoneEncrypted,
      evaluation.ratedAt.toISOString(),
      ...dimensionLevels(evaluation.dimensions),
      last,
      hash,
    ]);
    last = hash;
  });
  await copyRows(trx, 'evaluations', EVALUATION_COLUMNS, rows);
  await insertBeside(trx, evaluations);
  return last;
}

const EVALUATION_COLUMNS = [
  'id',
  'sequence',
  'service_record_id',
  'target',
  'channel',
  'level',
  'tags',
  'text',
  'real_name',
  'rater_name_masked',
  'rater_name_encrypted',
  'rater_phone_masked',
  'rater_phone_encrypted',
  'rated_at',
  ...EVALUATION_DIMENSIONS,
  'previous_hash',
  'hash',
];

async function insertBeside(trx: Knex.Transaction, evaluations: readonly NewEvaluation[]): Promise<void> {
  await copyRows(
    trx,
    'evaluation_identifiers',
    ['evaluation_id', 'phone_hash', 'device_id', 'ip', 'account'],
    evaluations.flatMap(({ id, identifiers }) =>
      identifiers
        ? [[id, identifiers.phoneHash, identifiers.deviceId, identifiers.ip, identifiers.account]]
        : [],
    ),
  );
  // Each rating's own 办件 only: a 办件 in a batch or theme goes through the one-rating path. Only a rating
  // of the service ends the invitation, which invites one (a platform rating leaves it waiting). Only an
  // invitation that started waits for the message; a 办件 without one (never reported completed, or its
  // start order still pending, which will see the rating and not start) needs no order — and should its
  // start be under way this very moment, its workers find the rating before they remind or record 未评.
  const waiting = await startedInvitations(
    trx,
    evaluations.map((evaluation) => evaluation.serviceRecordId),
  );
  await copyRows(
    trx,
    'invitation_outbox',
    ['kind', 'service_record_id', 'key'],
    evaluations
      .filter(({ serviceRecordId, target }) => target === 'service' && waiting.has(serviceRecordId))
      .map(({ id, serviceRecordId }) => [
        'evaluation-received',
        serviceRecordId,
        `evaluation-received:${id}:${serviceRecordId}`,
      ]),
  );
  await openCases(
    trx,
    evaluations.filter((evaluation) => evaluation.opensCase),
  );
}

/** What opening a case needs of its rating; the case takes the rating's id. */
export interface CaseOpening {
  id: string;
  level: string;
  channel: string;
  ratedAt: Date;
}

/**
 * 差评 cases (art. 16): the case, its first timeline event and the order that starts it in the engine. The
 * ratings are of a 办件 (`evaluations`) or, 综合点评, of an institution, item or platform (`subject_evaluations`).
 */
export async function openCases(
  trx: Knex.Transaction,
  evaluations: readonly CaseOpening[],
  ledger: 'evaluations' | 'subject_evaluations' = 'evaluations',
): Promise<void> {
  const ratingColumn = ledger === 'evaluations' ? 'evaluation_id' : 'subject_evaluation_id';
  for (let start = 0; start < evaluations.length; start += KNEX_INSERT_CHUNK) {
    const chunk = evaluations.slice(start, start + KNEX_INSERT_CHUNK);
    await trx('cases').insert(
      chunk.map((evaluation) => ({
        id: evaluation.id,
        [ratingColumn]: evaluation.id,
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
