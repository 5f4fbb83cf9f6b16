// The server's fraud checks right after each rating (art. 23), gathered: a batch waits `gatherMs` for company
// (unless it is full) and ratings stored while a batch is being checked wait for the next, so a burst of
// ratings costs a few reads per batch instead of per rating (bench/rating-http.ts: at 9 ratings a batch the
// checks were half of PostgreSQL's work). A flag comes a fraction of a second later, which no one waits for.
// Best effort: a failure is logged, and the server's scan (./scan-loop.ts, every five minutes) checks every
// rating again from where the last scan ended.
import type { FraudChecker } from './checker.ts';

const MAX_BATCH = 200;

export interface AfterCommitFraudChecks {
  /** A rating just committed: check it soon. */
  stored(evaluationId: string): void;
  /** Resolves once no check is pending or under way: wait for it before closing the database. */
  settled(): Promise<void>;
}

export function createAfterCommitFraudChecks(
  fraud: Pick<FraudChecker, 'checkMany'>,
  log: (line: string) => void,
  { gatherMs = 100 }: { gatherMs?: number } = {},
): AfterCommitFraudChecks {
  const pending: string[] = [];
  let draining: Promise<void> | undefined;

  async function drain(): Promise<void> {
    try {
      while (pending.length > 0) {
        if (pending.length < MAX_BATCH && gatherMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, gatherMs));
        }
        const batch = pending.splice(0, MAX_BATCH);
        await fraud
          .checkMany(batch)
          .catch((error: unknown) => log(`fraud check of ${batch.length} ratings failed: ${String(error)}`));
      }
    } finally {
      // In the same step as the loop's last look at `pending`: a rating stored after it starts a new drain.
      draining = undefined;
    }
  }

  return {
    stored(evaluationId) {
      pending.push(evaluationId);
      draining ??= drain();
    },
    async settled() {
      while (draining) await draining;
    },
  };
}
