// 分派责任单位: decide who answers for the 差评 (art. 17) and start the first clock — verify, or, when
// nothing can be routed, the approval department's assignment.
import { routeBadReview } from '../domain/case/routing.ts';
import { assignResponsibleDepartment, loadCaseFacts, recordEvent } from '../infra/stores/case-store.ts';
import { responsibleUnitGroups } from '../infra/stores/case-groups.ts';
import { calendarUnchangedSince, latestLoadId } from '../infra/stores/calendar-notice-store.ts';
import { stageVariables, startStageClock } from '../infra/sla/stage-plan.ts';
import { openCaseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'case-route';
export const lockDurationMs = 30_000;

export function createWorker({ db, planner, clock, maxRectificationRounds }: WorkerDeps): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId) => {
    const facts = await loadCaseFacts(db, caseId);
    if (!facts) return { kind: 'failure', message: `case ${caseId} not found` };
    const routing = routeBadReview(facts);
    // The responsible unit's own approval department and hotline: a platform 差评 goes to the builder, whose
    // approval department may be another level's than the 办件's handling unit's.
    const groups = await responsibleUnitGroups(db, routing.departmentId);
    if (!groups.hotlineGroup) return { kind: 'failure', message: 'no 12345 hotline department is set up' };
    const now = clock();
    const calendarLoad = await latestLoadId(db);
    const plan = await planner.plan(routing.rule === 'unroutable' ? 'assign' : 'verify', { startedAt: now });
    // A repeated delivery finds the clock already started and passes on the same due dates.
    const stored = await db.transaction(async (trx) => {
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
      return startStageClock(trx, caseId, plan);
    });
    if (!stored) {
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
        approvalGroup: groups.approvalGroup,
        hotlineGroup: groups.hotlineGroup,
        routingRule: routing.rule,
        realName: facts.realName,
        rectificationRound: 1,
        maxRectificationRounds,
        ...stageVariables(stored),
      },
    };
  });
}
