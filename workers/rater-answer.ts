// 反馈评价人: every 差评 gets an answer (art. 17) — the consultation's reply, or what was rectified —
// recorded once per case and sent by SMS when the rater left a phone (through the notification outbox,
// which alone decrypts the phone, at sending).
import { answerToRater } from '../domain/case/messages.ts';
import { recordEvent } from '../infra/stores/case-store.ts';
import { enqueueNotification, raterOfCase } from '../infra/notifications/outbox.ts';
import { caseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'rater-answer';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return caseStepWorker(topic, lockDurationMs, async (caseId, task) => {
    const message = answerToRater({
      consultationReply: task.variable('consultationReply'),
      rectifyActions: task.variable('rectifyActions'),
    });
    if (!message)
      return { kind: 'failure', message: 'nothing to answer with (consultationReply or rectifyActions)' };
    const evaluation = await db('cases as c')
      .join('evaluations as e', 'e.id', 'c.evaluation_id')
      .where('c.id', caseId)
      .first<{ channel: string; has_phone: boolean } | undefined>(
        'e.channel',
        db.raw('e.rater_phone_encrypted is not null as has_phone'),
      );
    if (!evaluation) return { kind: 'failure', message: `case ${caseId} not found` };
    const now = clock();
    await db.transaction(async (trx) => {
      await trx('rater_answers')
        .insert({ case_id: caseId, channel: evaluation.channel, message, answered_at: now })
        .onConflict('case_id')
        .ignore();
      if (evaluation.has_phone) {
        await enqueueNotification(trx, {
          channel: 'sms',
          to: raterOfCase(caseId),
          subject: '差评处理结果反馈',
          body: message,
          caseId,
          idempotencyKey: `rater-answer:${caseId}`,
        });
      }
      await recordEvent(trx, {
        caseId,
        kind: 'rater-answered',
        stage: 'answer',
        detail: { channel: evaluation.channel, sms: evaluation.has_phone },
        idempotencyKey: `rater-answered:${caseId}`,
        occurredAt: now,
      });
    });
    return { kind: 'complete' };
  });
}
