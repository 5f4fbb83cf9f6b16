// The case's rows that workers and the task API write. Every write is keyed so that a repeated
// delivery of the same external task changes nothing (insert … on conflict do nothing).
import type { Executor } from '../db.ts';
import type { ClockState, SlaStage } from '../../domain/case/sla-policy.ts';
import type { RoutingRule } from '../../domain/case/routing.ts';
import type { CaseOutcome } from '../../domain/case/messages.ts';

export interface CaseFacts {
  caseId: string;
  status: string;
  target: 'service' | 'platform';
  channel: string;
  level: string;
  handlingDepartmentId: string | null;
  platformBuilderDepartmentId: string | null;
  approvalDepartmentId: string;
  responsibleDepartmentId: string | null;
  realName: boolean;
}

export interface CaseEvent {
  caseId: string;
  kind: string;
  stage?: string;
  actor?: string;
  detail?: Record<string, unknown>;
  idempotencyKey: string;
  occurredAt: Date;
}

export async function recordEvent(db: Executor, event: CaseEvent): Promise<void> {
  await db('case_events')
    .insert({
      case_id: event.caseId,
      kind: event.kind,
      stage: event.stage ?? null,
      actor: event.actor ?? null,
      detail: event.detail ?? {},
      idempotency_key: event.idempotencyKey,
      occurred_at: event.occurredAt,
    })
    .onConflict('idempotency_key')
    .ignore();
}

/**
 * The 12345 hotline that serves a region (return visits): its own when it has one, else that of the nearest
 * region above it (a district without its own centre: the city's). For no region, or none of its regions with
 * a hotline: the one highest in the regions' tree (the city's), never a sibling district's.
 */
export async function hotlineDepartmentFor(
  db: Executor,
  regionCode: string | null,
): Promise<string | undefined> {
  const result = await db.raw<{ rows: { id: string }[] }>(
    `with recursive upward(code, depth) as (
       select code, 0 from regions where code = ?
       union all
       select r.parent_code, u.depth + 1 from upward u join regions r on r.code = u.code
        where r.parent_code is not null
     ), downward(code, depth) as (
       select code, 0 from regions where parent_code is null
       union all
       select r.code, d.depth + 1 from downward d join regions r on r.parent_code = d.code
     )
     select h.id from departments h
       left join upward u on u.code = h.region_code
       left join downward d on d.code = h.region_code
      where h.kind = 'hotline'
      order by u.depth nulls last, d.depth nulls last, h.id
      limit 1`,
    [regionCode],
  );
  return result.rows[0]?.id;
}

/**
 * What routing needs of a case (case_ratings: its rating of a 办件 or, 综合点评, of an institution, item or
 * platform). `unit_department_id` is the unit that answers for the rating: the 办件's handling unit, or the
 * institution's or item's department; a platform has its builder. The fallback owner is the approval
 * department of the unit's region, or of the builder's.
 */
export async function loadCaseFacts(db: Executor, caseId: string): Promise<CaseFacts | undefined> {
  const row = await db('cases as c')
    .join('case_ratings as cr', 'cr.case_id', 'c.id')
    .leftJoin('departments as d', 'd.id', 'cr.unit_department_id')
    .leftJoin('platforms as p', 'p.id', 'cr.platform_id')
    .leftJoin('departments as b', 'b.id', 'p.builder_department_id')
    .where('cr.case_id', caseId)
    .first<{
      id: string;
      status: string;
      target: 'service' | 'platform';
      channel: string;
      level: string;
      unit_department_id: string | null;
      builder_department_id: string | null;
      approval_department_id: string | null;
      builder_approval_department_id: string | null;
      responsible_department_id: string | null;
      real_name: boolean;
      accepts_cases: boolean | null;
      builder_accepts_cases: boolean | null;
    }>(
      'c.id',
      'c.status',
      'cr.target',
      'cr.channel',
      'cr.level',
      'cr.unit_department_id',
      'p.builder_department_id',
      'd.approval_department_id',
      'b.approval_department_id as builder_approval_department_id',
      'c.responsible_department_id',
      'cr.real_name',
      'd.accepts_cases',
      'b.accepts_cases as builder_accepts_cases',
    );
  if (!row) return undefined;
  // d is the unit's own row: with no unit, its approval department is null too.
  const approvalDepartmentId =
    row.approval_department_id ??
    row.unit_department_id ??
    row.builder_approval_department_id ??
    row.builder_department_id;
  if (!approvalDepartmentId) throw new Error(`case ${caseId}: its rating names no unit and no builder`);
  return {
    caseId: row.id,
    status: row.status,
    target: row.target,
    channel: row.channel,
    level: row.level,
    // A unit that does not work in this system cannot be given the case: routing treats it as absent.
    handlingDepartmentId: row.accepts_cases ? row.unit_department_id : null,
    platformBuilderDepartmentId: row.builder_accepts_cases ? row.builder_department_id : null,
    approvalDepartmentId,
    responsibleDepartmentId: row.responsible_department_id,
    realName: row.real_name,
  };
}

export async function assignResponsibleDepartment(
  db: Executor,
  caseId: string,
  departmentId: string,
  rule: RoutingRule,
): Promise<void> {
  await db('cases')
    .where({ id: caseId })
    .update({ responsible_department_id: departmentId, routing_rule: rule });
}

export interface SlaClockRow {
  stage: SlaStage;
  round: number;
  working_days: number;
  started_at: Date;
  due_at: Date;
  due_provisional: boolean;
  done_at: Date | null;
  state: ClockState;
}

/**
 * Closes the case with its outcome, once: its status, outcome and time, and the 结案 event; true if this call
 * closed it. A case ended early (fraud-confirmed) also stops the clocks still running, and its end wins over a
 * 结案 that had just written its own outcome when the end interrupted it; a 结案 after that end writes nothing.
 */
export async function closeCase(
  trx: Executor,
  caseId: string,
  outcome: CaseOutcome,
  at: Date,
): Promise<boolean> {
  const endedEarly = outcome === 'fraud-confirmed';
  const notYetClosedSo = endedEarly
    ? trx.raw('outcome is distinct from ?', [outcome])
    : trx.raw("status <> 'closed'");
  const closedNow = await trx('cases')
    .where({ id: caseId })
    .where(notYetClosedSo)
    .update({ status: 'closed', outcome, closed_at: at });
  if (closedNow === 0) return false;
  if (endedEarly) await stopRunningClocks(trx, caseId, at);
  await recordEvent(trx, {
    caseId,
    kind: 'case-closed',
    stage: 'close',
    detail: { outcome },
    idempotencyKey: endedEarly ? `case-closed:${outcome}:${caseId}` : `case-closed:${caseId}`,
    occurredAt: at,
  });
  return true;
}

/** True once the case has closed (its outcome recorded): nothing more is done or timed for it. */
export async function isCaseClosed(db: Executor, caseId: string): Promise<boolean> {
  const found = await db('cases').where({ id: caseId }).first<{ status: string } | undefined>('status');
  return found?.status === 'closed';
}

/**
 * Starts a stage's clock once; a repeated start returns the clock that is already running. A closed case
 * starts none (a form completed as the case was ended early): undefined.
 */
export async function startClock(
  db: Executor,
  clock: {
    caseId: string;
    stage: SlaStage;
    round?: number;
    startedAt: Date;
    workingDays: number;
    dueAt: Date;
    provisional: boolean;
  },
): Promise<SlaClockRow | undefined> {
  await db.raw(
    `insert into sla_clocks (case_id, stage, round, started_at, due_at, working_days, due_provisional, state)
     select c.id, ?, ?, ?, ?, ?, ?, 'on-track' from cases c where c.id = ? and c.status <> 'closed'
     on conflict (case_id, stage, round) do nothing`,
    [
      clock.stage,
      clock.round ?? 1,
      clock.startedAt,
      clock.dueAt,
      clock.workingDays,
      clock.provisional,
      clock.caseId,
    ],
  );
  return db('sla_clocks')
    .where({ case_id: clock.caseId, stage: clock.stage, round: clock.round ?? 1 })
    .first<SlaClockRow | undefined>();
}

/** The stage's running clock (the latest round not done yet), if any. */
export async function openClock(
  db: Executor,
  caseId: string,
  stage: SlaStage,
): Promise<SlaClockRow | undefined> {
  return db('sla_clocks')
    .where({ case_id: caseId, stage })
    .whereNull('done_at')
    .orderBy('round', 'desc')
    .first<SlaClockRow | undefined>();
}

/** on-track → at-risk (the reminder); an overdue clock stays overdue. */
export async function markClockAtRisk(db: Executor, caseId: string, stage: SlaStage): Promise<void> {
  await db('sla_clocks')
    .where({ case_id: caseId, stage, state: 'on-track' })
    .whereNull('done_at')
    .update({ state: 'at-risk' });
}

export async function markClockOverdue(db: Executor, caseId: string, stage: SlaStage): Promise<void> {
  await db('sla_clocks').where({ case_id: caseId, stage }).whereNull('done_at').update({ state: 'overdue' });
}

/** Every clock of the case still running, stopped as withdrawn (its case ended before the stages were done). */
export async function stopRunningClocks(db: Executor, caseId: string, at: Date): Promise<void> {
  await db('sla_clocks')
    .where({ case_id: caseId })
    .whereNull('done_at')
    .update({ done_at: at, state: 'stopped' });
}

/**
 * A stage sent back (退回) before it was done: its clock stops as withdrawn, neither met nor missed, so no
 * 按期完成 is claimed for work that was not done (the stage sent back to starts a clock of its own).
 */
export async function stopClockSentBack(
  db: Executor,
  caseId: string,
  stage: SlaStage,
  at: Date,
): Promise<void> {
  await db('sla_clocks')
    .where({ case_id: caseId, stage })
    .whereNull('done_at')
    .update({ done_at: at, state: 'stopped' });
}

export async function stopClock(db: Executor, caseId: string, stage: SlaStage, doneAt: Date): Promise<void> {
  await db('sla_clocks')
    .where({ case_id: caseId, stage })
    .whereNull('done_at')
    .update({
      done_at: doneAt,
      state: db.raw("case when ? <= due_at then 'met' else 'missed' end", [doneAt]),
    });
}
