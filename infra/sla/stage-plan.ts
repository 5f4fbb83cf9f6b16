// Planning a stage's clock: the policy's working days, the calendar's due date (end of the day, Asia/
// Shanghai), the reminder instant. The plan becomes process variables (…Due, …RemindAt, read by the
// user task's dueDate and its two timers) and an sla_clocks row, written together.
import { reminderAt, stageDueVariable, stageRemindVariable } from '../../domain/case/sla-policy.ts';
import { openClock, startClock } from '../stores/case-store.ts';
import type { DeadlineCalculator, SlaStage } from '../../domain/case/sla-policy.ts';
import type { SlaPolicy } from './policy.ts';
import type { Executor } from '../db.ts';
import type { Knex } from 'knex';

export interface StagePlan {
  stage: SlaStage;
  /** 1 for a stage's first run; a second rectification after a dissatisfied return visit is round 2. */
  round: number;
  startedAt: Date;
  workingDays: number;
  due: Date;
  remindAt: Date;
  provisional: boolean;
}

export interface StagePlanner {
  /**
   * `dueBy`: a deadline the stage must not run past (a 会商意见 within the 会商's own 15 working days, art. 20):
   * the policy's working days are shortened until the due date is no later, down to one working day.
   */
  plan(
    stage: SlaStage,
    options?: { complex?: boolean; startedAt?: Date; round?: number; dueBy?: Date },
  ): Promise<StagePlan>;
}

export function createStagePlanner({
  policy,
  deadlines,
  clock,
}: {
  policy: SlaPolicy;
  deadlines: DeadlineCalculator;
  clock: () => Date;
}): StagePlanner {
  return {
    async plan(stage, { complex = false, startedAt = clock(), round = 1, dueBy } = {}) {
      const policyFor = await policy.policyFor(stage, { complex });
      const { remindAtPercent } = policyFor;
      let workingDays = policyFor.workingDays;
      let deadline = await deadlines.deadlineAfter(startedAt, workingDays);
      while (dueBy && workingDays > 1 && deadline.due > dueBy) {
        workingDays -= 1;
        deadline = await deadlines.deadlineAfter(startedAt, workingDays);
      }
      return {
        stage,
        round,
        startedAt,
        workingDays,
        due: deadline.due,
        remindAt: reminderAt(startedAt, deadline.due, remindAtPercent),
        provisional: deadline.provisional,
      };
    },
  };
}

/** { verifyDue, verifyRemindAt } for the model's expressions. */
export function stageVariables(plan: StagePlan): Record<string, unknown> {
  return {
    [stageDueVariable(plan.stage)]: plan.due,
    [stageRemindVariable(plan.stage)]: plan.remindAt,
  };
}

/**
 * Starts the clock once (a repeated start keeps the first) and returns the plan as stored, so a
 * redelivered task hands the engine the same dates as the first delivery did.
 */
export async function startStageClock(
  executor: Executor,
  caseId: string,
  plan: StagePlan,
): Promise<StagePlan> {
  const stored = await startClock(executor, {
    caseId,
    stage: plan.stage,
    round: plan.round,
    startedAt: plan.startedAt,
    workingDays: plan.workingDays,
    dueAt: plan.due,
    provisional: plan.provisional,
  });
  if (!stored) return plan;
  const due = new Date(stored.due_at);
  const startedAt = new Date(stored.started_at);
  const share =
    (plan.remindAt.getTime() - plan.startedAt.getTime()) /
    (plan.due.getTime() - plan.startedAt.getTime() || 1);
  return {
    ...plan,
    startedAt,
    due,
    workingDays: stored.working_days,
    provisional: stored.due_provisional,
    remindAt: new Date(startedAt.getTime() + Math.round((due.getTime() - startedAt.getTime()) * share)),
  };
}

/**
 * Starts a stage's running clock again at `at`, for the same round, when it started before: a stage whose task
 * could not exist yet (the verification waits for the 12345 handover, workers/hotline-handover.ts) is not the
 * unit's lateness. The plan as stored afterwards, or undefined when no clock of the stage runs. A repeat with
 * the same `at` changes nothing and gives the same plan.
 */
export async function restartStageClock(
  trx: Knex.Transaction,
  caseId: string,
  stage: SlaStage,
  planner: StagePlanner,
  at: Date,
): Promise<StagePlan | undefined> {
  const running = await openClock(trx, caseId, stage);
  if (!running || new Date(running.started_at).getTime() > at.getTime()) return undefined;
  const plan = await planner.plan(stage, { startedAt: at, round: running.round });
  await trx('sla_clocks')
    .where({ case_id: caseId, stage, round: running.round })
    .whereNull('done_at')
    .where('started_at', '<', at)
    .update({
      started_at: plan.startedAt,
      due_at: plan.due,
      working_days: plan.workingDays,
      due_provisional: plan.provisional,
      state: 'on-track',
    });
  return plan;
}
