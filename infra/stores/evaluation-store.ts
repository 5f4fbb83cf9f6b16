// The ratings ledger in PostgreSQL. One transaction: the rating (hash-chained to the last one), and for
// a 差评 its case and the outbox row that starts the case in the engine.
import { DomainError } from '../../domain/errors.ts';
import { chainHash, GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import { isUniqueViolation } from './pg-errors.ts';
import { checkOccasion, recordOccasion } from './rating-occasion.ts';
import { recordIdentifiers } from './evaluation-identifiers.ts';
import type { Db } from '../db.ts';
import type { EvaluationStore, NewEvaluation } from '../../domain/evaluation/intake.ts';

// Serialises appends so every row links to the one before it (pg_advisory_xact_lock key).
const LEDGER_LOCK_KEY = 0x6863_7001;

export function createEvaluationStore(db: Db): EvaluationStore {
  return {
    async findServiceRecord(id) {
      const row = await db('service_records').where({ id }).first<{
        id: string;
        platform_id: string | null;
        completed_at: Date | null;
        promised_at: Date | null;
        theme_id: string | null;
      }>();
      return row
        ? {
            id: row.id,
            platformId: row.platform_id,
            completedAt: row.completed_at,
            promisedAt: row.promised_at,
            themeId: row.theme_id,
          }
        : undefined;
    },

    async append(evaluation: NewEvaluation) {
      try {
        await db.transaction(async (trx) => {
          await trx.raw('select pg_advisory_xact_lock(?)', [LEDGER_LOCK_KEY]);
          const appliesTo = await checkOccasion(trx, evaluation);
          const last = await trx('evaluations').orderBy('sequence', 'desc').first<{ hash: string }>('hash');
          const previousHash = last?.hash ?? GENESIS_HASH;
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
            previous_hash: previousHash,
            hash,
          });
          await recordOccasion(trx, evaluation);
          // art. 23: phone hash, device, IP and account for the fraud signals, beside the ledger row.
          await recordIdentifiers(trx, evaluation);
          // art. 7's four contents sit beside the ledger row, not in its hash (docs/ledger.md).
          if (evaluation.dimensions) {
            await trx('evaluation_dimensions').insert({
              evaluation_id: evaluation.id,
              ...evaluation.dimensions,
            });
          }
          // The invitations (art. 10) of every 办件 it applies to stop waiting; sent after commit, never
          // blocking the rating.
          await trx('invitation_outbox').insert(
            appliesTo.map((serviceRecordId) => ({
              kind: 'evaluation-received',
              service_record_id: serviceRecordId,
              key: `evaluation-received:${evaluation.id}:${serviceRecordId}`,
            })),
          );
          if (!evaluation.opensCase) return;
          await trx('cases').insert({
            id: evaluation.id,
            evaluation_id: evaluation.id,
            status: 'pending-start',
          });
          await trx('case_events').insert({
            case_id: evaluation.id,
            kind: 'case-opened',
            stage: 'intake',
            detail: { level: evaluation.level, channel: evaluation.channel },
            idempotency_key: `case-opened:${evaluation.id}`,
            occurred_at: evaluation.ratedAt,
          });
          await trx('outbox').insert({ kind: 'start-case', case_id: evaluation.id });
        });
      } catch (error: unknown) {
        if (isUniqueViolation(error, 'evaluations_service_record_id_target_unique')) {
          throw new DomainError('evaluation.duplicate', { serviceRecordId: evaluation.serviceRecordId });
        }
        throw error;
      }
    },
  };
}
