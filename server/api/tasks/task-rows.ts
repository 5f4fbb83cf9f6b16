// Rows of the task list: an engine task with its case (level, item, responsible unit), its holder's name
// and its countdown in working days.
import { isCaseId } from '../../../domain/case/case-id.ts';
import { LEVEL_LABELS, isEvaluationLevel } from '../../../domain/evaluation/levels.ts';
import { slaCountdown } from '../../../domain/case/sla-countdown.ts';
import type { WorkingCalendar } from '../../../domain/calendar/types.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient, EngineTask } from '../../../infra/engine-rest.ts';
import type { SendBackTargets } from './send-back-targets.ts';
import type { RatedSubject } from '../../../domain/evaluation/subject-ledger.ts';
import { ratedSubjectOf } from '../cases/rated-subject.ts';

export interface CaseSummary {
  level: string;
  levelName: string;
  itemCode: string | null;
  itemName: string | null;
  /** Null for a 综合点评, which rates an institution, item or platform without a 办件: see `subject`. */
  serviceRecordId: string | null;
  subject: { type: RatedSubject['type']; name: string } | null;
  responsibleDepartment: { id: string; name: string } | null;
}

function subjectOf(row: Record<string, string | null>): CaseSummary['subject'] {
  if (row.ledger !== 'subject_evaluations') return null;
  const { type, id, name } = ratedSubjectOf(row);
  return { type, name: name ?? id ?? '' };
}

/** Case summaries by case id, in one query. */
export async function caseSummaries(db: Db, caseIds: string[]): Promise<Map<string, CaseSummary>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db('cases as c')
    .join('case_ratings as cr', 'cr.case_id', 'c.id')
    .leftJoin('service_items as i', 'i.code', 'cr.item_code')
    .leftJoin('institutions as n', 'n.id', 'cr.institution_id')
    .leftJoin('platforms as p', 'p.id', 'cr.platform_id')
    .leftJoin('departments as d', 'd.id', 'c.responsible_department_id')
    // On the view's own column: the restriction reaches both its ledgers' branches (a join would not).
    .whereIn('cr.case_id', caseIds)
    .select(
      'c.id',
      'cr.level',
      'cr.ledger',
      'cr.service_record_id',
      'cr.item_code',
      'cr.institution_id',
      'cr.platform_id',
      'i.name as item_name',
      'n.name as institution_name',
      'p.name as platform_name',
      'd.id as department_id',
      'd.name as department_name',
    );
  return new Map(
    rows.map((row) => {
      const level: unknown = row.level;
      const summary: CaseSummary = {
        level: String(level),
        levelName: isEvaluationLevel(level) ? LEVEL_LABELS[level] : String(level),
        itemCode: row.item_code,
        itemName: row.item_name,
        serviceRecordId: row.service_record_id,
        subject: subjectOf(row),
        responsibleDepartment: row.department_id
          ? { id: row.department_id, name: row.department_name }
          : null,
      };
      return [row.id as string, summary];
    }),
  );
}

export async function userNames(db: Db, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db('users').whereIn('id', wanted).select('id', 'name');
  return new Map(rows.map((row) => [row.id as string, row.name as string]));
}

/** Process instance id → case id, per engine client: an instance's business key never changes. */
const knownCaseIds = new WeakMap<EngineClient, Map<string, string>>();
const KNOWN_CASE_IDS_LIMIT = 200_000;

/**
 * Case ids of tasks: the business key of the task's process instance. Called processes (appeal review,
 * consultation) carry the case's business key too, so their tasks resolve to the same case. Remembered:
 * only instances not seen before cost the engine a call.
 */
export async function caseIdsByProcessInstance(
  engine: EngineClient,
  processInstanceIds: string[],
): Promise<Map<string, string>> {
  let known = knownCaseIds.get(engine);
  if (!known) knownCaseIds.set(engine, (known = new Map()));
  const unknown = [...new Set(processInstanceIds)].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const instances = await engine.processInstances({ processInstanceIds: unknown.join(',') });
    if (known.size > KNOWN_CASE_IDS_LIMIT) known.clear();
    for (const instance of instances) {
      // Not a case's instance: its task has no case (and its key is never looked up as one).
      if (instance.businessKey && isCaseId(instance.businessKey))
        known.set(instance.id, instance.businessKey);
    }
  }
  const found = new Map<string, string>();
  for (const id of processInstanceIds) {
    const caseId = known.get(id);
    if (caseId) found.set(id, caseId);
  }
  return found;
}

/** The due instants of each case's running clocks that are provisional; a task due then is too. */
async function provisionalDues(db: Db, caseIds: readonly string[]): Promise<Map<string, Set<number>>> {
  const found = new Map<string, Set<number>>();
  if (caseIds.length === 0) return found;
  const rows = await db('sla_clocks')
    .whereIn('case_id', caseIds)
    .whereNull('done_at')
    .where('due_provisional', true)
    .select<{ case_id: string; due_at: Date }[]>('case_id', 'due_at');
  for (const row of rows) {
    const dues = found.get(row.case_id) ?? new Set<number>();
    dues.add(new Date(row.due_at).getTime());
    found.set(row.case_id, dues);
  }
  return found;
}

export interface RowContext {
  db: Db;
  engine: EngineClient;
  calendar: WorkingCalendar;
  now: Date;
  sendBackTargets: SendBackTargets;
}

export async function openTaskRows(context: RowContext, tasks: EngineTask[]) {
  const caseIds = await caseIdsByProcessInstance(
    context.engine,
    tasks.map((task) => task.processInstanceId),
  );
  const [summaries, names, provisional] = await Promise.all([
    caseSummaries(context.db, [...caseIds.values()]),
    userNames(
      context.db,
      tasks.map((task) => task.assignee),
    ),
    provisionalDues(context.db, [...caseIds.values()]),
  ]);
  return Promise.all(
    tasks.map(async (task) => {
      const caseId = caseIds.get(task.processInstanceId) ?? null;
      return {
        id: task.id,
        name: task.name,
        stage: task.taskDefinitionKey,
        formKey: (task as { formKey?: string | null }).formKey ?? null,
        caseId,
        assignee: task.assignee
          ? { id: task.assignee, name: names.get(task.assignee) ?? task.assignee }
          : null,
        createdAt: task.created,
        dueAt: task.due,
        // Counted into a year whose holidays are not yet published: the date may still move.
        dueProvisional: Boolean(
          caseId && task.due && provisional.get(caseId)?.has(new Date(task.due).getTime()),
        ),
        sla: task.due ? slaCountdown(context.calendar, new Date(task.due), context.now) : null,
        canSendBack: Boolean(
          await context.sendBackTargets.targetOf(task.processDefinitionId, task.taskDefinitionKey),
        ),
        case: caseId ? (summaries.get(caseId) ?? null) : null,
      };
    }),
  );
}
