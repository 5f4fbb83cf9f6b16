// The engine task query behind 待办: my departments' open tasks (or, for a supervisor, their jurisdiction's cases'),
// narrowed by the list's filters. Item and SLA filters become business keys and due-date bounds.
import { DateTime } from 'luxon';
import { watchesCases, worksCases } from '../../../domain/organisation/roles.ts';
import { z } from 'zod';
import { countdownBoundaries } from '../../../domain/case/sla-countdown.ts';
import { CALENDAR_ZONE, startOfShanghaiDay } from '../../../domain/calendar/shanghai-time.ts';
import type { WorkingCalendar } from '../../../domain/calendar/types.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import type { Db } from '../../../infra/db.ts';
import { limitingJurisdiction } from '../../auth/jurisdiction.ts';
import { isCaseId } from '../../../domain/case/case-id.ts';
import { casesWatchedBy } from '../../../infra/stores/jurisdiction-store.ts';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((day) => DateTime.fromISO(day, { zone: CALENDAR_ZONE }).isValid, '日期无效：没有这一天');

export const taskListQuery = z.strictObject({
  view: z.enum(['todo', 'done']).default('todo'),
  stage: z.string().trim().min(1).max(64).optional(),
  sla: z.enum(['on-track', 'at-risk', 'overdue']).optional(),
  itemCode: z.string().trim().min(1).max(64).optional(),
  /** A case id or a 办件 number: the one case a person is asked about. */
  search: z.string().trim().min(1).max(64).optional(),
  createdFrom: isoDay.optional(),
  createdTo: isoDay.optional(),
  /** One of my departments only (the earlier API's ?group=). */
  group: z.string().trim().min(1).max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** The engine's date format (yyyy-MM-dd'T'HH:mm:ss.SSSZ). */
export function engineDate(instant: Date | DateTime): string {
  const dateTime = instant instanceof Date ? DateTime.fromJSDate(instant) : instant;
  return dateTime.setZone(CALENDAR_ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
}

/** Case ids of the open cases a supervisor's jurisdiction watches (the tasks' business keys). */
async function openCaseIdsWatchedBy(db: Db, departments: readonly string[]): Promise<string[]> {
  const rows: { id: string }[] = await casesWatchedBy(db, departments).where('c.status', 'open');
  return rows.map((row) => row.id);
}

/** Case ids of an item's open cases (the tasks' business keys). */
async function openCaseIdsOfItem(db: Db, itemCode: string): Promise<string[]> {
  const rows = await db('cases as c')
    .join('case_ratings as cr', 'cr.case_id', 'c.id')
    .where({ 'cr.item_code': itemCode, 'c.status': 'open' })
    .select('c.id');
  return rows.map((row) => row.id as string);
}

/** The case number the screens show: the first 8 hex digits of its id. */
const SHOWN_CASE_NUMBER = /^[0-9a-f]{8}$/i;

/**
 * Case ids a search names: the case id itself or the 8 digits the screens show of it (the ids starting so,
 * read as a range of the primary key), the cases of a 办件 number, or of a 综合点评's source reference.
 */
export async function caseIdsMatching(db: Db, search: string): Promise<string[]> {
  // One restriction per query, so that each reaches the view's branches and their indexes.
  const ofColumn = (column: string) => db('case_ratings').where(column, search).select('case_id');
  const queries = [ofColumn('service_record_id'), ofColumn('source_ref')];
  if (isCaseId(search)) queries.push(db('cases').where('id', search).select('id as case_id'));
  if (SHOWN_CASE_NUMBER.test(search)) {
    const prefix = search.toLowerCase();
    queries.push(
      db('cases')
        .whereBetween('id', [
          `${prefix}-0000-0000-0000-000000000000`,
          `${prefix}-ffff-ffff-ffff-ffffffffffff`,
        ])
        .select('id as case_id'),
    );
  }
  const rows: { case_id: string }[] = await db.union(queries, true);
  return rows.map((row) => row.case_id);
}

/** undefined: the filters exclude everything (e.g. an item without open cases). */
export async function buildTodoQuery(
  { db, calendar, now }: { db: Db; calendar: WorkingCalendar; now: Date },
  user: SessionUser,
  filters: TaskListQuery,
): Promise<Record<string, unknown> | undefined> {
  const query: Record<string, unknown> = {};
  let watchedCaseIds: string[] | undefined;
  // A process owner works on models, not cases: no 待办, whatever department the account sits in.
  if (!watchesCases(user.role) && !worksCases(user.role)) return undefined;
  if (filters.group) {
    query.candidateGroup = filters.group;
    query.includeAssignedTasks = true;
  } else if (user.role === 'admin') {
    // every open task
  } else if (user.role === 'supervisor') {
    // The jurisdiction's cases, not its departments' tasks: a district's 差评 has tasks of the city's 12345
    // hotline (the return visit) or a city builder (a platform case), and a city case may consult a district.
    const departments = await limitingJurisdiction(db, user);
    if (departments) watchedCaseIds = await openCaseIdsWatchedBy(db, departments);
  } else {
    // A task someone holds stays among its candidate groups' tasks (includeAssignedTasks), and this API
    // claims and transfers only within those groups: my departments' tasks include every task I hold.
    // (An OR with `assignee` would say so too, at four to five times the engine's query time.)
    query.candidateGroups = user.departmentIds;
    query.includeAssignedTasks = true;
  }
  if (filters.stage) query.taskDefinitionKey = filters.stage;
  if (filters.createdFrom)
    query.createdAfter = engineDate(startOfShanghaiDay(filters.createdFrom).minus({ milliseconds: 1 }));
  if (filters.createdTo)
    query.createdBefore = engineDate(startOfShanghaiDay(filters.createdTo).plus({ days: 1 }));
  if (filters.sla) {
    const { atRiskUntil } = countdownBoundaries(calendar, now);
    if (filters.sla === 'overdue') query.dueBefore = engineDate(now);
    if (filters.sla === 'at-risk')
      Object.assign(query, { dueAfter: engineDate(now), dueBefore: engineDate(atRiskUntil) });
    if (filters.sla === 'on-track') query.dueAfter = engineDate(atRiskUntil);
  }
  let caseIds = watchedCaseIds;
  const narrow = (ids: string[]) => {
    const allowed = new Set(ids);
    caseIds = caseIds ? caseIds.filter((id) => allowed.has(id)) : ids;
  };
  if (filters.itemCode) narrow(await openCaseIdsOfItem(db, filters.itemCode));
  if (filters.search) narrow(await caseIdsMatching(db, filters.search));
  if (caseIds) {
    if (caseIds.length === 0) return undefined;
    query.processInstanceBusinessKeyIn = caseIds;
  }
  return query;
}
