// 记录不予采纳: the approval department found the 差评 invalid or malicious (art. 19). The rating stays as
// it was; a decision beside it takes it out of the statistics, and the timeline says so. Runs at least
// once: the decision is unique per case and the event keyed by case, so a redelivery changes nothing.
import { isNotAdopted } from '../domain/case/appeal.ts';
import { recordEvent } from '../infra/stores/case-store.ts';
import { recordNotAdopted } from '../infra/stores/decision-store.ts';
import { openCaseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'appeal-decision-record';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: Pick<WorkerDeps, 'db' | 'clock'>): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId, task) => {
    const decision = task.variable('appealDecision');
    const basis = task.variable('appealDecisionReasons');
    const approvalGroup = task.variable('approvalGroup');
    if (!isNotAdopted(decision)) {
      return { kind: 'failure', message: `appealDecision is not invalid or malicious: ${String(decision)}` };
    }
    if (typeof basis !== 'string' || basis.trim() === '') {
      return { kind: 'failure', message: 'no reasons for the decision (appealDecisionReasons)' };
    }
    const now = clock();
    const recorded = await db.transaction(async (trx) => {
      const row = await recordNotAdopted(trx, {
        caseId,
        reason: decision,
        basis: basis.trim(),
        decidedBy: typeof approvalGroup === 'string' ? approvalGroup : null,
        decidedAt: now,
      });
      if (!row) return undefined;
      await recordEvent(trx, {
        caseId,
        kind: 'rating-not-adopted',
        stage: 'appeal-review',
        detail: { reason: row.reason, decisionId: String(row.id) },
        idempotencyKey: `rating-not-adopted:${caseId}`,
        occurredAt: now,
      });
      return row;
    });
    if (!recorded) return { kind: 'failure', message: `case ${caseId} not found` };
    return { kind: 'complete' };
  });
}
