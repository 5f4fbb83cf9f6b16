// 反馈评价人: every 差评 gets an answer (art. 17) — what was rectified, the consultation's reply, that the
// appeal review did not adopt it, or that the approval department closed it on its escalation — and every round gets its own: after a dissatisfied return visit the
// unit rectifies again and the rater is answered again. Recorded once a round and sent by SMS when the
// rater left a phone (through the notification outbox, which alone decrypts the phone, at sending).
//
// The round is the case's next one on the first delivery of the step's external task; the row keeps the
// task's id, so a redelivery (a worker that died before completing) finds it and changes nothing.
import { answerToRater } from '../domain/case/messages.ts';
import { recordEvent } from '../infra/stores/case-store.ts';
import { answerOfTask, answersOfCase, insertAnswer } from '../infra/stores/rater-answer-store.ts';
import { enqueueNotification, raterOfCase } from '../infra/notifications/outbox.ts';
import { openCaseStepWorker } from './adapter.ts';
import type { TopicWorker } from './adapter.ts';
import type { WorkerDeps } from './deps.ts';

export const topic = 'rater-answer';
export const lockDurationMs = 30_000;

export function createWorker({ db, clock }: WorkerDeps): TopicWorker {
  return openCaseStepWorker(db, topic, lockDurationMs, async (caseId, task) => {
    const earlier = await answersOfCase(db, caseId);
    if (earlier.some((row) => row.task_id === task.id)) return { kind: 'complete' };
    const answer = answerToRater({
      appealDecision: task.variable('appealDecision'),
      appealDecisionReasons: task.variable('appealDecisionReasons'),
      escalationDecision: task.variable('escalationDecision'),
      escalationNote: task.variable('escalationNote'),
      consultationReply: task.variable('consultationReply'),
      rectifyActions: task.variable('rectifyActions'),
      answersSent: earlier.map((row) => row.message),
    });
    if (!answer) {
      return {
        kind: 'failure',
        message: 'nothing to answer with (appealDecisionReasons, consultationReply or rectifyActions)',
      };
    }
    const evaluation = await db('case_ratings as cr')
      .where('cr.case_id', caseId)
      .first<{ channel: string; has_phone: boolean } | undefined>(
        'cr.channel',
        db.raw('cr.rater_phone_encrypted is not null as has_phone'),
      );
    if (!evaluation) return { kind: 'failure', message: `case ${caseId} not found` };
    const round = (earlier.at(-1)?.round ?? 0) + 1;
    const now = clock();
    const written = await db.transaction(async (trx) => {
      const inserted = await insertAnswer(trx, {
        caseId,
        round,
        channel: evaluation.channel,
        message: answer.message,
        kind: answer.kind,
        taskId: task.id,
        answeredAt: now,
      });
      if (!inserted) return false;
      if (evaluation.has_phone) {
        await enqueueNotification(trx, {
          channel: 'sms',
          to: raterOfCase(caseId),
          subject: '差评处理结果反馈',
          body: answer.message,
          caseId,
          idempotencyKey: `rater-answer:${caseId}:${round}`,
        });
      }
      await recordEvent(trx, {
        caseId,
        kind: 'rater-answered',
        stage: 'answer',
        detail: { channel: evaluation.channel, sms: evaluation.has_phone, round, answer: answer.kind },
        idempotencyKey: `rater-answered:${caseId}:${round}`,
        occurredAt: now,
      });
      return true;
    });
    if (written || (await answerOfTask(db, task.id))) return { kind: 'complete' };
    return { kind: 'failure', message: `round ${round} of case ${caseId} was answered by another task` };
  });
}
