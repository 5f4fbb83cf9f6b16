// The loop every outbox drainer shares: take the next due row until none is left (or one fails), on a
// timer and whenever poked; never two passes at once, and a poke during a pass runs one more pass.

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
  /** Handles one due row; false when none is due or the pass should stop (e.g. the engine is down). */
  next: () => Promise<boolean>;
  intervalMs: number;
  log: (line: string) => void;
}): DrainLoop {
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function drain(): Promise<void> {
    do {
      again = false;
      while (await next()) {
        // keep going while rows are handled
      }
    } while (again);
  }

  function poke(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => log(`${name}: ${error instanceof Error ? error.message : String(error)}`))
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
