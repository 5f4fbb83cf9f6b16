// The work list over the engine: GET /api/tasks?group=… and POST /api/tasks/:id/complete.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { EngineError } from '../../../infra/engine-rest.ts';
import { recordEvent, stopClock } from '../../../infra/stores/case-store.ts';
import { TASK_FORMS } from './forms/index.ts';
import { stageVariables, startStageClock } from '../../../infra/sla/stage-plan.ts';
import { fromEngineVariables } from '../../../infra/engine-variables.ts';
import { presentTask } from './presenter.ts';
import type { Db } from '../../../infra/db.ts';
import type { StagePlanner } from '../../../infra/sla/stage-plan.ts';
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

/**
 * Case ids of tasks: the business key of the task's process instance. Called processes (appeal review,
 * consultation) carry the case's business key too, so their tasks resolve to the same case.
 */
async function caseIdsByProcessInstance(
  engine: EngineClient,
  processInstanceIds: string[],
): Promise<Map<string, string>> {
  if (processInstanceIds.length === 0) return new Map();
  const instances = await engine.processInstances({ processInstanceIds: processInstanceIds.join(',') });
  return new Map(
    instances.flatMap((instance) =>
      instance.businessKey ? [[instance.id, instance.businessKey] as const] : [],
    ),
  );
}

export function taskRoutes({
  db,
  engine,
  clock,
  planner,
}: {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  planner: StagePlanner;
}): Router {
  const router = Router();

  router.get('/tasks', async (request, response) => {
    const { group } = listQuery.parse(request.query);
    const tasks = await engine.tasks({
      candidateGroup: group,
      sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }],
    });
    const caseIds = await caseIdsByProcessInstance(engine, [
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
    const caseId = (await caseIdsByProcessInstance(engine, [task.processInstanceId])).get(
      task.processInstanceId,
    );
    const found = caseId ? await db('cases').where({ id: caseId }).first('id') : undefined;
    if (!caseId || !found)
      throw new DomainError('case.not_found', { processInstanceId: task.processInstanceId });
    const context = {
      caseId,
      taskVariables: fromEngineVariables(await engine.taskVariables(task.id)),
      planner,
      db,
      clock,
    };
    const result = await taskForm.complete(parsed.data, context);
    // One of several parallel opinions, or a step inside a longer stage: its clock runs on.
    const keepsClockRunning = (await taskForm.keepsClockRunning?.(context)) ?? false;
    const now = clock();
    // The engine call sits inside the transaction: if someone else completed the task first, the engine
    // refuses and nothing of ours is written.
    await db.transaction(async (trx) => {
      await recordEvent(trx, {
        caseId,
        kind: 'stage-completed',
        stage: taskForm.stage,
        detail: {
          taskId: task.id,
          taskDefinitionKey: task.taskDefinitionKey,
          form: parsed.data as Record<string, unknown>,
        },
        idempotencyKey: `task-completed:${task.id}`,
        occurredAt: now,
      });
      if (!keepsClockRunning) await stopClock(trx, caseId, taskForm.stage, now);
      const variables = { ...result.variables };
      await result.writes?.(trx);
      for (const plan of result.startStages ?? []) {
        Object.assign(variables, stageVariables(await startStageClock(trx, caseId, plan)));
      }
      try {
        await engine.completeTask(task.id, variables);
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
