// 分派责任单位: decide who answers for the 差评 (art. 17) and start the verify clock.
import { routeBadReview } from '../domain/case/routing.ts';
import { DEFAULT_STAGE_WORKING_DAYS } from '../domain/case/sla-policy.ts';
import {
  assignResponsibleDepartment,
  loadCaseFacts,
  recordEvent,
  startClock,
} from '../infra/stores/case-store.ts';
import { calendarUnchangedSince, latestLoadId } from '../infra/stores/calendar-notice-store.ts';
import { caseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'case-route';
export const lockDurationMs = 30_000;

export function createWorker({ db, deadlines, clock }: WorkerDeps): TopicWorker {
  return caseStepWorker(topic, lockDurationMs, async (caseId) => {
    const facts = await loadCaseFacts(db, caseId);
    if (!facts) return { kind: 'failure', message: `case ${caseId} not found` };
    const routing = routeBadReview(facts);
    const now = clock();
    const workingDays = DEFAULT_STAGE_WORKING_DAYS.verify;
    const calendarLoad = await latestLoadId(db);
    const deadline = await deadlines.deadlineAfter(now, workingDays);
    // A repeated delivery finds the clock already started and passes on the same due date.
    const verifyClock = await db.transaction(async (trx) => {
      // A notice loaded while we counted would not recompute a clock it cannot see yet: count again.
      if (!(await calendarUnchangedSince(trx, calendarLoad))) return undefined;
      await assignResponsibleDepartment(trx, caseId, routing.departmentId, routing.rule);
      await recordEvent(trx, {
        caseId,
        kind: 'case-routed',
        stage: 'route',
        detail: { departmentId: routing.departmentId, rule: routing.rule },
        idempotencyKey: `case-routed:${caseId}`,
        occurredAt: now,
      });
      return startClock(trx, {
        caseId,
        stage: 'verify',
        startedAt: now,
        workingDays,
        dueAt: deadline.due,
        provisional: deadline.provisional,
      });
    });
    if (!verifyClock) {
      return {
        kind: 'failure',
        message: 'a holiday notice was loaded while the due date was counted',
        retryTimeoutMs: 1000,
      };
    }
    return {
      kind: 'complete',
      variables: {
        responsibleGroup: routing.departmentId,
        routingRule: routing.rule,
        verifyDue: new Date(verifyClock.due_at),
        verifyDueProvisional: verifyClock.due_provisional,
      },
    };
  });
}
