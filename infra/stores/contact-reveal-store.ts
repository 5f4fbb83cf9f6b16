// An audited reveal of a rater's contact data (art. 24): the audit row and the decryption happen in one
// transaction, so there is no reveal without its audit row, and no audit row for a refused reveal. Who may
// reveal which rating: domain/evaluation/contact-access.ts (role, jurisdiction, and for 12345 a real-name 差评).
import { DomainError } from '../../domain/errors.ts';
import { mayRevealContact, revealVerdict } from '../../domain/evaluation/contact-access.ts';
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
  /** What the rater wrote, as written: numbers typed into it are masked everywhere else. */
  text: string;
  userId: string;
  role: string;
  reason: string;
  revealedAt: Date;
}

interface StoredContact {
  rater_name_encrypted: string | null;
  rater_phone_encrypted: string | null;
  text: string;
  real_name: boolean;
  has_case: boolean;
  region_codes: string[];
}

// The regions a rating belongs to: its answering unit's (u) and its case's responsible unit's (cd), each with
// its parent region, as canSeeCase (server/auth/case-access.ts) scopes a case.
const REGION_CODES = `array_remove(array[u.region_code, ur.parent_code, cd.region_code, cr.parent_code], null)::text[]`;

const RATING_SQL = {
  evaluations: `
    select e.rater_name_encrypted, e.rater_phone_encrypted, e.text, e.real_name, c.id is not null as has_case,
           ${REGION_CODES} as region_codes
      from evaluations e
      join service_records r on r.id = e.service_record_id
      left join departments u on u.id = r.handling_department_id
      left join regions ur on ur.code = u.region_code
      left join cases c on c.evaluation_id = e.id
      left join departments cd on cd.id = c.responsible_department_id
      left join regions cr on cr.code = cd.region_code
     where e.id = ?`,
  // A 综合点评's unit: the institution's or item's department, or the platform's builder.
  subject_evaluations: `
    select s.rater_name_encrypted, s.rater_phone_encrypted, s.text, s.real_name, c.id is not null as has_case,
           ${REGION_CODES} as region_codes
      from subject_evaluations s
      left join institutions i on i.id = s.institution_id
      left join service_items si on si.code = s.item_code
      left join platforms p on p.id = s.platform_id
      left join departments u on u.id = coalesce(i.department_id, si.department_id, p.builder_department_id)
      left join regions ur on ur.code = u.region_code
      left join cases c on c.subject_evaluation_id = s.id
      left join departments cd on cd.id = c.responsible_department_id
      left join regions cr on cr.code = cd.region_code
     where s.id = ?`,
};

async function contactOfRating(
  trx: Knex.Transaction,
  id: string,
): Promise<{ evaluation: StoredContact; column: 'evaluation_id' | 'subject_evaluation_id' } | undefined> {
  for (const [table, column] of [
    ['evaluations', 'evaluation_id'],
    ['subject_evaluations', 'subject_evaluation_id'],
  ] as const) {
    const found = await trx.raw<{ rows: StoredContact[] }>(RATING_SQL[table], [id]);
    const evaluation = found.rows[0];
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
    const userRegions = await trx('user_departments as ud')
      .join('departments as d', 'd.id', 'ud.department_id')
      .where('ud.user_id', user.id)
      .pluck<string[]>('d.region_code');
    const verdict = revealVerdict(user.role, userRegions, {
      realName: evaluation.real_name,
      hasCase: evaluation.has_case,
      regionCodes: evaluation.region_codes,
    });
    // Another jurisdiction's rating is answered as one that does not exist: a guessed id reveals nothing.
    if (verdict === 'outside-jurisdiction') {
      throw new DomainError('evaluation.not_found', { id: request.evaluationId });
    }
    if (verdict === 'not-for-return-visit') {
      throw new DomainError('contact.not_for_return_visit', { id: request.evaluationId });
    }
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
      text: evaluation.text,
      userId: user.id,
      role: user.role,
      reason: request.reason,
      revealedAt: request.at,
    };
  });
}

export interface RevealAuditFilters {
  since?: Date | undefined;
  userId?: string | undefined;
  /** A rating of either ledger. */
  evaluationId?: string | undefined;
  limit: number;
}

export interface RevealAuditRow {
  id: string;
  evaluation_id: string | null;
  subject_evaluation_id: string | null;
  user_id: string;
  user_name: string;
  role: string;
  reason: string;
  revealed_at: Date;
}

/** The audit of reveals, newest first; never the contact itself. */
export function listContactReveals(db: Db, filters: RevealAuditFilters): Promise<RevealAuditRow[]> {
  const reveals = db('contact_reveals as r')
    .join('users as u', 'u.id', 'r.user_id')
    .orderBy('r.id', 'desc')
    .limit(filters.limit)
    .select<RevealAuditRow[]>(
      'r.id',
      'r.evaluation_id',
      'r.subject_evaluation_id',
      'r.user_id',
      'u.name as user_name',
      'r.role',
      'r.reason',
      'r.revealed_at',
    );
  if (filters.since) reveals.where('r.revealed_at', '>=', filters.since);
  if (filters.userId) reveals.where('r.user_id', filters.userId);
  const { evaluationId } = filters;
  if (evaluationId) {
    reveals.where((either) => {
      either.where('r.evaluation_id', evaluationId).orWhere('r.subject_evaluation_id', evaluationId);
    });
  }
  return reveals;
}
