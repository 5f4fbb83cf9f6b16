// 反馈评价人: every 差评 gets an answer (art. 17), through the channel the rater used. The answer is
// written once per case; delivery adapters (SMS, platform message) read it from rater_answers.
import { recordEvent } from '../infra/stores/case-store.ts';
import { caseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'rater-answer';
export const lockDurationMs = 30_000;

export function composeAnswer(actions: string): string {
  return `您好，您对政务服务的评价已收到并核实。整改情况：${actions}。感谢您的监督，欢迎继续评价。`;
}

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return caseStepWorker(topic, lockDurationMs, async (caseId, task) => {
    const actions = task.variable('rectifyActions');
    if (typeof actions !== 'string' || actions.trim() === '') {
      return { kind: 'failure', message: 'no rectification actions to answer with (rectifyActions)' };
    }
    const evaluation = await db('cases as c')
      .join('evaluations as e', 'e.id', 'c.evaluation_id')
      .where('c.id', caseId)
      .first<{ channel: string } | undefined>('e.channel');
    if (!evaluation) return { kind: 'failure', message: `case ${caseId} not found` };
    const now = clock();
    await db.transaction(async (trx) => {
      await trx('rater_answers')
        .insert({
          case_id: caseId,
          channel: evaluation.channel,
          message: composeAnswer(actions.trim()),
          answered_at: now,
        })
        .onConflict('case_id')
        .ignore();
      await recordEvent(trx, {
        caseId,
        kind: 'rater-answered',
        stage: 'answer',
        detail: { channel: evaluation.channel },
        idempotencyKey: `rater-answered:${caseId}`,
        occurredAt: now,
      });
    });
    return { kind: 'complete' };
  });
}
