// 开始计时: a stage that follows an automatic step (the return visit after the answer, a second
// rectification, an escalation) starts its clock here; stages that follow a person's decision start
// theirs with that person's form. An escalation also tells the approval department's reviewers and
// coordinators by e-mail: it reaches them without anyone in their department having acted.
import { isSlaStage } from '../domain/case/sla-policy.ts';
import { escalatedToApprovalMessage } from '../domain/case/messages.ts';
import { recordEvent } from '../infra/stores/case-store.ts';
import { notifyStageOwners } from './support/stage-owners.ts';
import { stageVariables, startStageClock } from '../infra/sla/stage-plan.ts';
import { openCaseStepWorker } from './adapter.ts';
import { NEXT_ROUND_ACTIVITY } from '../infra/engine-deadlines.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'sla-start';
export const lockDurationMs = 30_000;

export function createWorker({ db, planner, clock }: WorkerDeps): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId, task) => {
    const stage = task.variable('stage');
    if (!isSlaStage(stage)) return { kind: 'failure', message: `unknown SLA stage: ${String(stage)}` };
    // The round is fixed by the first delivery of this task (its event); a redelivery reuses it.
    const idempotencyKey = `sla-start:${task.id}`;
    const earlier = await db('case_events').where({ idempotency_key: idempotencyKey }).first('detail');
    const clocksSoFar = Number(
      (await db('sla_clocks').where({ case_id: caseId, stage }).count({ n: '*' }))[0]?.n ?? 0,
    );
    // 再次整改 follows the round the return visit judged, which a consultation's reply may have been
    // (rectificationRound 1 with no rectify clock): the next round is one more than either.
    const afterRound =
      task.activityId === NEXT_ROUND_ACTIVITY
        ? Math.max(clocksSoFar, Number(task.variable('rectificationRound') ?? 0))
        : clocksSoFar;
    const round = (earlier?.detail as { round?: number } | undefined)?.round ?? afterRound + 1;
    const now = clock();
    const plan = await planner.plan(stage, {
      startedAt: now,
      round,
      complex: stage === 'rectify' && task.variable('rectifyComplex') === true,
    });
    const stored = await db.transaction(async (trx) => {
      await recordEvent(trx, {
        caseId,
        kind: 'stage-started',
        stage,
        detail: { round },
        idempotencyKey,
        occurredAt: now,
      });
      const started = await startStageClock(trx, caseId, plan);
      if (stage === 'escalation') {
        await notifyStageOwners(trx, {
          caseId,
          stage,
          roles: ['approval-reviewer', 'approval-coordinator'],
          message: escalatedToApprovalMessage(
            caseId,
            Number(task.variable('rectificationRound') ?? 1),
            started.due,
          ),
          idempotencyKey: idempotencyKey,
          task,
        });
      }
      return started;
    });
    return {
      kind: 'complete',
      variables: { ...stageVariables(stored), ...(stage === 'rectify' ? { rectificationRound: round } : {}) },
    };
  });
}
