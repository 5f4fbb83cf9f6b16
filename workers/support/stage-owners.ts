// Who is told about a stage's clock: the people of the department that owns the stage (the unit, the
// approval department or 12345), by role; the supervisors whose jurisdiction holds the case (its rated or
// responsible unit, as the screens scope them: server/auth/case-access.ts). Shared by the SLA workers.
import { STAGE_OWNER } from '../../domain/case/messages.ts';
import { contactsOf, enqueueNotification } from '../../infra/notifications/outbox.ts';
import { supervisorsOverDepartments } from '../../infra/stores/jurisdiction-store.ts';
import { responsibleUnitGroups } from '../../infra/stores/case-groups.ts';
import { hotlineDepartmentFor } from '../../infra/stores/case-store.ts';
import type { SlaStage } from '../../domain/case/sla-policy.ts';
import type { Knex } from 'knex';

export async function stageOwnerDepartment(trx: Knex.Transaction, caseId: string, stage: SlaStage) {
  const row = await trx('cases')
    .where({ id: caseId })
    .first<{ unit: string | null } | undefined>('responsible_department_id as unit');
  const owner = STAGE_OWNER[stage];
  // No unit yet: 12345 is the city's, as hotlineDepartmentFor answers for no region.
  if (!row?.unit) return owner === 'hotline' ? hotlineDepartmentFor(trx, null) : undefined;
  if (owner === 'unit') return row.unit;
  // The same groups the case's tasks were given (case-route, assignment): one rule for both.
  const groups = await responsibleUnitGroups(trx, row.unit);
  return owner === 'approval' ? groups.approvalGroup : groups.hotlineGroup;
}

/** The supervisors whose jurisdiction holds the case's rated or responsible unit: those who may see it. */
async function caseSupervisors(trx: Knex.Transaction, caseId: string): Promise<Recipient[]> {
  const units = await trx('case_ratings as cr')
    .join('cases as c', 'c.id', 'cr.case_id')
    .where('cr.case_id', caseId)
    .first<{ rated: string | null; responsible: string | null } | undefined>(
      'cr.unit_department_id as rated',
      'c.responsible_department_id as responsible',
    );
  const departments = [units?.rated, units?.responsible].filter((id): id is string => Boolean(id));
  const supervisors = await supervisorsOverDepartments(trx, departments);
  return supervisors.map((supervisor) => ({ userId: supervisor.id, email: supervisor.email }));
}

/** A JSON array variable as the client hands it over: parsed, or still its text. */
function arrayVariable(value: unknown): unknown[] {
  if (typeof value === 'string') {
    try {
      return arrayVariable(JSON.parse(value));
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? value : [];
}

/**
 * 会商意见: the departments whose opinion is still missing. The opinion tasks are one multi-instance activity
 * whose timers fire once for all of them: its reminder and 超期督办 concern those that have not answered,
 * not the case's unit.
 */
function departmentsAwaitingOpinion(task: { variable(name: string): unknown }): string[] {
  const given = new Set(
    arrayVariable(task.variable('consultationOpinions')).map(
      (opinion) => (opinion as { departmentId?: unknown } | null)?.departmentId,
    ),
  );
  return arrayVariable(task.variable('consultationDepartments')).filter(
    (id): id is string => typeof id === 'string' && !given.has(id),
  );
}

/**
 * The people of the stage's owner department holding `roles`; for 会商意见, of each department whose opinion
 * is missing (read from the task's variables).
 */
export async function notifyStageOwners(
  trx: Knex.Transaction,
  options: {
    caseId: string;
    stage: SlaStage;
    roles: string[];
    message: { subject: string; body: string };
    idempotencyKey: string;
    task: { variable(name: string): unknown };
  },
): Promise<void> {
  const owners =
    options.stage === 'consultation-opinion'
      ? departmentsAwaitingOpinion(options.task)
      : [await stageOwnerDepartment(trx, options.caseId, options.stage)];
  const departments = owners.filter((id): id is string => typeof id === 'string');
  for (const departmentId of departments) {
    await notifyContacts(trx, await contactsOf(trx, { roles: options.roles, departmentId }), options);
  }
}

/** The supervisors whose jurisdiction holds the case (超期督办), each once per key. */
export async function notifyCaseSupervisors(
  trx: Knex.Transaction,
  options: { caseId: string; message: { subject: string; body: string }; idempotencyKey: string },
): Promise<void> {
  await notifyContacts(trx, await caseSupervisors(trx, options.caseId), options);
}

/** Whom a notice goes to: a user, by their address (none: not told). */
interface Recipient {
  userId: string;
  email: string | null;
}

async function notifyContacts(
  trx: Knex.Transaction,
  contacts: readonly Recipient[],
  options: { caseId: string; message: { subject: string; body: string }; idempotencyKey: string },
): Promise<void> {
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
