// What a rater reads about their own 差评 (art. 17, "through the platform" for anonymous raters): whether it
// was answered, and every round's answer with its time. Nothing else: no contact, no unit, no staff.
import type { PublicCaseAnswers } from '../../../infra/stores/rater-answer-store.ts';

const ANSWER_STATUS_LABELS = { answered: '已答复', processing: '处理中' } as const;

export function presentRaterAnswers(evaluationId: string, found: PublicCaseAnswers) {
  const status = found.answers.length > 0 ? 'answered' : 'processing';
  return {
    evaluationId,
    status,
    statusLabel: ANSWER_STATUS_LABELS[status],
    closed: found.caseStatus === 'closed',
    answers: found.answers.map((answer) => ({
      round: answer.round,
      message: answer.message,
      answeredAt: new Date(answer.answered_at).toISOString(),
    })),
  };
}

export type RaterAnswersView = ReturnType<typeof presentRaterAnswers>;
