// The rater's page for the answers to their 差评 (GET /rate/answer?id=<rating id>): the link the rating
// page's thank-you screen gives, to keep and open again later — anonymous raters have no other way to hear
// back (art. 17). Server-rendered from the same answers as GET /api/evaluations/:id/answer; no script.
import { escapeHtml, page } from './html.ts';
import { RATING_PAGE_CSS } from './rating-page.css.ts';
import type { RaterAnswersView } from '../api/evaluations/answer-presenter.ts';
import { shanghaiDateTimeText as shanghai } from '../../domain/calendar/shanghai-time.ts';

export type AnswerPageState =
  { kind: 'answers'; answers: RaterAnswersView } | { kind: 'message'; title: string; message: string };

const TITLE = '政务服务“好差评”';

function answersBody(answers: RaterAnswersView): string {
  const rounds = answers.answers
    .map((answer) => {
      const round = answers.answers.length > 1 ? `第${answer.round}次答复 · ` : '';
      return `<section class="card answer"><p>${escapeHtml(answer.message)}</p><p class="muted">${round}${shanghai(answer.answeredAt)}</p></section>`;
    })
    .join('');
  const answered = answers.answers.length > 0;
  // Closed or still under way, answered or not: a case closed without an answer (ended as fraud) must not
  // promise one, and one answered but sent back to rectification is not over.
  const [status, note] = answers.closed
    ? ['已办结', answered ? '' : '<p>该差评的处理已结束。如有疑问，可拨打 12345 政务服务便民热线。</p>']
    : answered
      ? ['已答复，仍在办理', '<p>处理仍在进行，新的答复将在此公布。</p>']
      : ['处理中', '<p>您的差评已转交责任单位核实整改，处理结果将在此公布，请稍后再来查看。</p>'];
  return `<section class="card" role="status"><h2>处理状态：${status}</h2>${note}</section>${rounds}`;
}

export function renderAnswerPage(state: AnswerPageState, nonce: string): string {
  const body =
    state.kind === 'answers'
      ? answersBody(state.answers)
      : `<section class="card" role="alert"><h2>${escapeHtml(state.title)}</h2><p>${escapeHtml(state.message)}</p></section>`;
  return page({
    title: `${TITLE} · 处理结果`,
    nonce,
    css: RATING_PAGE_CSS,
    body: `<main><header><h1>${TITLE}</h1><p>差评处理结果</p></header>${body}</main>`,
  });
}
