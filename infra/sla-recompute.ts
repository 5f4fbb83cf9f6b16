// Recomputes every open due date that was counted provisionally, with the calendar in force now, and moves
// the engine's copies of the dates that changed: the SLA clocks here, the invitations' rating windows in
// infra/invitation-window-recompute.ts. Safe to run any number of times (after a load, or as
// `hcp calendar recompute`): a clock is moved once per change, and an engine move that failed stays queued
// in sla_due_recomputations until a later run makes it.
import { recomputedDeadline } from '../domain/case/sla-recompute.ts';
import { moveStageDeadline } from './engine-deadlines.ts';
import { recomputeProvisionalWindows, type WindowRecomputeSummary } from './invitation-window-recompute.ts';
import {
  applyRecomputation,
  freshEngineMove,
  openProvisionalClocks,
  pendingEngineMoves,
  recordEngineMoveFailure,
  settleEngineMove,
  type PendingEngineMove,
} from './stores/sla-recompute-store.ts';
import type { CalendarProvider } from './calendar-provider.ts';
import type { Db } from './db.ts';
import type { EngineClient } from './engine-rest.ts';
import { errorMessage } from './error-message.ts';

export interface RecomputeDeps {
  db: Db;
  engine: EngineClient;
  calendars: Pick<CalendarProvider, 'currentWithLoadId'>;
  clock: () => Date;
}

export interface EngineMoveFailure {
  caseId: string;
  stage: string;
  /** The due date the engine should carry. */
  dueAt: string;
  message: string;
}

export interface RecomputeSummary {
  /** Open clocks whose due date was provisional before this run. */
  clocksChecked: number;
  /** Of those, the ones whose due date moved or became certain. */
  clocksRecomputed: number;
  /** Open clocks still provisional after this run (their count reaches a year without a notice). */
  stillProvisional: number;
  timersMoved: number;
  tasksUpdated: number;
  /** Engine moves that could not be made now; they stay queued for the next run. */
  failures: EngineMoveFailure[];
  /** The invitations' rating windows (art. 10), recomputed in the same run. */
  invitations: WindowRecomputeSummary;
}

interface EngineOutcome {
  timersMoved: number;
  tasksUpdated: number;
  failure?: string;
}

async function makeEngineMove(deps: RecomputeDeps, queued: PendingEngineMove): Promise<EngineOutcome> {
  const now = deps.clock();
  // As the database has it now: a run that started earlier must not put back a date a later one moved.
  const fresh = await freshEngineMove(deps.db, queued);
  if (!fresh) return { timersMoved: 0, tasksUpdated: 0 };
  const move = { ...queued, ...fresh };
  // The stage ended (its task completed, the clock stopped): the engine's copies went with it.
  if (move.done_at !== null) {
    await settleEngineMove(deps.db, 'sla_due_recomputations', move.recomputation_ids, 'skipped', now);
    return { timersMoved: 0, tasksUpdated: 0 };
  }
  if (move.process_instance_id === null)
    return { timersMoved: 0, tasksUpdated: 0, failure: '案件尚未在流程引擎中启动' };
  try {
    const moved = await moveStageDeadline(deps.engine, move.process_instance_id, move.stage, {
      startedAt: move.started_at,
      due: move.due_at,
    });
    if (!moved.modelled) {
      await settleEngineMove(deps.db, 'sla_due_recomputations', move.recomputation_ids, 'skipped', now);
      return { timersMoved: 0, tasksUpdated: 0 };
    }
    if (moved.found === 0) {
      // The clock is open but the process has not reached the stage's task yet (the worker that started
      // the clock has not reported back): the engine will be handed the date later, maybe the old one.
      return {
        timersMoved: 0,
        tasksUpdated: 0,
        failure: '流程引擎中尚未找到该环节的定时器或任务（流程可能尚未走到该环节）',
      };
    }
    await settleEngineMove(deps.db, 'sla_due_recomputations', move.recomputation_ids, 'synced', now);
    return { timersMoved: moved.timersMoved, tasksUpdated: moved.tasksUpdated };
  } catch (error: unknown) {
    return { timersMoved: 0, tasksUpdated: 0, failure: `流程引擎调用失败：${errorMessage(error)}` };
  }
}

/** Makes every queued engine move (`queued`: as just read); failures are recorded on their rows and returned. */
export async function retryEngineMoves(deps: RecomputeDeps, queued?: readonly PendingEngineMove[]) {
  let timersMoved = 0;
  let tasksUpdated = 0;
  const failures: EngineMoveFailure[] = [];
  for (const move of queued ?? (await pendingEngineMoves(deps.db))) {
    const outcome = await makeEngineMove(deps, move);
    timersMoved += outcome.timersMoved;
    tasksUpdated += outcome.tasksUpdated;
    if (outcome.failure !== undefined) {
      await recordEngineMoveFailure(
        deps.db,
        'sla_due_recomputations',
        move.recomputation_ids,
        outcome.failure,
      );
      failures.push({
        caseId: move.case_id,
        stage: move.stage,
        dueAt: move.due_at.toISOString(),
        message: outcome.failure,
      });
    }
  }
  return { timersMoved, tasksUpdated, failures };
}

/** `actor`: who caused the run (the person who loaded the notice), for the cases' timelines. */
export async function recomputeProvisionalDeadlines(
  deps: RecomputeDeps,
  actor?: string,
): Promise<RecomputeSummary> {
  const { calendar, loadId } = await deps.calendars.currentWithLoadId();
  const deadlineAfter = (start: Date, workingDays: number) => {
    const deadline = calendar.deadlineAfter(start, workingDays);
    return { due: deadline.due.toJSDate(), provisional: deadline.provisional };
  };
  const clocks = await openProvisionalClocks(deps.db);
  let clocksRecomputed = 0;
  let stillProvisional = 0;
  for (const clock of clocks) {
    const current = {
      startedAt: clock.started_at,
      workingDays: clock.working_days,
      dueAt: clock.due_at,
      provisional: true,
    };
    const next = recomputedDeadline(current, deadlineAfter);
    if (next === undefined) {
      stillProvisional += 1;
      continue;
    }
    const applied = await applyRecomputation(deps.db, { clock, next, loadId, actor, at: deps.clock() });
    if (applied !== undefined) clocksRecomputed += 1;
    if (next.provisional) stillProvisional += 1;
  }
  const engine = await retryEngineMoves(deps);
  const invitations = await recomputeProvisionalWindows(deps, calendar, { loadId, actor });
  return { clocksChecked: clocks.length, clocksRecomputed, stillProvisional, ...engine, invitations };
}
