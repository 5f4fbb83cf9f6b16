// An audited reveal of a rater's contact data (art. 24): the audit row and the decryption happen in one
// transaction, so there is no reveal without its audit row, and no audit row for a refused reveal.
import { DomainError } from '../../domain/errors.ts';
import { mayRevealContact } from '../../domain/evaluation/contact-access.ts';
import type { Knex } from 'knex';
import type { Db } from '../db.ts';

export interface RevealRequest {
  evaluationId: string;
  userId: string;
  reason: string;
  at: Date;
}

export interface RevealedContact {
  auditId: string;
  evaluationId: string;
  name: string | null;
  phone: string | null;
  userId: string;
  role: string;
  reason: string;
  revealedAt: Date;
}

interface StoredContact {
  rater_name_encrypted: string | null;
  rater_phone_encrypted: string | null;
}

async function contactOfRating(
  trx: Knex.Transaction,
  id: string,
): Promise<{ evaluation: StoredContact; column: 'evaluation_id' | 'subject_evaluation_id' } | undefined> {
  for (const [table, column] of [
    ['evaluations', 'evaluation_id'],
    ['subject_evaluations', 'subject_evaluation_id'],
  ] as const) {
    const evaluation = await trx(table)
      .where({ id })
      .first<StoredContact | undefined>('rater_name_encrypted', 'rater_phone_encrypted');
    if (evaluation) return { evaluation, column };
  }
  return undefined;
}

export async function revealContact(
  db: Db,
  decrypt: (stored: string) => string,
  request: RevealRequest,
): Promise<RevealedContact> {
  return db.transaction(async (trx) => {
    const user = await trx('users')
      .where({ id: request.userId })
      .first<{ id: string; role: string } | undefined>('id', 'role');
    if (!user || !mayRevealContact(user.role)) {
      throw new DomainError('contact.user_not_allowed', { user: request.userId });
    }
    // A rating of a 办件, or a 综合点评 / 监督查评 (no 办件): the id names one of the two ledgers.
    const ledger = await contactOfRating(trx, request.evaluationId);
    if (!ledger) throw new DomainError('evaluation.not_found', { id: request.evaluationId });
    const { evaluation, column } = ledger;
    // Decrypted before the audit row commits: a value that cannot be decrypted rolls the audit back.
    const name = evaluation.rater_name_encrypted ? decrypt(evaluation.rater_name_encrypted) : null;
    const phone = evaluation.rater_phone_encrypted ? decrypt(evaluation.rater_phone_encrypted) : null;
    const [audit] = await trx('contact_reveals')
      .insert({
        [column]: request.evaluationId,
        user_id: user.id,
        role: user.role,
        reason: request.reason,
        revealed_at: request.at,
      })
      .returning<{ id: string }[]>('id');
    return {
      auditId: String(audit!.id),
      evaluationId: request.evaluationId,
      name,
      phone,
      userId: user.id,
      role: user.role,
      reason: request.reason,
      revealedAt: request.at,
    };
  });
}
