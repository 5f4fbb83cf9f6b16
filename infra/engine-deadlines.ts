// Where a stage's due date lives in the engine, and moving it there when the calendar moved it. The worker
// that starts a stage's clock hands the due date to the process (verifyDue); the model copies it into a
// timer job and the user task's due date, so both are moved over REST, and the variable itself for the
// tasks still to come. The stage's reminder (即将超期, by default at 60 % of its time) moves with it: it keeps
// its share of the time from the clock's start, as the stage was planned (…RemindAt beside …Due).
import { formatEngineDate } from './engine-variables.ts';
import type { EngineClient, EngineTask, EngineTaskUpdate } from './engine-rest.ts';
import type { EngineVariables } from './engine-variables.ts';
import {
  reminderKeepingShare,
  stageDueVariable,
  stageRemindVariable,
  type SlaStage,
} from '../domain/case/sla-policy.ts';

/** bad-review's 再次整改计时, after a return visit found the rater dissatisfied (workers/sla-start.ts). */
export const NEXT_ROUND_ACTIVITY = 'Task_StartNextRound';

export interface StageDeadlineElements {
  /** The boundary timer whose timeDate is the stage's due date. */
  timerActivityId: string;
  /** The non-interrupting boundary timer (即将超期) whose timeDate is the stage's reminder instant. */
  reminderActivityId: string;
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
    reminderActivityId: 'Timer_AssignResponsibleUnitReminder',
    taskDefinitionKeys: ['Task_AssignResponsibleUnit'],
  },
  verify: {
    timerActivityId: 'Timer_VerifyComplaintOverdue',
    reminderActivityId: 'Timer_VerifyComplaintReminder',
    taskDefinitionKeys: ['Task_VerifyComplaint'],
  },
  rectify: {
    timerActivityId: 'Timer_RectifyComplaintOverdue',
    reminderActivityId: 'Timer_RectifyComplaintReminder',
    taskDefinitionKeys: ['Task_RectifyComplaint'],
  },
  'appeal-review': {
    timerActivityId: 'Timer_ReviewAppealOverdue',
    reminderActivityId: 'Timer_ReviewAppealReminder',
    taskDefinitionKeys: ['Task_ReviewAppeal'],
  },
  'appeal-evidence': {
    timerActivityId: 'Timer_ProvideAppealEvidenceOverdue',
    reminderActivityId: 'Timer_ProvideAppealEvidenceReminder',
    taskDefinitionKeys: ['Task_ProvideAppealEvidence'],
  },
  'consultation-opinion': {
    timerActivityId: 'Timer_ConsultationOpinionOverdue',
    reminderActivityId: 'Timer_ConsultationOpinionReminder',
    taskDefinitionKeys: ['Task_GiveConsultationOpinion'],
  },
  'consultation-reply': {
    timerActivityId: 'Timer_ConsultationReplyOverdue',
    reminderActivityId: 'Timer_ConsultationReplyReminder',
    // The coordinator picks the departments against the reply's deadline too (art. 20: 15 working days).
    taskDefinitionKeys: ['Task_PickConsultationDepartments', 'Task_WriteConsultationReply'],
  },
  'return-visit': {
    timerActivityId: 'Timer_RecordReturnVisitOverdue',
    reminderActivityId: 'Timer_RecordReturnVisitReminder',
    taskDefinitionKeys: ['Task_RecordReturnVisit'],
  },
  escalation: {
    timerActivityId: 'Timer_HandleEscalationOverdue',
    reminderActivityId: 'Timer_HandleEscalationReminder',
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

/** A stage's clock as the database has it now: the engine must carry its due date. */
export interface StageClockDates {
  startedAt: Date;
  due: Date;
}

/**
 * Sets the due date of the stage's timer job(s) and open user task(s) of a case: in its own process
 * instance and in the processes it called (appeal review, consultation), which carry the same business
 * key. The stage's reminder timer moves too, keeping its share of the clock's time. Idempotent: what
 * already carries its date is left alone. Engine errors are thrown to the caller, which keeps the move for
 * a retry.
 */
export async function moveStageDeadline(
  engine: EngineClient,
  processInstanceId: string,
  stage: SlaStage,
  clock: StageClockDates,
): Promise<EngineMove> {
  const elements = STAGE_DEADLINE_ELEMENTS[stage];
  if (!elements) return { modelled: false, found: 0, timersMoved: 0, tasksUpdated: 0 };
  const { due } = clock;
  const instances = await caseInstances(engine, processInstanceId);
  const instanceIds = instances.map((instance) => instance.id);
  const remindAt = movedReminder(instances, stage, clock);
  const timers = await moveTimers(engine, instanceIds, elements.timerActivityId, due);
  const reminders = remindAt
    ? await moveTimers(engine, instanceIds, elements.reminderActivityId, remindAt)
    : { found: 0, moved: 0 };
  const tasks = await engine.tasks({
    processInstanceIdIn: instanceIds,
    taskDefinitionKeyIn: elements.taskDefinitionKeys,
  });
  const engineDue = formatEngineDate(due);
  let tasksUpdated = 0;
  for (const listed of tasks) {
    if (sameInstant(listed.due, due)) continue;
    // PUT /task/{id} overwrites every property: read the task again right before, so a claim made since
    // the list was fetched is sent back unchanged rather than undone.
    const task = await engine.task(listed.id);
    await engine.updateTask(task.id, taskUpdateWithDue(task, engineDue));
    tasksUpdated += 1;
  }
  // Last, and both in one call: until the timers and tasks carry the new dates, the variables keep the pair
  // a retry reads the reminder's share from.
  await moveStageVariables(engine, instances, stage, { due, remindAt });
  return {
    modelled: true,
    found: timers.found + tasks.length,
    timersMoved: timers.moved + reminders.moved,
    tasksUpdated,
  };
}

/** Sets the timer jobs of `activityId` in the instances to `at`; those already there are left alone. */
async function moveTimers(
  engine: EngineClient,
  instanceIds: readonly string[],
  activityId: string,
  at: Date,
): Promise<{ found: number; moved: number }> {
  const jobs = (
    await Promise.all(
      instanceIds.map((id) => engine.jobs({ processInstanceId: id, activityId, timers: 'true' })),
    )
  ).flat();
  let moved = 0;
  for (const job of jobs) {
    if (sameInstant(job.dueDate, at)) continue;
    await engine.setJobDueDate(job.id, formatEngineDate(at));
    moved += 1;
  }
  return { found: jobs.length, moved };
}

interface CaseInstance {
  id: string;
  variables: EngineVariables;
}

function dateVariable(variables: EngineVariables, name: string): Date | undefined {
  const value = variables[name]?.value;
  return typeof value === 'string' ? new Date(value) : undefined;
}

/**
 * The stage's reminder instant for the moved due date: at the share of the clock's time its reminder was
 * planned at (…RemindAt against …Due in the instance that holds both). Undefined when no instance does.
 */
function movedReminder(
  instances: readonly CaseInstance[],
  stage: SlaStage,
  clock: StageClockDates,
): Date | undefined {
  for (const { variables } of instances) {
    const plannedDue = dateVariable(variables, stageDueVariable(stage));
    const plannedReminder = dateVariable(variables, stageRemindVariable(stage));
    if (!plannedDue || !plannedReminder) continue;
    return reminderKeepingShare(clock.startedAt, { due: plannedDue, remindAt: plannedReminder }, clock.due);
  }
  return undefined;
}

/**
 * The variables the model reads the dates from (`<stage>Due`, `<stage>RemindAt`), where an instance holds them:
 * a task the process creates later for the same stage (汇总会商答复 after 确定会商部门) is due by them.
 */
async function moveStageVariables(
  engine: EngineClient,
  instances: readonly CaseInstance[],
  stage: SlaStage,
  dates: { due: Date; remindAt: Date | undefined },
): Promise<void> {
  const wanted: [string, Date | undefined][] = [
    [stageDueVariable(stage), dates.due],
    [stageRemindVariable(stage), dates.remindAt],
  ];
  for (const { id, variables } of instances) {
    const changes = Object.fromEntries(
      wanted.filter(([name, at]) => {
        const current = variables[name]?.value;
        return (
          at !== undefined &&
          current !== undefined &&
          !sameInstant(typeof current === 'string' ? current : null, at)
        );
      }),
    );
    if (Object.keys(changes).length > 0) await engine.setProcessVariables(id, changes);
  }
}

/** The case's process instance and the running instances it called (same business key), with their variables. */
async function caseInstances(engine: EngineClient, processInstanceId: string): Promise<CaseInstance[]> {
  const called = await engine.processInstances({ superProcessInstance: processInstanceId });
  const ids = [processInstanceId, ...called.map((instance) => instance.id)];
  return Promise.all(ids.map(async (id) => ({ id, variables: await engine.processVariables(id) })));
}
