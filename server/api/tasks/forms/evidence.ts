// What the appeal forms (and the verify form's `contested` outcome) share: evidence is a list of
// attachment ids uploaded beforehand to this very case (POST /api/cases/:id/attachments), and a stage
// that runs again gets the next round of its clock.
import { z } from 'zod';
import { DomainError } from '../../../../domain/errors.ts';
import { attachmentsNotOfCase } from '../../../../infra/stores/attachment-store.ts';
import type { Db } from '../../../../infra/db.ts';
import type { SlaStage } from '../../../../domain/case/sla-policy.ts';

export const paragraph = z.string({ error: '必填' }).trim().min(1, '必填').max(4000, '不超过 4000 字');

export const evidenceAttachmentIds = z
  .array(z.uuid('应为附件编号（上传附件时返回的 id）'))
  .max(20, '一次最多提交 20 个附件')
  .refine((ids) => new Set(ids).size === ids.length, '同一附件重复提交');

/**
 * Refuses, as task.form_invalid naming each offending entry, ids that are not attachments of the case:
 * unknown ids and another case's files alike (nobody learns which other case a file belongs to).
 */
export async function requireEvidenceOfCase(
  db: Db,
  caseId: string,
  ids: readonly string[],
  field = 'evidenceAttachmentIds',
): Promise<void> {
  const foreign = new Set(await attachmentsNotOfCase(db, caseId, ids));
  if (foreign.size === 0) return;
  throw new DomainError('task.form_invalid', {
    fields: ids.flatMap((id, index) =>
      foreign.has(id) ? [{ path: `${field}.${index}`, problem: `附件 ${id} 不存在或不属于本案件` }] : [],
    ),
  });
}

/** The ids a process variable holds (a JSON array), or none. */
export function idsFromVariable(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/** The round a stage's next clock gets: one more than the clocks it already had in this case. */
export async function nextRound(db: Db, caseId: string, stage: SlaStage): Promise<number> {
  const [row] = await db('sla_clocks').where({ case_id: caseId, stage }).count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0) + 1;
}
