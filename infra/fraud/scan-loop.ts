// The server's own `hcp fraud scan` (art. 23: nothing dropped silently). The after-commit checks are best
// effort: a failed batch is logged and dropped, and ratings imported with `hcp import` are not checked at
// all. Every five minutes, and once at start, the server checks every rating stored since the last scan
// (infra/fraud/checker.ts scan), so such a rating is flagged minutes later all the same. Several server
// processes may scan at once: a flag is recorded once per rating and signal whoever finds it.
import { createDrainLoop, type DrainLoop } from '../outbox/drain-loop.ts';
import type { FraudChecker } from './checker.ts';

export const FRAUD_SCAN_INTERVAL_MS = 5 * 60_000;

/**
 * With no scan recorded yet, the first starts with the ratings rated or imported this far back (a deployment
 * that never ran `hcp fraud scan`), not with years of them.
 */
const FIRST_SCAN_LOOKBACK_MS = 24 * 60 * 60_000;

export function createFraudScanLoop(
  {
    fraud,
    clock,
    log,
  }: { fraud: Pick<FraudChecker, 'scan'>; clock: () => Date; log: (line: string) => void },
  intervalMs = FRAUD_SCAN_INTERVAL_MS,
): DrainLoop {
  // Set by stop(): a long pass (after a large `hcp import`) ends after the page it is on, keeping its progress.
  let stopping = false;
  const loop = createDrainLoop({
    name: 'fraud scan',
    intervalMs,
    log,
    async next() {
      const firstSince = new Date(clock().getTime() - FIRST_SCAN_LOOKBACK_MS);
      const result = await fraud.scan({ firstSince, stopping: () => stopping });
      if (result.flagged > 0) {
        log(
          `fraud scan: ${result.flagged} flag(s) among ${result.evaluated} rating(s) the checks had missed`,
        );
      }
      return false;
    },
  });
  return {
    ...loop,
    async stop() {
      stopping = true;
      await loop.stop();
    },
  };
}
