// Recomputes the rating window (art. 10) of every open invitation that was counted provisionally, with the
// calendar in force now, and moves the engine's waiting window timers. Run by the same recomputation as
// the SLA clocks (infra/sla-recompute.ts) and just as idempotent: a window is moved once per change, and
// an engine move that failed stays queued in invitation_window_recomputations until a later run makes it.
import { recomputedWindow } from '../domain/evaluation/invitation.ts';
import { moveInvitationWindow } from './engine-invitation-window.ts';
import {
  applyWindowRecomputation,
  freshWindowMove,
  openProvisionalWindows,
  pendingWindowMoves,
  type PendingWindowMove,
} from './stores/invitation-recompute-store.ts';
import { recordEngineMoveFailure, settleEngineMove } from './stores/sla-recompute-store.ts';
import type { WorkingCalendar } from '../domain/calendar/index.ts';
import type { Db } from './db.ts';
import type { EngineClient } from './engine-rest.ts';
import { errorMessage } from './error-message.ts';

export interface WindowRecomputeDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
}

export interface WindowMoveFailure {
  serviceRecordId: string;
  /** The window's end the engine should carry. */
  closesAt: string;
  message: string;
}

export interface WindowRecomputeSummary {
  /** Open invitations whose window was provisional before this run. */
  checked: number;
  /** Of those, the ones whose window moved or became certain. */
  recomputed: number;
  /** Open invitations still provisional after this run. */
  stillProvisional: number;
  timersMoved: number;
  /** Engine moves that could not be made now; they stay queued for the next run. */
  failures: WindowMoveFailure[];
}

/** The engine move of one invitation; `failure` says why it stays queued. */
async function makeWindowMove(
  deps: WindowRecomputeDeps,
  queued: PendingWindowMove,
): Promise<{ timersMoved: number; failure?: string }> {
  const now = deps.clock();
  // As the database has it now: a run that started earlier must not put back a date a later one moved.
  const fresh = await freshWindowMove(deps.db, queued);
  if (!fresh) return { timersMoved: 0 };
  const move = { ...queued, ...fresh };
  const settle = (state: 'synced' | 'skipped') =>
    settleEngineMove(deps.db, 'invitation_window_recomputations', move.recomputation_ids, state, now);
  if (move.ended) {
    await settle('skipped');
    return { timersMoved: 0 };
  }
  try {
    const moved = await moveInvitationWindow(deps.engine, move.service_record_id, move.window_closes_at);
    if (moved.ended) {
      await settle('skipped');
      return { timersMoved: 0 };
    }
    if (!moved.reached) {
      // Between the schedule step and the window timer (the reminder step runs): the step may hand the
      // engine the date it read before this run; the next run checks the timer it creates.
      return { timersMoved: 0, failure: '流程引擎中评价邀请正在执行提醒步骤，尚未找到可调整的定时器' };
    }
    await settle('synced');
    return { timersMoved: moved.timersMoved };
  } catch (error: unknown) {
    return { timersMoved: 0, failure: `流程引擎调用失败：${errorMessage(error)}` };
  }
}

/** Makes every queued window move (`queued`: as just read); failures are recorded on their rows and returned. */
export async function retryWindowMoves(deps: WindowRecomputeDeps, queued?: readonly PendingWindowMove[]) {
  let timersMoved = 0;
  const failures: WindowMoveFailure[] = [];
  for (const move of queued ?? (await pendingWindowMoves(deps.db))) {
    const outcome = await makeWindowMove(deps, move);
    timersMoved += outcome.timersMoved;
    if (outcome.failure === undefined) continue;
    await recordEngineMoveFailure(
      deps.db,
      'invitation_window_recomputations',
      move.recomputation_ids,
      outcome.failure,
    );
    failures.push({
      serviceRecordId: move.service_record_id,
      closesAt: move.window_closes_at.toISOString(),
      message: outcome.failure,
    });
  }
  return { timersMoved, failures };
}

/** `actor`: who caused the run (the person who loaded the notice); `loadId`: the load it counts with. */
export async function recomputeProvisionalWindows(
  deps: WindowRecomputeDeps,
  calendar: WorkingCalendar,
  { loadId, actor }: { loadId: string | null; actor?: string | undefined },
): Promise<WindowRecomputeSummary> {
  const windows = await openProvisionalWindows(deps.db);
  let recomputed = 0;
  let stillProvisional = 0;
  for (const window of windows) {
    const next = recomputedWindow(calendar, {
      reminderAt: window.reminder_at,
      remindedAt: window.reminded_at,
      windowClosesAt: window.window_closes_at,
      windowProvisional: window.window_provisional,
    });
    if (next === undefined) {
      stillProvisional += 1;
      continue;
    }
    const applied = await applyWindowRecomputation(deps.db, {
      window,
      next: { closesAt: next.windowClosesAt, provisional: next.windowProvisional },
      loadId,
      ...(actor === undefined ? {} : { actor }),
      at: deps.clock(),
    });
    if (applied) recomputed += 1;
    if (next.windowProvisional) stillProvisional += 1;
  }
  const engine = await retryWindowMoves(deps);
  return { checked: windows.length, recomputed, stillProvisional, ...engine };
}
