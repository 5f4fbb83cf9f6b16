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
  const pending = answers.answers.length
    ? ''
    : '<p>您的差评已转交责任单位核实整改，处理结果将在此公布，请稍后再来查看。</p>';
  return `<section class="card" role="status"><h2>处理状态：${answers.statusLabel}</h2>${pending}</section>${rounds}`;
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
