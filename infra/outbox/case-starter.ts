// Starts the engine process of every 差评 case whose rating has committed (the outbox). Runs in the
// server process: on every new 差评 (poke) and on a timer, so cases whose start failed — the engine was
// down — start when it returns. The business key (= rating id) makes a repeated start a no-op.
import { createOutboxDrainer, type OutboxDrainerDeps } from './drain-loop.ts';
import type { EngineClient } from '../engine-rest.ts';

export const BAD_REVIEW_PROCESS_KEY = 'bad-review';

/** An order about one case in `outbox` (its start, or its end when its 差评 was confirmed fraudulent). */
export interface CaseOrderRow {
  id: string;
  case_id: string;
  attempts: number;
}

async function findOrStart(engine: EngineClient, caseId: string): Promise<string> {
  // History (level full) holds running and ended instances alike, written in the start's transaction.
  const [existing] = await engine.historicProcessInstances({
    processInstanceBusinessKey: caseId,
    processDefinitionKey: BAD_REVIEW_PROCESS_KEY,
  });
  if (existing) return existing.id;
  const started = await engine.startProcess(BAD_REVIEW_PROCESS_KEY, caseId, { caseId });
  return started.id;
}

export function createCaseStarter(deps: OutboxDrainerDeps) {
  return createOutboxDrainer<CaseOrderRow>(deps, {
    name: 'case starter',
    table: 'outbox',
    where: { kind: 'start-case' },
    describe: (row) => `case ${row.case_id}: start`,
    async carryOut(trx, row, now) {
      const processInstanceId = await findOrStart(deps.engine, row.case_id);
      await trx('cases')
        .where({ id: row.case_id, status: 'pending-start' })
        .update({ status: 'open', process_instance_id: processInstanceId, opened_at: now });
      return { done: true };
    },
  });
}

export type CaseStarter = ReturnType<typeof createCaseStarter>;
