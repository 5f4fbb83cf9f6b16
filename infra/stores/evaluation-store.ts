// The ratings ledger in PostgreSQL. One transaction: the rating (hash-chained to the last one), and for
// a 差评 its case and the outbox row that starts the case in the engine. Ratings arriving together share
// that transaction (group commit); a refused one is retried alone, so only its own caller hears of it.
import { DomainError } from '../../domain/errors.ts';
import { chainHash, GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import { EVALUATION_DIMENSIONS, type DimensionRatings } from '../../domain/evaluation/dimensions.ts';
import { isCheckViolation, isRowRefused, isUniqueViolation } from './pg-errors.ts';
import { checkOccasion, recordOccasion, recordsInBatchOrTheme } from './rating-occasion.ts';
import { recordIdentifiers } from './evaluation-identifiers.ts';
import { serviceRecordFacts } from './service-record-facts.ts';
import { cachedPresetTags } from './preset-tag-store.ts';
import { createGroupCommit } from './group-commit.ts';
import { batchedLookups } from '../batched-lookups.ts';
import { insertChainedEvaluations, openCases } from './bulk-ledger-rows.ts';
import type { Knex } from 'knex';
import type { Db } from '../db.ts';
import type { EvaluationStore, NewEvaluation } from '../../domain/evaluation/intake.ts';

// Serialises appends so every row links to the one before it (pg_advisory_xact_lock key).
const LEDGER_LOCK_KEY = 0x6863_7001;

/**
 * The ledger lock for the rest of the transaction, without reading the head: for a writer that must not
 * interleave with an append (recording 未评, workers/invitation-unrated.ts).
 */
export async function lockLedger(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?)', [LEDGER_LOCK_KEY]);
}

/**
 * Takes the ledger lock for the rest of the transaction and returns the hash the next rating links to: the
 * last rating's, or the genesis hash of an empty ledger. Every append to `evaluations` begins here.
 */
export async function lockLedgerHead(trx: Knex.Transaction): Promise<string> {
  await lockLedger(trx);
  const last = await trx('evaluations').orderBy('sequence', 'desc').first<{ hash: string }>('hash');
  return last?.hash ?? GENESIS_HASH;
}

export function createEvaluationStore(db: Db): EvaluationStore {
  // Concurrent ratings are chained and committed together (infra/stores/group-commit.ts): one lock, one
  // read of the last hash and one commit for the group, each rating linked to the one before it.
  const appends = createGroupCommit<NewEvaluation>({
    commitGroup: (evaluations) => appendInOrder(db, evaluations),
    commitOne: (evaluation) => appendInOrder(db, [evaluation]),
    isItemError: (error) => error instanceof DomainError || isRowRefused(error),
  });
  // The 办件 of ratings arriving together are read in one query.
  const facts = batchedLookups((ids: string[]) => serviceRecordFacts(db, ids));
  return {
    findServiceRecord: facts,

    presetTags: cachedPresetTags(db),

    async append(evaluation: NewEvaluation) {
      try {
        await appends.submit(evaluation);
      } catch (error: unknown) {
        if (isUniqueViolation(error, 'evaluations_service_record_id_target_unique')) {
          throw new DomainError('evaluation.duplicate', { serviceRecordId: evaluation.serviceRecordId });
        }
        // 未评 was recorded after this rating was judged (migrations/20261202110000).
        if (isCheckViolation(error, 'evaluations_not_after_unrated')) {
          throw new DomainError('evaluation.window_closed', { recordedUnrated: true });
        }
        throw error;
      }
    },
  };
}

/**
 * One transaction under the ledger lock: reads the last hash once and chains the ratings in the given
 * order. Ratings of 办件 in no batch or theme are written together (a few multi-row statements for the
 * group, ./bulk-ledger-rows.ts); a rating of a batch's or theme's 办件 is checked and written on its own,
 * after the ones before it, so two ratings of one batch (art. 9) in one group are judged as if they came
 * one after the other. A duplicate anywhere fails the group on the unique index; the group commit then
 * retries each rating alone and only the duplicate's caller hears of it.
 */
async function appendInOrder(db: Db, evaluations: readonly NewEvaluation[]): Promise<void> {
  await db.transaction(async (trx) => {
    let previousHash = await lockLedgerHead(trx);
    const grouped = await recordsInBatchOrTheme(
      trx,
      evaluations.map((evaluation) => evaluation.serviceRecordId),
    );
    let plain: NewEvaluation[] = [];
    for (const evaluation of evaluations) {
      if (!grouped.has(evaluation.serviceRecordId)) {
        plain.push(evaluation);
        continue;
      }
      previousHash = await insertChainedEvaluations(trx, plain, previousHash);
      plain = [];
      previousHash = await writeRating(trx, evaluation, previousHash);
    }
    await insertChainedEvaluations(trx, plain, previousHash);
  });
}

/** The four dimension columns of a ledger row, by name. */
const dimensionColumns = (ratings: DimensionRatings | null) =>
  Object.fromEntries(EVALUATION_DIMENSIONS.map((dimension) => [dimension, ratings?.[dimension] ?? null]));

/** The rating and everything stored beside it; returns its hash, the next rating's previous hash. */
export async function writeRating(
  trx: Knex.Transaction,
  evaluation: NewEvaluation,
  previousHash: string,
): Promise<string> {
  const appliesTo = await checkOccasion(trx, evaluation);
  const hash = chainHash(previousHash, evaluation);
  await trx('evaluations').insert({
    id: evaluation.id,
    service_record_id: evaluation.serviceRecordId,
    target: evaluation.target,
    channel: evaluation.channel,
    level: evaluation.level,
    tags: evaluation.tags,
    text: evaluation.text,
    real_name: evaluation.realName,
    rater_name_masked: evaluation.raterNameMasked,
    rater_name_encrypted: evaluation.raterNameEncrypted,
    rater_phone_masked: evaluation.raterPhoneMasked,
    rater_phone_encrypted: evaluation.raterPhoneEncrypted,
    rated_at: evaluation.ratedAt,
    ...dimensionColumns(evaluation.dimensions),
    previous_hash: previousHash,
    hash,
  });
  await recordOccasion(trx, evaluation);
  // art. 23: phone hash, device, IP and account for the fraud signals, beside the ledger row.
  await recordIdentifiers(trx, evaluation);
  // The invitations (art. 10) of every 办件 it applies to stop waiting; sent after commit, never
  // blocking the rating. They invite a rating of the service: a platform rating leaves them waiting.
  if (evaluation.target === 'service' && appliesTo.length > 0) {
    await trx('invitation_outbox').insert(
      appliesTo.map((serviceRecordId) => ({
        kind: 'evaluation-received',
        service_record_id: serviceRecordId,
        key: `evaluation-received:${evaluation.id}:${serviceRecordId}`,
      })),
    );
  }
  if (evaluation.opensCase) await openCase(trx, evaluation);
  return hash;
}

/** A 差评's case and the outbox row that starts it in the engine. */
export async function openCase(trx: Knex.Transaction, evaluation: NewEvaluation): Promise<void> {
  await openCases(trx, [evaluation]);
}
