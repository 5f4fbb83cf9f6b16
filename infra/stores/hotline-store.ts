// The case's side of the 12345 handover: what the work order needs, and the number the hotline gave.
import type { Executor } from '../db.ts';
import type { HandoverFacts } from '../../domain/case/hotline-work-order.ts';
import type { EvaluationLevel } from '../../domain/evaluation/levels.ts';

export interface HandoverCase extends HandoverFacts {
  status: string;
  workOrderNumber: string | null;
  /** Null until routing has named the unit that answers for the 差评. */
  responsibleDepartmentId: string | null;
  realName: boolean;
  raterNameEncrypted: string | null;
  raterPhoneEncrypted: string | null;
}

export async function loadHandoverCase(db: Executor, caseId: string): Promise<HandoverCase | undefined> {
  const row = await db('cases as c')
    .join('case_ratings as cr', 'cr.case_id', 'c.id')
    .leftJoin('service_items as i', 'i.code', 'cr.item_code')
    .leftJoin('institutions as n', 'n.id', 'cr.institution_id')
    .leftJoin('platforms as p', 'p.id', 'cr.platform_id')
    .leftJoin('departments as d', 'd.id', 'c.responsible_department_id')
    .where('cr.case_id', caseId)
    .first<{
      id: string;
      status: string;
      hotline_work_order_number: string | null;
      responsible_department_id: string | null;
      department_name: string | null;
      service_record_id: string | null;
      target: 'service' | 'platform';
      item_name: string | null;
      institution_name: string | null;
      platform_name: string | null;
      level: EvaluationLevel;
      channel: HandoverFacts['channel'];
      tags: string[];
      text: string;
      rated_at: Date;
      real_name: boolean;
      rater_name_encrypted: string | null;
      rater_phone_encrypted: string | null;
    }>(
      'c.id',
      'c.status',
      'c.hotline_work_order_number',
      'c.responsible_department_id',
      'd.name as department_name',
      'cr.service_record_id',
      'cr.target',
      'i.name as item_name',
      'n.name as institution_name',
      'p.name as platform_name',
      'cr.level',
      'cr.channel',
      'cr.tags',
      'cr.text',
      'cr.rated_at',
      'cr.real_name',
      'cr.rater_name_encrypted',
      'cr.rater_phone_encrypted',
    );
  if (!row) return undefined;
  return {
    caseId: row.id,
    status: row.status,
    workOrderNumber: row.hotline_work_order_number,
    responsibleDepartmentId: row.responsible_department_id,
    responsibleDepartmentName: row.department_name ?? '',
    serviceRecordId: row.service_record_id,
    target: row.target,
    itemName: row.item_name,
    institutionName: row.institution_name,
    platformName: row.platform_name,
    level: row.level,
    channel: row.channel,
    tags: row.tags,
    text: row.text,
    ratedAt: new Date(row.rated_at),
    realName: row.real_name,
    raterNameEncrypted: row.rater_name_encrypted,
    raterPhoneEncrypted: row.rater_phone_encrypted,
  };
}

/** Stores the number once; returns the number the case holds afterwards (an earlier one wins). */
export async function storeWorkOrderNumber(db: Executor, caseId: string, number: string): Promise<string> {
  await db('cases')
    .where({ id: caseId })
    .whereNull('hotline_work_order_number')
    .update({ hotline_work_order_number: number });
  return (await workOrderNumberOf(db, caseId))!;
}

/**
 * What a withdrawal needs of a case: its work order number, once 12345 took it, and whether a handover can have
 * been tried (it needs the responsible unit: workers/hotline-handover.ts). One read.
 */
export async function handoverStateOf(
  db: Executor,
  caseId: string,
): Promise<{ workOrderNumber: string | null; routed: boolean }> {
  const row = await db('cases')
    .where({ id: caseId })
    .first<
      { hotline_work_order_number: string | null; responsible_department_id: string | null } | undefined
    >('hotline_work_order_number', 'responsible_department_id');
  return {
    workOrderNumber: row?.hotline_work_order_number ?? null,
    routed: Boolean(row?.responsible_department_id),
  };
}

/** The number of the case's 12345 work order, once 12345 took it. */
export async function workOrderNumberOf(db: Executor, caseId: string): Promise<string | null> {
  const row = await db('cases')
    .where({ id: caseId })
    .first<{ hotline_work_order_number: string | null } | undefined>('hotline_work_order_number');
  return row?.hotline_work_order_number ?? null;
}

/**
 * Records a webhook event of the hotline once, by the hotline's event id. Returns false when it was
 * already recorded (a redelivery): then the caller must not act on it again. A concurrent duplicate
 * waits for the first transaction and then finds the row.
 */
export async function recordHotlineEventOnce(
  db: Executor,
  event: {
    caseId: string;
    eventId: string;
    kind: string;
    stage: string;
    detail: Record<string, unknown>;
    occurredAt: Date;
  },
): Promise<boolean> {
  const inserted = await db('case_events')
    .insert({
      case_id: event.caseId,
      kind: event.kind,
      stage: event.stage,
      actor: '12345',
      detail: { eventId: event.eventId, ...event.detail },
      idempotency_key: hotlineEventKey(event.eventId),
      occurred_at: event.occurredAt,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

export function hotlineEventKey(eventId: string): string {
  return `hotline-event:${eventId}`;
}

export async function isHotlineEventRecorded(db: Executor, eventId: string): Promise<boolean> {
  return Boolean(
    await db('case_events')
      .where({ idempotency_key: hotlineEventKey(eventId) })
      .first('id'),
  );
}
