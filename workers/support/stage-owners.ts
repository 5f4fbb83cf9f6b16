// Who is told about a stage's clock: the people of the department that owns the stage (the unit, the
// approval department or 12345), by role; supervisors of any department. Shared by the SLA workers.
import { STAGE_OWNER } from '../../domain/case/messages.ts';
import { contactsOf, enqueueNotification } from '../../infra/notifications/outbox.ts';
import { hotlineDepartmentFor } from '../../infra/stores/case-store.ts';
import type { SlaStage } from '../../domain/case/sla-policy.ts';
import type { Knex } from 'knex';

export async function stageOwnerDepartment(trx: Knex.Transaction, caseId: string, stage: SlaStage) {
  const row = await trx('cases as c')
    .leftJoin('departments as d', 'd.id', 'c.responsible_department_id')
    .where('c.id', caseId)
    .first<{ unit: string | null; approval: string | null; region: string | null }>(
      'c.responsible_department_id as unit',
      'd.approval_department_id as approval',
      'd.region_code as region',
    );
  const owner = STAGE_OWNER[stage];
  if (owner === 'unit') return row?.unit ?? undefined;
  if (owner === 'approval') return row?.approval ?? row?.unit ?? undefined;
  return hotlineDepartmentFor(trx, row?.region ?? null);
}

export async function notifyStageOwners(
  trx: Knex.Transaction,
  options: {
    caseId: string;
    stage: SlaStage;
    roles: string[];
    message: { subject: string; body: string };
    idempotencyKey: string;
    anyDepartment?: boolean;
  },
): Promise<void> {
  const departmentId = options.anyDepartment
    ? undefined
    : await stageOwnerDepartment(trx, options.caseId, options.stage);
  if (!options.anyDepartment && !departmentId) return;
  const contacts = await contactsOf(trx, { roles: options.roles, ...(departmentId ? { departmentId } : {}) });
  for (const contact of contacts) {
    if (!contact.email) continue;
    await enqueueNotification(trx, {
      channel: 'email',
      to: contact.email,
      subject: options.message.subject,
      body: options.message.body,
      caseId: options.caseId,
      idempotencyKey: `${options.idempotencyKey}:${contact.userId}`,
    });
  }
}
