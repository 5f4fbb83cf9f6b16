// The work list over the engine: GET /api/tasks?group=… and POST /api/tasks/:id/complete.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { EngineError } from '../../../infra/engine-rest.ts';
import { recordEvent, stopClock } from '../../../infra/stores/case-store.ts';
import { TASK_FORMS } from './forms.ts';
import { presentTask } from './presenter.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient, EngineTask } from '../../../infra/engine-rest.ts';

const listQuery = z.strictObject({
  group: z.string().trim().min(1).max(64),
});

async function findTask(engine: EngineClient, id: string): Promise<EngineTask> {
  try {
    return await engine.task(id);
  } catch (error: unknown) {
    if (error instanceof EngineError && error.status === 404) throw new DomainError('task.not_found', { id });
    throw error;
  }
}

async function caseIdsByProcessInstance(db: Db, processInstanceIds: string[]): Promise<Map<string, string>> {
  if (processInstanceIds.length === 0) return new Map();
  const rows = await db('cases')
    .whereIn('process_instance_id', processInstanceIds)
    .select<{ id: string; process_instance_id: string }[]>('id', 'process_instance_id');
  return new Map(rows.map((row) => [row.process_instance_id, row.id]));
}

export function taskRoutes({
  db,
  engine,
  clock,
}: {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
}): Router {
  const router = Router();

  router.get('/tasks', async (request, response) => {
    const { group } = listQuery.parse(request.query);
    const tasks = await engine.tasks({
      candidateGroup: group,
      sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }],
    });
    const caseIds = await caseIdsByProcessInstance(db, [
      ...new Set(tasks.map((task) => task.processInstanceId)),
    ]);
    response.json({
      tasks: tasks.map((task) => presentTask(task, caseIds.get(task.processInstanceId) ?? null)),
    });
  });

  router.post('/tasks/:id/complete', async (request, response) => {
    const task = await findTask(engine, request.params.id);
    const taskForm = TASK_FORMS[task.taskDefinitionKey];
    if (!taskForm) throw new DomainError('task.form_invalid', { taskDefinitionKey: task.taskDefinitionKey });
    const parsed = taskForm.schema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        problem: issue.message,
      }));
      throw new DomainError('task.form_invalid', { fields: details });
    }
    const caseId = (await caseIdsByProcessInstance(db, [task.processInstanceId])).get(task.processInstanceId);
    if (!caseId) throw new DomainError('case.not_found', { processInstanceId: task.processInstanceId });
    const now = clock();
    // The engine call sits inside the transaction: if someone else completed the task first, the engine
    // refuses and nothing of ours is written.
    await db.transaction(async (trx) => {
      await recordEvent(trx, {
        caseId,
        kind: 'stage-completed',
        stage: taskForm.stage,
        detail: { taskId: task.id, form: parsed.data as Record<string, unknown> },
        idempotencyKey: `task-completed:${task.id}`,
        occurredAt: now,
      });
      await stopClock(trx, caseId, taskForm.stage, now);
      try {
        await engine.completeTask(task.id, taskForm.toVariables(parsed.data));
      } catch (error: unknown) {
        if (error instanceof EngineError && (error.status === 404 || error.status === 500)) {
          throw new DomainError('task.not_found', { id: task.id });
        }
        throw error;
      }
    });
    response.json({ id: task.id, caseId, completed: true });
  });

  return router;
}
