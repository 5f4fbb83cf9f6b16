// GET /api/tasks (待办 / 已办), GET /api/tasks/:id, GET /api/colleagues?taskId=.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { startOfShanghaiDay } from '../../../domain/calendar/shanghai-time.ts';
import { fromEngineVariables } from '../../../infra/engine-variables.ts';
import { currentUser } from '../../auth/middleware.ts';
import { buildTodoQuery, caseIdsMatching, taskListQuery, type TaskListQuery } from './task-query.ts';
import { caseSummaries, openTaskRows, type RowContext } from './task-rows.ts';
import { caseworkColleagues, taskInView } from './task-access.ts';
import { taskContext } from './task-context.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import type { CalendarSource } from '../../../infra/calendar-provider.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import type { SendBackTargets } from './send-back-targets.ts';

interface ListDeps {
  db: Db;
  engine: EngineClient;
  calendars: CalendarSource;
  clock: () => Date;
  sendBackTargets: SendBackTargets;
}

async function rowContext(deps: ListDeps): Promise<RowContext> {
  return { ...deps, calendar: await deps.calendars.current(), now: deps.clock() };
}

async function todoPage(deps: ListDeps, user: SessionUser, filters: TaskListQuery) {
  const context = await rowContext(deps);
  const query = await buildTodoQuery(
    { db: deps.db, calendar: context.calendar, now: context.now },
    user,
    filters,
  );
  if (!query) return { total: 0, tasks: [] };
  const first = (filters.page - 1) * filters.pageSize;
  const [total, tasks] = await Promise.all([
    deps.engine.taskCount(query),
    deps.engine.taskPage(
      {
        ...query,
        sorting: [
          { sortBy: 'dueDate', sortOrder: 'asc' },
          { sortBy: 'created', sortOrder: 'asc' },
        ],
      },
      first,
      filters.pageSize,
    ),
  ]);
  return { total, tasks: await openTaskRows(context, tasks) };
}

/** 已办: the tasks I completed, from the cases' own records (stage-completed events with me as actor). */
async function donePage(db: Db, user: SessionUser, filters: TaskListQuery) {
  const base = db('case_events as ev').where({ 'ev.kind': 'stage-completed', 'ev.actor': user.id });
  if (filters.stage) base.whereRaw("ev.detail->>'taskDefinitionKey' = ?", [filters.stage]);
  if (filters.itemCode) {
    base.whereIn('ev.case_id', db('case_ratings').where('item_code', filters.itemCode).select('case_id'));
  }
  if (filters.search) base.whereIn('ev.case_id', await caseIdsMatching(db, filters.search));
  if (filters.createdFrom)
    base.where('ev.occurred_at', '>=', startOfShanghaiDay(filters.createdFrom).toJSDate());
  if (filters.createdTo)
    base.where('ev.occurred_at', '<', startOfShanghaiDay(filters.createdTo).plus({ days: 1 }).toJSDate());
  const [count] = await base.clone().count<{ n: string }[]>({ n: '*' });
  const rows = await base
    .orderBy([
      { column: 'ev.occurred_at', order: 'desc' },
      { column: 'ev.id', order: 'desc' },
    ])
    .offset((filters.page - 1) * filters.pageSize)
    .limit(filters.pageSize)
    .select('ev.case_id', 'ev.detail', 'ev.occurred_at');
  const summaries = await caseSummaries(db, [...new Set(rows.map((row) => row.case_id as string))]);
  return {
    total: Number(count?.n ?? 0),
    tasks: rows.map((row) => {
      const detail = row.detail as { taskId?: string; taskDefinitionKey?: string; taskName?: string };
      return {
        id: detail.taskId ?? null,
        name: detail.taskName ?? detail.taskDefinitionKey ?? null,
        stage: detail.taskDefinitionKey ?? null,
        caseId: row.case_id,
        completedAt: new Date(row.occurred_at).toISOString(),
        case: summaries.get(row.case_id) ?? null,
      };
    }),
  };
}

const colleaguesQuery = z.strictObject({ taskId: z.string().trim().min(1).max(64) });

export function taskListRoutes(deps: ListDeps): Router {
  const router = Router();

  router.get('/tasks', async (request, response) => {
    const user = currentUser(response);
    const filters = taskListQuery.parse(request.query);
    if (filters.group && !user.departmentIds.includes(filters.group)) {
      throw new DomainError('task.group_not_mine', { group: filters.group });
    }
    const page =
      filters.view === 'done' ? await donePage(deps.db, user, filters) : await todoPage(deps, user, filters);
    response.json({ ...page, page: filters.page, pageSize: filters.pageSize });
  });

  router.get('/tasks/:id', async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView(deps, user, request.params.id);
    const [row] = await openTaskRows(await rowContext(deps), [view.task]);
    const variables = fromEngineVariables(await deps.engine.taskVariables(view.task.id));
    response.json({
      ...row,
      candidateGroups: view.candidateGroups,
      workable: view.workable,
      context: taskContext(view.task.taskDefinitionKey, variables),
    });
  });

  router.get('/colleagues', async (request, response) => {
    const user = currentUser(response);
    const { taskId } = colleaguesQuery.parse(request.query);
    const view = await taskInView(deps, user, taskId);
    const colleagues = await caseworkColleagues(deps.db, view, user)
      .distinct('u.id', 'u.name', 'u.role')
      .orderBy('u.id');
    response.json({ colleagues });
  });

  return router;
}
