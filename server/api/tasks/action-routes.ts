// 签收 claim, 退回签收 unclaim, 转办 transfer, 退回 send back, 催办 urge: POST /api/tasks/:id/<action>.
import { shanghaiDateTimeText } from '../../../domain/calendar/shanghai-time.ts';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { recordEvent, stopClockSentBack } from '../../../infra/stores/case-store.ts';
import { enqueueNotification } from '../../../infra/notifications/outbox.ts';
import { toEngineVariables } from '../../../infra/engine-variables.ts';
import { stageVariables, startStageClock } from '../../../infra/sla/stage-plan.ts';
import { currentUser, requireRole } from '../../auth/middleware.ts';
import { assertMayWork, caseworkColleagues, engineTaskChange, taskInView } from './task-access.ts';
import { nextRound } from './forms/evidence.ts';
import { TASK_FORMS } from './forms/index.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import type { StagePlanner } from '../../../infra/sla/stage-plan.ts';
import type { SendBackTargets } from './send-back-targets.ts';

interface ActionDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  planner: StagePlanner;
  sendBackTargets: SendBackTargets;
}

const transferBody = z.strictObject({
  userId: z.string().trim().min(1).max(64),
  note: z.string().trim().max(500).default(''),
});
const reasonText = z.string().trim().min(1, '必填').max(2000);
const sendBackBody = z.strictObject({ reason: reasonText });
const urgeBody = z.strictObject({ message: reasonText });

export function taskActionRoutes(deps: ActionDeps): Router {
  const { db, engine, clock } = deps;
  const router = Router();

  router.post('/tasks/:id/claim', async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView(deps, user, request.params.id);
    assertMayWork(view, user);
    if (view.task.assignee !== user.id)
      await engineTaskChange(view.task.id, () => engine.claimTask(view.task.id, user.id));
    response.json({ id: view.task.id, assignee: user.id });
  });

  router.post('/tasks/:id/unclaim', async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView(deps, user, request.params.id);
    assertMayWork(view, user);
    await engineTaskChange(view.task.id, () => engine.unclaimTask(view.task.id));
    response.json({ id: view.task.id, assignee: null });
  });

  router.post('/tasks/:id/transfer', async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView(deps, user, request.params.id);
    const body = transferBody.parse(request.body ?? {});
    assertMayWork(view, user);
    const colleague = await caseworkColleagues(db, view, user).where('u.id', body.userId).first('u.id');
    if (!colleague) throw new DomainError('task.transfer_invalid', { userId: body.userId });
    // The timeline's event and the engine's change together: should the engine refuse, no event is kept;
    // should the event not be written, the engine is not asked.
    await db.transaction(async (trx) => {
      await recordEvent(trx, {
        caseId: view.caseId,
        kind: 'task-transferred',
        actor: user.id,
        detail: { taskId: view.task.id, taskName: view.task.name, to: body.userId, note: body.note },
        idempotencyKey: `task-transferred:${randomUUID()}`,
        occurredAt: clock(),
      });
      await engineTaskChange(view.task.id, () => engine.setTaskAssignee(view.task.id, body.userId));
    });
    response.json({ id: view.task.id, assignee: body.userId });
  });

  router.post('/tasks/:id/send-back', async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView(deps, user, request.params.id);
    assertMayWork(view, user);
    const parsed = sendBackBody.safeParse(request.body ?? {});
    if (!parsed.success) throw new DomainError('task.send_back_not_allowed', { reason: 'required' });
    const { task, caseId } = view;
    const target = await deps.sendBackTargets.targetOf(task.processDefinitionId, task.taskDefinitionKey);
    const fromForm = TASK_FORMS[task.taskDefinitionKey];
    const toForm = target ? TASK_FORMS[target] : undefined;
    if (!target || !fromForm || !toForm)
      throw new DomainError('task.send_back_not_allowed', { task: task.taskDefinitionKey });
    const now = clock();
    const plan = await deps.planner.plan(toForm.stage, {
      startedAt: now,
      round: await nextRound(db, caseId, toForm.stage),
    });
    await db.transaction(async (trx) => {
      await recordEvent(trx, {
        caseId,
        kind: 'stage-sent-back',
        stage: fromForm.stage,
        actor: user.id,
        detail: {
          taskId: task.id,
          taskName: task.name,
          from: task.taskDefinitionKey,
          to: target,
          reason: parsed.data.reason,
        },
        idempotencyKey: `stage-sent-back:${task.id}`,
        occurredAt: now,
      });
      await stopClockSentBack(trx, caseId, fromForm.stage, now);
      const variables = {
        ...stageVariables(await startStageClock(trx, caseId, plan)),
        sendBackReason: parsed.data.reason,
      };
      // Inside the transaction: if the task was completed meanwhile the engine refuses and nothing is kept.
      await engineTaskChange(task.id, () =>
        engine.modifyProcessInstance(
          task.processInstanceId,
          [
            { type: 'cancel', activityId: task.taskDefinitionKey },
            { type: 'startBeforeActivity', activityId: target, variables: toEngineVariables(variables) },
          ],
          `退回：${user.name}（${user.id}）`,
        ),
      );
    });
    response.json({ id: task.id, sentBackTo: target });
  });

  router.post('/tasks/:id/urge', requireRole('supervisor', 'admin'), async (request, response) => {
    const user = currentUser(response);
    const view = await taskInView(deps, user, String(request.params.id));
    const body = urgeBody.parse(request.body ?? {});
    const { task, caseId } = view;
    const now = clock();
    const urgeId = randomUUID();
    const recipients = task.assignee
      ? await db('users').where({ id: task.assignee }).select('id', 'email')
      : await db('users as u')
          .join('user_departments as ud', 'ud.user_id', 'u.id')
          .whereIn('ud.department_id', view.candidateGroups)
          .whereNot('u.role', 'supervisor')
          .distinct('u.id', 'u.email');
    await db.transaction(async (trx) => {
      await recordEvent(trx, {
        caseId,
        kind: 'task-urged',
        ...(TASK_FORMS[task.taskDefinitionKey] ? { stage: TASK_FORMS[task.taskDefinitionKey]!.stage } : {}),
        actor: user.id,
        detail: {
          taskId: task.id,
          taskName: task.name,
          message: body.message,
          to: recipients.map((r) => r.id),
        },
        idempotencyKey: `task-urged:${urgeId}`,
        occurredAt: now,
      });
      for (const recipient of recipients) {
        if (!recipient.email) continue;
        await enqueueNotification(trx, {
          channel: 'email',
          to: recipient.email,
          subject: `【催办】${task.name}`,
          body: `${user.name}催办：${body.message}\n案件：${caseId}\n任务：${task.name}，办理期限：${task.due ? `${shanghaiDateTimeText(task.due)}（北京时间）` : '未设'}`,
          caseId,
          idempotencyKey: `task-urged:${urgeId}:${recipient.id}`,
        });
      }
    });
    response.status(201).json({ id: task.id, urged: recipients.map((recipient) => recipient.id) });
  });

  return router;
}
