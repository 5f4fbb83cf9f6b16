// GET /statistics?month=YYYY-MM: the published figures (art. 25) as a page the public reads on a phone — the
// month's ratings, level ratios, channels, the 差评 cases and how far they got, and the units ranked with their
// rank the month before (art. 26–28). No script: a form picks the month. The same figures as
// GET /api/public/statistics (../api/statistics/published-figures.ts).
import { Router } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { shanghaiDateTimeText } from '../../domain/calendar/shanghai-time.ts';
import { monthPeriod } from '../../domain/statistics/period.ts';
import { ERROR_CATALOGUE } from '../errors.ts';
import type { FiguresOfMonth, PublishedFigures } from '../api/statistics/published-figures.ts';
import { monthQuery, PUBLIC_FIGURES_CACHE } from '../api/statistics/routes.ts';
import { escapeHtml, page, sendPage } from './html.ts';
import { RATING_PAGE_CSS } from './rating-page.css.ts';

const STATISTICS_CSS = `${RATING_PAGE_CSS}
main{max-width:760px}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{padding:6px 4px;border-bottom:1px solid #eff0f1;text-align:right}
th:first-child,td:first-child{text-align:left}
th{color:#646a73;font-weight:normal}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}
.figure{background:#f7f8fa;border-radius:8px;padding:8px 10px}
.figure b{display:block;font-size:22px}
.figure span{color:#646a73;font-size:13px}
.bottom td{color:#8f1d22;font-weight:bold}
form.month{display:flex;gap:8px;align-items:end}
form.month label{flex:1}
form.month input{display:block;width:100%;margin-top:4px;padding:9px;font:inherit;color:#1f2329;border:1px solid #8f959e;border-radius:8px;background:#fff}
form.month button{min-height:44px;padding:0 16px;border:0;border-radius:8px;background:#c0262d;color:#fff;font-size:16px}
`;

/** 0.9986 → "99.86%"; no share (nothing to share): "—". */
function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(2)}%`;
}

const count = (value: number) => value.toLocaleString('zh-CN');

function figure(value: string, label: string): string {
  return `<div class="figure"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
}

function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  rowClass?: (index: number) => string,
) {
  if (rows.length === 0) return '<p class="muted">该月暂无数据。</p>';
  const header = `<tr>${head.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr>`;
  const body = rows
    .map((row, index) => {
      const attribute = rowClass?.(index) ? ` class="${rowClass(index)}"` : '';
      return `<tr${attribute}>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table><thead>${header}</thead><tbody>${body}</tbody></table>`;
}

function rankChange(rank: number | null, previous: number | null): string {
  if (rank === null) return '样本不足';
  if (previous === null) return '—';
  if (previous === rank) return '持平';
  return previous > rank ? `↑${previous - rank}` : `↓${rank - previous}`;
}

function renderStatisticsPage(figures: PublishedFigures, nonce: string): string {
  const { ratings, invitations, cases, units } = figures;
  const ranking = units.ranking;
  const body = `<main>
<header><h1>政务服务“好差评”数据公开</h1><p>${escapeHtml(figures.period.label)} · 数据截至 ${escapeHtml(
    shanghaiDateTimeText(new Date(figures.asOf)),
  )}（北京时间）</p></header>
<form class="card month" method="get" action="/statistics">
<label class="field" for="month">统计月份<input type="month" id="month" name="month" value="${escapeHtml(
    figures.period.month,
  )}"></label><button type="submit">查看</button></form>
<section class="card" aria-labelledby="ratings"><h2 id="ratings">评价总体情况</h2>
<div class="figures">${[
    figure(count(ratings.total), '评价总数'),
    figure(percent(ratings.goodRate), '好评率'),
    figure(count(ratings.badReviews), '差评数'),
    figure(percent(ratings.badRate), '差评率'),
    figure(percent(invitations.unratedRate), '未评率'),
  ].join('')}</div>
<p class="muted">好评：非常满意、满意、基本满意；差评：不满意、非常不满意。经申诉复核不予采纳、经核查确认刷评的评价不计入统计。未评率：该月办结的办件中，评价期已有结果者里“未评”的比例；只有经确认刷评的评价的办件，计为未评（${count(
    invitations.ratedFraudulently,
  )} 件）。另有 ${count(invitations.waiting)} 件尚在评价期内。</p>
<h3>评价等级</h3>${table(
    ['等级', '数量', '占比'],
    ratings.levels.map((level) => [level.label, count(level.count), percent(level.share)]),
  )}
</section>
<section class="card" aria-labelledby="channels"><h2 id="channels">评价渠道</h2>
${table(
  ['渠道', '数量', '占比'],
  ratings.channels.map((channel) => [channel.label, count(channel.count), percent(channel.share)]),
)}
<h3>评价方式</h3>${table(
    ['方式', '数量', '占比'],
    ratings.kinds.map((kind) => [kind.label, count(kind.count), percent(kind.share)]),
  )}
</section>
<section class="card" aria-labelledby="cases"><h2 id="cases">差评整改情况</h2>
<div class="figures">${[
    figure(count(cases.opened), '差评工单'),
    figure(count(cases.closed), '已办结'),
    figure(count(cases.open), '办理中'),
    figure(percent(cases.answerRate), '差评回复率'),
    figure(percent(cases.rectifyOnTimeRate), '按期整改率'),
    figure(percent(cases.returnVisitRate), '回访整改率'),
    figure(percent(cases.returnVisitSatisfiedRate), '回访整改满意率'),
  ].join('')}</div>
<p class="muted">按期整改率：在规定工作日内完成的整改占已到期整改的比例；回访整改率：整改完成、应由 12345 回访的实名差评中已回访的比例（应回访 ${count(
    cases.returnVisitsDue,
  )} 件，已回访 ${count(cases.returnVisited)} 件，《办法》第十八条要求 100%）；回访整改满意率：12345 回访中对整改满意、基本满意的比例（回访 ${count(
    cases.returnVisits,
  )} 次）。</p>
<h3>办结方式</h3>${table(
    ['办结方式', '数量'],
    cases.outcomes.map((outcome) => [outcome.label, count(outcome.count)]),
  )}
</section>
<section class="card" aria-labelledby="units"><h2 id="units">单位排名 <small>按好评率；较${escapeHtml(
    figures.previousPeriod.label,
  )}</small></h2>
${table(
  ['单位', '评价数', '好评率', '差评数', '排名', '变化'],
  ranking.map((unit) => [
    unit.departmentName,
    count(unit.total),
    percent(unit.goodRate),
    count(unit.badReviews),
    unit.rank === null ? '—' : String(unit.rank),
    rankChange(unit.rank, unit.previousRank) + (unit.lastTwice ? '（连续两月末位）' : ''),
  ]),
  (index) => (ranking[index]!.lastTwice ? 'bottom' : ''),
)}
<p class="muted">评价数少于 ${units.minRatingsToRank} 条的单位列出但不参与排名。连续两个月排名末位的单位须限期整改（《办法》第二十八条）。</p>
</section>
<footer>数据由“好差评”系统根据评价记录自动生成，不可人工修改。接口：/api/public/statistics?month=${escapeHtml(
    figures.period.month,
  )}</footer>
</main>`;
  return page({ title: `好差评数据公开 · ${figures.period.label}`, nonce, css: STATISTICS_CSS, body });
}

function messagePage(title: string, message: string, nonce: string): string {
  const body = `<main><header><h1>政务服务“好差评”数据公开</h1></header><section class="card"><h2>${escapeHtml(
    title,
  )}</h2><p>${escapeHtml(message)}</p><p><a href="/statistics">查看本月数据</a></p></section></main>`;
  return page({ title, nonce, css: STATISTICS_CSS, body });
}

export function statisticsPageRoutes({
  figures,
  clock,
}: {
  figures: FiguresOfMonth;
  clock: () => Date;
}): Router {
  const router = Router();
  router.get('/statistics', async (request, response) => {
    const now = clock();
    try {
      // The API's reading of the query: an empty month is the current one, two months are no month.
      const { month } = monthQuery(request.query);
      const shown = await figures(monthPeriod(month, now), now);
      sendPage(response, 200, (nonce) => renderStatisticsPage(shown, nonce), PUBLIC_FIGURES_CACHE);
    } catch (error: unknown) {
      if (!(error instanceof DomainError)) throw error;
      const refusal = ERROR_CATALOGUE[error.id];
      sendPage(response, refusal.status, (nonce) => messagePage('无法显示该月份', refusal.message, nonce));
    }
  });
  return router;
}
