// What every outbox drainer shares: the loop (take the next due row until none is left or one fails, on
// a timer and whenever poked; never two passes at once, a poke during a pass runs one more pass), the row
// bookkeeping (lock the next due row, mark it done, or schedule its retry with back-off), and the drainer of
// orders to the engine built from both (createOutboxDrainer).
import type { Knex } from 'knex';
import { errorMessage } from '../error-message.ts';
import { isEngineUnreachable } from '../engine-rest.ts';
import type { Db } from '../db.ts';
import type { EngineClient } from '../engine-rest.ts';

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

/** What every drainer of orders to the engine is given (the composition root: server/main.ts). */
export interface OutboxDrainerDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  log: (line: string) => void;
  intervalMs?: number;
}

/**
 * How an order went: done (with a note kept on the row), or to be tried again after the back-off — the pass
 * stopping there (an error) or, for an order that only waits for something else (`waiting`), going on.
 */
export type OrderResult = { done: true; note?: string } | { done: false; error: string; waiting?: true };

/**
 * A drain loop over one outbox table (of one kind of order, or all): each due row in its own transaction,
 * handled by `carryOut`, then marked done or scheduled again. An error thrown is a retry too, logged; when the
 * engine did not answer at all the loop pauses.
 */
export function createOutboxDrainer<Row extends OutboxRowBase>(
  { db, clock, log, intervalMs = 1000 }: OutboxDrainerDeps,
  order: {
    name: string;
    table: string;
    where?: Record<string, unknown>;
    /** How a row is named in the log. */
    describe(row: Row): string;
    carryOut(trx: Knex.Transaction, row: Row, now: Date): Promise<OrderResult>;
  },
): DrainLoop {
  async function next(): Promise<boolean | typeof ENGINE_UNREACHABLE> {
    return db.transaction(async (trx) => {
      const now = clock();
      const row = await lockNextDue<Row>(trx, order.table, now, order.where);
      if (!row) return false;
      let result: OrderResult;
      let unreachable = false;
      try {
        result = await order.carryOut(trx, row, now);
      } catch (error: unknown) {
        unreachable = isEngineUnreachable(error);
        result = { done: false, error: errorMessage(error) };
      }
      if (result.done) {
        await markProcessed(trx, order.table, row, now, result.note ?? null);
        return true;
      }
      await scheduleRetry(trx, order.table, row, now, result.error);
      if (!result.waiting)
        log(`${order.describe(row)} failed (attempt ${row.attempts + 1}): ${result.error}`);
      // The engine is down: the loop pauses. After an error the rest is left for the next pass.
      return unreachable ? ENGINE_UNREACHABLE : result.waiting === true;
    });
  }
  return createDrainLoop({ name: order.name, next, intervalMs, log });
}
