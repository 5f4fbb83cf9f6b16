// POST /api/tasks/:id/complete: the task's form, checked by its schema, completes the task in the engine.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { recordEvent, stopClock } from '../../../infra/stores/case-store.ts';
import { TASK_FORMS } from './forms/index.ts';
import { stageVariables, startStageClock } from '../../../infra/sla/stage-plan.ts';
import { fromEngineVariables } from '../../../infra/engine-variables.ts';
import { currentUser } from '../../auth/middleware.ts';
import { assertMayWork, engineTaskChange, taskInView } from './task-access.ts';
import type { Db } from '../../../infra/db.ts';
import type { StagePlanner } from '../../../infra/sla/stage-plan.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';

export function taskCompleteRoute({
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

  router.post('/tasks/:id/complete', async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView({ db, engine }, user, request.params.id);
    assertMayWork(view, user);
    const { task, caseId } = view;
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
    const found = await db('cases').where({ id: caseId }).first('id');
    if (!found) throw new DomainError('case.not_found', { processInstanceId: task.processInstanceId });
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
        actor: user.id,
        detail: {
          taskId: task.id,
          taskName: task.name,
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
      await engineTaskChange(
        task.id,
        async () => {
          // Held by whoever completes it, so the engine's history names them too.
          if (task.assignee !== user.id) await engine.claimTask(task.id, user.id);
          await engine.completeTask(task.id, variables);
        },
        { goneOnServerError: true },
      );
    });
    response.json({ id: task.id, caseId, completed: true });
  });

  return router;
}
