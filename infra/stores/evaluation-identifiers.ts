// The identifiers a rating came with (art. 23 fraud signals), beside the ledger row and in its
// transaction: the row's hash does not cover them, so existing rows hash as before (docs/ledger.md).
import type { Knex } from 'knex';
import type { NewEvaluation } from '../../domain/evaluation/intake.ts';

export async function recordIdentifiers(trx: Knex.Transaction, evaluation: NewEvaluation): Promise<void> {
  const identifiers = evaluation.identifiers;
  if (!identifiers) return;
  await trx('evaluation_identifiers').insert({
    evaluation_id: evaluation.id,
    phone_hash: identifiers.phoneHash,
    device_id: identifiers.deviceId,
    ip: identifiers.ip,
    account: identifiers.account,
  });
}
