// Where a stage's due date lives in the engine, and moving it there when the calendar moved it. The worker
// that starts a stage's clock hands the due date to the process (verifyDue); the model copies it into a
// timer job and the user task's due date, so both are moved over REST, and the variable itself for the
// tasks still to come. (The reminder timers, at 60 % of the time, are not moved.)
import { formatEngineDate } from './engine-variables.ts';
import type { EngineClient, EngineTask, EngineTaskUpdate } from './engine-rest.ts';
import { stageDueVariable, type SlaStage } from '../domain/case/sla-policy.ts';

/** bad-review's 再次整改计时, after a return visit found the rater dissatisfied (workers/sla-start.ts). */
export const NEXT_ROUND_ACTIVITY = 'Task_StartNextRound';

export interface StageDeadlineElements {
  /** The boundary timer whose timeDate is the stage's due date. */
  timerActivityId: string;
  /** The user tasks whose camunda:dueDate is the stage's due date. */
  taskDefinitionKeys: readonly string[];
}

/**
 * Each stage's user task (camunda:dueDate="${<stage>Due}") and its escalation timer (timeDate
 * ${<stage>Due}) in processes/*.bpmn; appeal and consultation stages live in called processes.
 */
export const STAGE_DEADLINE_ELEMENTS: Readonly<Record<SlaStage, StageDeadlineElements | null>> = {
  assign: {
    timerActivityId: 'Timer_AssignResponsibleUnitOverdue',
    taskDefinitionKeys: ['Task_AssignResponsibleUnit'],
  },
  verify: { timerActivityId: 'Timer_VerifyComplaintOverdue', taskDefinitionKeys: ['Task_VerifyComplaint'] },
  rectify: {
    timerActivityId: 'Timer_RectifyComplaintOverdue',
    taskDefinitionKeys: ['Task_RectifyComplaint'],
  },
  'appeal-review': {
    timerActivityId: 'Timer_ReviewAppealOverdue',
    taskDefinitionKeys: ['Task_ReviewAppeal'],
  },
  'appeal-evidence': {
    timerActivityId: 'Timer_ProvideAppealEvidenceOverdue',
    taskDefinitionKeys: ['Task_ProvideAppealEvidence'],
  },
  'consultation-opinion': {
    timerActivityId: 'Timer_ConsultationOpinionOverdue',
    taskDefinitionKeys: ['Task_GiveConsultationOpinion'],
  },
  'consultation-reply': {
    timerActivityId: 'Timer_ConsultationReplyOverdue',
    // The coordinator picks the departments against the reply's deadline too (art. 20: 15 working days).
    taskDefinitionKeys: ['Task_PickConsultationDepartments', 'Task_WriteConsultationReply'],
  },
  'return-visit': {
    timerActivityId: 'Timer_RecordReturnVisitOverdue',
    taskDefinitionKeys: ['Task_RecordReturnVisit'],
  },
  escalation: {
    timerActivityId: 'Timer_HandleEscalationOverdue',
    taskDefinitionKeys: ['Task_HandleEscalation'],
  },
};

export interface EngineMove {
  /** False when the model has nothing that carries the stage's due date. */
  modelled: boolean;
  /** Timer jobs and open tasks found for the stage; none while the process has not reached it yet. */
  found: number;
  timersMoved: number;
  tasksUpdated: number;
}

/** Whether the engine's date string is the instant `due`. */
export function sameInstant(engineDate: string | null, due: Date): boolean {
  return engineDate !== null && new Date(engineDate).getTime() === due.getTime();
}

/** The body of PUT /task/{id} that changes the due date only: every other property as the task has it. */
export function taskUpdateWithDue(task: EngineTask, due: string): EngineTaskUpdate {
  return {
    name: task.name,
    description: task.description ?? null,
    assignee: task.assignee,
    owner: task.owner ?? null,
    delegationState: task.delegationState ?? null,
    due,
    followUp: task.followUp,
    priority: task.priority ?? 50,
    parentTaskId: task.parentTaskId ?? null,
    caseInstanceId: task.caseInstanceId ?? null,
    tenantId: task.tenantId ?? null,
  };
}

/**
 * Sets the due date of the stage's timer job(s) and open user task(s) of a case: in its own process
 * instance and in the processes it called (appeal review, consultation), which carry the same business
 * key. Idempotent: what already carries `due` is left alone. Engine errors are thrown to the caller,
 * which keeps the move for a retry.
 */
export async function moveStageDeadline(
  engine: EngineClient,
  processInstanceId: string,
  stage: SlaStage,
  due: Date,
): Promise<EngineMove> {
  const elements = STAGE_DEADLINE_ELEMENTS[stage];
  if (!elements) return { modelled: false, found: 0, timersMoved: 0, tasksUpdated: 0 };
  const engineDue = formatEngineDate(due);
  const instanceIds = await caseInstanceIds(engine, processInstanceId);
  const jobs = (
    await Promise.all(
      instanceIds.map((id) =>
        engine.jobs({ processInstanceId: id, activityId: elements.timerActivityId, timers: 'true' }),
      ),
    )
  ).flat();
  let timersMoved = 0;
  for (const job of jobs) {
    if (sameInstant(job.dueDate, due)) continue;
    await engine.setJobDueDate(job.id, engineDue);
    timersMoved += 1;
  }
  const tasks = await engine.tasks({
    processInstanceIdIn: instanceIds,
    taskDefinitionKeyIn: elements.taskDefinitionKeys,
  });
  let tasksUpdated = 0;
  for (const listed of tasks) {
    if (sameInstant(listed.due, due)) continue;
    // PUT /task/{id} overwrites every property: read the task again right before, so a claim made since
    // the list was fetched is sent back unchanged rather than undone.
    const task = await engine.task(listed.id);
    await engine.updateTask(task.id, taskUpdateWithDue(task, engineDue));
    tasksUpdated += 1;
  }
  await moveDueVariable(engine, instanceIds, stage, due);
  return { modelled: true, found: jobs.length + tasks.length, timersMoved, tasksUpdated };
}

/**
 * The process variable the model reads the due date from (`<stage>Due`), where an instance holds it: a task
 * the process creates later for the same stage (汇总会商答复 after 确定会商部门) is due by it.
 */
async function moveDueVariable(
  engine: EngineClient,
  instanceIds: readonly string[],
  stage: SlaStage,
  due: Date,
): Promise<void> {
  const name = stageDueVariable(stage);
  for (const id of instanceIds) {
    const current = (await engine.processVariables(id))[name];
    if (!current || sameInstant(typeof current.value === 'string' ? current.value : null, due)) continue;
    await engine.setProcessVariables(id, { [name]: due });
  }
}

/** The case's process instance and the running instances it called (same business key). */
async function caseInstanceIds(engine: EngineClient, processInstanceId: string): Promise<string[]> {
  const called = await engine.processInstances({ superProcessInstance: processInstanceId });
  return [processInstanceId, ...called.map((instance) => instance.id)];
}
