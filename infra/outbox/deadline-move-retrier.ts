// Deadline moves the engine has not taken yet. Loading a holiday notice recomputes provisional due dates and
// rating windows and moves the engine's timers (infra/sla-recompute.ts, infra/invitation-window-recompute.ts);
// a move that failed — the engine away, a process not yet at the stage — stays queued. Were it tried again
// only at the next load or `hcp calendar recompute`, the old timer would fire on the old date (an early 超期督办,
// an early 未评). The server looks at the queues every minute and, when a move waits, tries it while the engine
// answers; each move is read again just before the engine is asked, so a pass never puts back a date a later
// load moved.
import { retryEngineMoves } from '../sla-recompute.ts';
import { retryWindowMoves } from '../invitation-window-recompute.ts';
import { pendingEngineMoves } from '../stores/sla-recompute-store.ts';
import { pendingWindowMoves } from '../stores/invitation-recompute-store.ts';
import { createDrainLoop, ENGINE_UNREACHABLE, type DrainLoop } from './drain-loop.ts';
import { isEngineUnreachable } from '../engine-rest.ts';
import type { RecomputeDeps } from '../sla-recompute.ts';

const DEADLINE_MOVE_RETRY_MS = 60_000;

export function createDeadlineMoveRetrier(
  deps: RecomputeDeps & { log: (line: string) => void },
  intervalMs = DEADLINE_MOVE_RETRY_MS,
): DrainLoop {
  return createDrainLoop({
    name: 'deadline moves',
    intervalMs,
    log: deps.log,
    async next() {
      // Nothing queued (almost always): nothing to ask the engine.
      const clockMoves = await pendingEngineMoves(deps.db);
      const windowMoves = await pendingWindowMoves(deps.db);
      if (clockMoves.length === 0 && windowMoves.length === 0) return false;
      // The engine away: no attempt at every queued move (each would wait out its timeout); the loop pauses.
      try {
        await deps.engine.processInstances({ maxResults: '1' });
      } catch (error: unknown) {
        if (isEngineUnreachable(error)) return ENGINE_UNREACHABLE;
        throw error;
      }
      const clocks = await retryEngineMoves(deps, clockMoves);
      const windows = await retryWindowMoves(deps, windowMoves);
      const timersMoved = clocks.timersMoved + windows.timersMoved;
      if (timersMoved > 0)
        deps.log(`deadline moves: ${timersMoved} engine timer(s) moved after a holiday notice`);
      return false;
    },
  });
}
