// Starts the engine process of every 差评 case whose rating has committed (the outbox). Runs in the
// server process: on every new 差评 (poke) and on a timer, so cases whose start failed — the engine was
// down — start when it returns. The business key (= rating id) makes a repeated start a no-op.
import {
  createDrainLoop,
  ENGINE_UNREACHABLE,
  lockNextDue,
  markProcessed,
  scheduleRetry,
} from './drain-loop.ts';
import { isEngineUnreachable } from '../engine-rest.ts';
import type { Db } from '../db.ts';
import type { EngineClient } from '../engine-rest.ts';
import { errorMessage } from '../error-message.ts';

export const BAD_REVIEW_PROCESS_KEY = 'bad-review';

interface OutboxRow {
  id: string;
  case_id: string;
  attempts: number;
}

export interface CaseStarterDeps {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
  log: (line: string) => void;
  intervalMs?: number;
}

export function createCaseStarter({ db, engine, clock, log, intervalMs = 1000 }: CaseStarterDeps) {
  async function findOrStart(caseId: string): Promise<string> {
    // History (level full) holds running and ended instances alike, written in the start's transaction.
    const [existing] = await engine.historicProcessInstances({
      processInstanceBusinessKey: caseId,
      processDefinitionKey: BAD_REVIEW_PROCESS_KEY,
    });
    if (existing) return existing.id;
    const started = await engine.startProcess(BAD_REVIEW_PROCESS_KEY, caseId, { caseId });
    return started.id;
  }

  /** One row in its own transaction; false when nothing is due or the engine is unreachable. */
  async function startNext(): Promise<boolean | typeof ENGINE_UNREACHABLE> {
    return db.transaction(async (trx) => {
      const now = clock();
      const row = await lockNextDue<OutboxRow>(trx, 'outbox', now, { kind: 'start-case' });
      if (!row) return false;
      try {
        const processInstanceId = await findOrStart(row.case_id);
        await markProcessed(trx, 'outbox', row, now);
        await trx('cases')
          .where({ id: row.case_id, status: 'pending-start' })
          .update({ status: 'open', process_instance_id: processInstanceId, opened_at: now });
        return true;
      } catch (error: unknown) {
        const message = errorMessage(error);
        await scheduleRetry(trx, 'outbox', row, now, message);
        log(`case ${row.case_id}: start failed (attempt ${row.attempts + 1}): ${message}`);
        // Unreachable: the loop pauses; otherwise leave the rest for the next pass.
        return isEngineUnreachable(error) ? ENGINE_UNREACHABLE : false;
      }
    });
  }

  return createDrainLoop({ name: 'case starter', next: startNext, intervalMs, log });
}

export type CaseStarter = ReturnType<typeof createCaseStarter>;
