// What every outbox drainer shares: the loop (take the next due row until none is left or one fails, on
// a timer and whenever poked; never two passes at once, a poke during a pass runs one more pass), and
// the row bookkeeping (lock the next due row, mark it done, or schedule its retry with back-off).
import type { Knex } from 'knex';
import { errorMessage } from '../error-message.ts';

/** 1 s, 2 s, 4 s … capped at half a minute, so a returning engine is used soon. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5));
}

export interface OutboxRowBase {
  id: string;
  attempts: number;
}

/** The oldest due, unprocessed row, locked for this transaction; other drainers skip it. */
export function lockNextDue<Row extends OutboxRowBase>(
  trx: Knex.Transaction,
  table: string,
  now: Date,
  where: Record<string, unknown> = {},
): Promise<Row | undefined> {
  return trx<Row>(table)
    .whereNull('processed_at')
    .where(where)
    .where('available_at', '<=', now)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .first() as Promise<Row | undefined>;
}

export async function markProcessed(
  trx: Knex.Transaction,
  table: string,
  row: OutboxRowBase,
  now: Date,
  note: string | null = null,
): Promise<void> {
  await trx(table)
    .where({ id: row.id })
    .update({ processed_at: now, attempts: row.attempts + 1, last_error: note });
}

export async function scheduleRetry(
  trx: Knex.Transaction,
  table: string,
  row: OutboxRowBase,
  now: Date,
  error: string,
): Promise<void> {
  await trx(table)
    .where({ id: row.id })
    .update({
      attempts: row.attempts + 1,
      last_error: error.slice(0, 2000),
      available_at: new Date(now.getTime() + retryDelayMs(row.attempts)),
    });
}

/** What `next` answers when the engine did not answer: the loop pauses instead of trying row after row. */
export const ENGINE_UNREACHABLE = 'engine-unreachable';

/** 250 ms, 500 ms … capped at 5 s of wall-clock time: short, so a returning engine is used soon. */
export function unreachablePauseMs(failuresInARow: number): number {
  return Math.min(5_000, 250 * 2 ** Math.min(failuresInARow - 1, 5));
}

export interface DrainLoop {
  poke(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createDrainLoop({
  name,
  next,
  intervalMs,
  log,
}: {
  name: string;
  /**
   * Handles one due row; false when none is due or the pass should stop; ENGINE_UNREACHABLE when the engine
   * did not answer: the loop then pauses (pokes included) for a short, growing wall-clock time, so an
   * engine outage costs one attempt per pause rather than one per poke.
   */
  next: () => Promise<boolean | typeof ENGINE_UNREACHABLE>;
  intervalMs: number;
  log: (line: string) => void;
}): DrainLoop {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;
  let unreachableInARow = 0;

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        const handled = await next();
        if (handled === ENGINE_UNREACHABLE) {
          unreachableInARow += 1;
          pausedUntil = Date.now() + unreachablePauseMs(unreachableInARow);
          return;
        }
        if (!handled) break;
        unreachableInARow = 0;
      }
    } while (again);
  }

  function poke(): Promise<void> {
    if (Date.now() < pausedUntil) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => log(`${name}: ${errorMessage(error)}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    poke,
    start() {
      timer = setInterval(() => void poke(), intervalMs);
      void poke();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
