// An audited reveal of a rater's contact data (art. 24): the audit row and the decryption happen in one
// transaction, so there is no reveal without its audit row, and no audit row for a refused reveal.
import { DomainError } from '../../domain/errors.ts';
import { mayRevealContact } from '../../domain/evaluation/contact-access.ts';
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
    const evaluation = await trx('evaluations')
      .where({ id: request.evaluationId })
      .first<{ rater_name_encrypted: string | null; rater_phone_encrypted: string | null } | undefined>(
        'rater_name_encrypted',
        'rater_phone_encrypted',
      );
    if (!evaluation) throw new DomainError('evaluation.not_found', { id: request.evaluationId });
    // Decrypted before the audit row commits: a value that cannot be decrypted rolls the audit back.
    const name = evaluation.rater_name_encrypted ? decrypt(evaluation.rater_name_encrypted) : null;
    const phone = evaluation.rater_phone_encrypted ? decrypt(evaluation.rater_phone_encrypted) : null;
    const [audit] = await trx('contact_reveals')
      .insert({
        evaluation_id: request.evaluationId,
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
