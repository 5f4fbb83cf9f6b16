// What a 综合点评 rates (case_ratings' columns of a rating without a 办件): a platform, else an item, else an
// institution — exactly one is set (subject_evaluations_one_subject).
import type { RatedSubject } from '../../../domain/evaluation/subject-ledger.ts';

interface SubjectColumns {
  platform_id?: string | null;
  platform_name?: string | null;
  item_code?: string | null;
  item_name?: string | null;
  institution_id?: string | null;
  institution_name?: string | null;
}

export function ratedSubjectOf(row: SubjectColumns): {
  type: RatedSubject['type'];
  id: string | null;
  name: string | null;
} {
  if (row.platform_id) return { type: 'platform', id: row.platform_id, name: row.platform_name ?? null };
  if (row.item_code) return { type: 'item', id: row.item_code, name: row.item_name ?? null };
  return { type: 'institution', id: row.institution_id ?? null, name: row.institution_name ?? null };
}
