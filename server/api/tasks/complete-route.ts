// POST /api/tasks/:id/complete: the task's form, checked by its schema, completes the task in the engine.
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import { zodDetails } from '../../errors.ts';
import { recordEvent, stopClock } from '../../../infra/stores/case-store.ts';
import { takeCaseTurn } from '../../../infra/stores/case-turns.ts';
import { TASK_FORMS } from './forms/index.ts';
import { stageVariables, startStageClock } from '../../../infra/sla/stage-plan.ts';
import { fromEngineVariables } from '../../../infra/engine-variables.ts';
import { currentUser } from '../../auth/middleware.ts';
import { assertMayWork, engineTaskChange, taskInView } from './task-access.ts';
import { retryingEngineConflicts } from '../../../infra/engine-rest.ts';
import { maskRaterContactIn } from '../../../infra/stores/rater-contact.ts';
import type { Db } from '../../../infra/db.ts';
import type { Protector } from '../../../infra/protector.ts';
import type { StagePlanner } from '../../../infra/sla/stage-plan.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import type { SessionUser } from '../../auth/session-user.ts';
import type { TaskForm } from './forms/types.ts';

interface CompleteDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  planner: StagePlanner;
  protector: Pick<Protector, 'decrypt'>;
}

function parseForm(taskForm: TaskForm, body: unknown) {
  const parsed = taskForm.schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  throw new DomainError('task.form_invalid', { fields: zodDetails(parsed.error) });
}

/**
 * One attempt at completing the task. Completions of one case's tasks take turns (an advisory lock held
 * by the transaction) and read the task's variables only once it is their turn: two consultation opinions
 * completed at the same moment each see the other's opinion and count, instead of the second overwriting
 * the first's with what it read before.
 */
async function completeOnce(
  { db, engine, clock, planner, protector }: CompleteDeps,
  user: SessionUser,
  taskId: string,
  body: unknown,
) {
  const view = await taskInView({ db, engine }, user, taskId);
  assertMayWork(view, user);
  const { task, caseId } = view;
  const taskForm = TASK_FORMS[task.taskDefinitionKey];
  if (!taskForm) throw new DomainError('task.form_invalid', { taskDefinitionKey: task.taskDefinitionKey });
  const values = parseForm(taskForm, body);
  const found = await db('cases').where({ id: caseId }).first('id');
  if (!found) throw new DomainError('case.not_found', { processInstanceId: task.processInstanceId });
  // The engine call sits inside the transaction: if someone else completed the task first, the engine
  // refuses and nothing of ours is written.
  await db.transaction(async (trx) => {
    await takeCaseTurn(trx, caseId);
    let taskVariables: Record<string, unknown> = {};
    await engineTaskChange(task.id, async () => {
      taskVariables = fromEngineVariables(await engine.taskVariables(task.id));
    });
    const context = {
      caseId,
      taskVariables,
      planner,
      db: trx,
      clock,
      maskRaterContact: (text: string) => maskRaterContactIn(trx, protector, caseId, text),
    };
    const kept = (await taskForm.keptValues?.(values, context)) ?? values;
    const result = await taskForm.complete(kept, context);
    // One of several parallel opinions, or a step inside a longer stage: its clock runs on.
    const keepsClockRunning = (await taskForm.keepsClockRunning?.(context)) ?? false;
    const now = clock();
    await recordEvent(trx, {
      caseId,
      kind: 'stage-completed',
      stage: taskForm.stage,
      actor: user.id,
      detail: {
        taskId: task.id,
        taskName: task.name,
        taskDefinitionKey: task.taskDefinitionKey,
        form: kept,
      },
      idempotencyKey: `task-completed:${task.id}`,
      occurredAt: now,
    });
    if (!keepsClockRunning) await stopClock(trx, caseId, taskForm.stage, now);
    const variables: Record<string, unknown> = { ...result.variables };
    // A reason this task was sent back with is its own: the tasks after it were not sent back.
    if (taskVariables.sendBackReason != null && !('sendBackReason' in variables))
      variables.sendBackReason = null;
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
      { goneOnServerError: engine },
    );
  });
  return { id: task.id, caseId, completed: true };
}

export function taskCompleteRoute(deps: CompleteDeps): Router {
  const router = Router();

  router.post('/tasks/:id/complete', async (request, response) => {
    const user = currentUser(response);
    // Another engine transaction on the same process instance (a parallel opinion, a timer's branch) can
    // make the engine refuse with an optimistic-locking failure: the completion is tried again, afresh.
    const completed = await retryingEngineConflicts(() =>
      completeOnce(deps, user, request.params.id, request.body),
    );
    response.json(completed);
  });

  return router;
}
