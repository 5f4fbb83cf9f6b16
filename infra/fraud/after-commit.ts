// The server's fraud checks right after each rating (art. 23), gathered: ratings stored while a batch is
// being checked wait for the next batch, so a burst of ratings costs one read of the staff's phones and one
// read of facts per batch instead of per rating. Best effort: a failure is logged, and `hcp fraud scan`
// checks every rating again from where the last scan ended.
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
): AfterCommitFraudChecks {
  const pending: string[] = [];
  let draining: Promise<void> | undefined;

  async function drain(): Promise<void> {
    try {
      while (pending.length > 0) {
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
