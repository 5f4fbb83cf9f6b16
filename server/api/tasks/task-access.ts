// Which tasks a user may see and work on. Working on a task needs a casework role and one of its candidate
// groups (or holding it); supervisors and admins may see — and urge — tasks of cases they may see. A process
// owner in an approval department sees none of its tasks. Everything else is 404.
import { DomainError } from '../../../domain/errors.ts';
import { EngineError, isOptimisticLockingFailure } from '../../../infra/engine-rest.ts';
import { canSeeCase } from '../../auth/case-access.ts';
import { CASEWORK_ROLES, watchesCases, worksCases } from '../../../domain/organisation/roles.ts';
import { caseIdsByProcessInstance } from './task-rows.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient, EngineTask } from '../../../infra/engine-rest.ts';
import type { SessionUser } from '../../auth/session-user.ts';

export interface TaskInView {
  task: EngineTask;
  caseId: string;
  candidateGroups: string[];
  /** May complete, claim, transfer or send it back (not only look). */
  workable: boolean;
}

/** 409 task.not_found when the task is gone: completed by someone else, or never there. */
export async function findTask(engine: EngineClient, id: string): Promise<EngineTask> {
  try {
    return await engine.task(id);
  } catch (error: unknown) {
    if (error instanceof EngineError && error.status === 404) throw new DomainError('task.not_found', { id });
    throw error;
  }
}

export async function taskInView(
  deps: { db: Db; engine: EngineClient },
  user: SessionUser,
  id: string,
): Promise<TaskInView> {
  const task = await findTask(deps.engine, id);
  const links = await deps.engine.taskIdentityLinks(task.id);
  const candidateGroups = links.flatMap((link) =>
    link.type === 'candidate' && link.groupId ? [link.groupId] : [],
  );
  const caseId = (await caseIdsByProcessInstance(deps.engine, [task.processInstanceId])).get(
    task.processInstanceId,
  );
  if (!caseId) throw new DomainError('task.not_visible', { id });
  const workable =
    worksCases(user.role) &&
    (task.assignee === user.id || candidateGroups.some((group) => user.departmentIds.includes(group)));
  // Supervisors and admins may look at (and urge) the tasks of cases they may see; asked only when needed.
  const watching = async () => watchesCases(user.role) && (await canSeeCase(deps, user, caseId));
  if (!workable && !(await watching())) throw new DomainError('task.not_visible', { id });
  return { task, caseId, candidateGroups, workable };
}

/** For actions: the task must be workable by the user and not held by a colleague. */
export function assertMayWork(view: TaskInView, user: SessionUser): void {
  if (!view.workable) throw new DomainError('auth.forbidden', { need: 'candidate-group' });
  if (view.task.assignee && view.task.assignee !== user.id) {
    throw new DomainError('task.claimed_by_other', { assignee: view.task.assignee });
  }
}

/**
 * An engine call that changes a task, with the engine's refusals as clear answers: 409 task.not_found when
 * the task is gone (completed by someone else meanwhile), 409 task.claimed_by_other when a colleague holds it.
 * `goneOnServerError`: completing a task that went away meanwhile answers 500, not 404 — but so does an
 * optimistic-locking failure on a task still open. Given the engine, a 500 is task.not_found only when the
 * task is really gone; otherwise the engine's error goes on (a locking failure is retried by the caller).
 */
export async function engineTaskChange(
  taskId: string,
  change: () => Promise<void>,
  { goneOnServerError }: { goneOnServerError?: EngineClient } = {},
): Promise<void> {
  try {
    await change();
  } catch (error: unknown) {
    if (!(error instanceof EngineError)) throw error;
    if (error.status === 404) throw new DomainError('task.not_found', { id: taskId });
    if (goneOnServerError && error.status === 500 && !isOptimisticLockingFailure(error)) {
      if (await taskIsGone(goneOnServerError, taskId))
        throw new DomainError('task.not_found', { id: taskId });
    }
    if (/already claimed/i.test(error.message))
      throw new DomainError('task.claimed_by_other', { id: taskId });
    throw error;
  }
}

async function taskIsGone(engine: EngineClient, taskId: string): Promise<boolean> {
  try {
    await engine.task(taskId);
    return false;
  } catch (error: unknown) {
    return error instanceof EngineError && error.status === 404;
  }
}

/**
 * 转办: who may take the task over — a colleague of its groups who works cases (not a department's process owner
 * or an admin), never the one handing it on. The 转办 dialog lists them; the transfer accepts only them.
 */
export function caseworkColleagues(db: Db, view: TaskInView, user: SessionUser) {
  return db('users as u')
    .join('user_departments as ud', 'ud.user_id', 'u.id')
    .whereIn('ud.department_id', view.candidateGroups)
    .whereIn('u.role', CASEWORK_ROLES)
    .whereNot('u.id', user.id);
}
