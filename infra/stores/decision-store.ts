// Decisions about ratings (table evaluation_decisions, append-only). A rating is never edited; a
// decision beside it says that it is not adopted, and statistics read counted_evaluations (and counted_ratings,
// which honours decisions about 综合点评 too: a case's rating is of either ledger).
import type { Executor } from '../db.ts';
import type { NotAdoptedReason } from '../../domain/case/appeal.ts';

export interface NotAdoptedDecision {
  caseId: string;
  reason: NotAdoptedReason;
  basis: string;
  decidedBy: string | null;
  decidedAt: Date;
}

export interface DecisionRow {
  id: string;
  /** The rating of a 办件, or (综合点评) subject_evaluation_id: exactly one is set. */
  evaluation_id: string | null;
  subject_evaluation_id: string | null;
  case_id: string;
  decision: 'not-adopted';
  reason: NotAdoptedReason;
  basis: string;
  decided_by: string | null;
  decided_at: Date;
}

/**
 * Records that the case's rating is not adopted, once: a repeated call keeps the first decision and
 * returns it. Undefined when the case does not exist.
 */
export async function recordNotAdopted(
  db: Executor,
  decision: NotAdoptedDecision,
): Promise<DecisionRow | undefined> {
  const found = await db('cases')
    .where({ id: decision.caseId })
    .first<{ evaluation_id: string | null; subject_evaluation_id: string | null } | undefined>(
      'evaluation_id',
      'subject_evaluation_id',
    );
  if (!found) return undefined;
  await db('evaluation_decisions')
    .insert({
      evaluation_id: found.evaluation_id,
      subject_evaluation_id: found.subject_evaluation_id,
      case_id: decision.caseId,
      decision: 'not-adopted',
      reason: decision.reason,
      basis: decision.basis,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
    })
    .onConflict('case_id')
    .ignore();
  return db('evaluation_decisions').where({ case_id: decision.caseId }).first<DecisionRow>();
}
