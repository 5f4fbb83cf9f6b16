// The rating page a QR code opens (GET /rate): one 办件's rating form, or the question for the 办件 number
// and the 评价码 on its receipt (at a window, or a code missing or wrong), or a message (unknown 办件 or
// window, already rated). Self-contained and small, for a cheap
// phone on a slow network: inline style and script, no external asset, the tag table embedded.
import { EVALUATION_LEVELS, LEVEL_LABELS, isBadReview } from '../../domain/evaluation/levels.ts';
import { DIMENSION_LABELS, EVALUATION_DIMENSIONS } from '../../domain/evaluation/dimensions.ts';
import { tagsForLevel, type PresetTag } from '../../domain/evaluation/tags.ts';
import { escapeHtml, page } from './html.ts';
import { ERROR_CATALOGUE } from '../errors.ts';
import { RATING_PAGE_CSS } from './rating-page.css.ts';
import { RATING_PAGE_SCRIPT } from './rating-page.script.ts';
import type { RatingRecord, RatingWindow } from './rating-context.ts';
import { RATING_CODE_DIGITS } from '../../domain/evaluation/rating-code.ts';

export type RatingPageState =
  | { kind: 'form'; record: RatingRecord; ratingCode: string; tags: readonly PresetTag[] }
  | {
      kind: 'ask-number';
      window?: RatingWindow | undefined;
      /** The 办件 number already given (a QR without its code, or a wrong code): filled in. */
      serviceRecordId?: string | undefined;
      /** Why the code given was refused (wrong, too many wrong): said, and nothing about the 办件. */
      refusal?: string | undefined;
    }
  | {
      kind: 'message';
      title: string;
      message: string;
      windowId?: string | undefined;
      /** The rating whose answers the rater may read (a 差评 of this 办件, rated before). */
      answerOf?: string | undefined;
    };

const TITLE = '政务服务“好差评”';

function header(subtitle: string): string {
  return `<header><h1>${TITLE}</h1><p>${escapeHtml(subtitle)}</p></header>`;
}

function recordInfo(record: RatingRecord): string {
  const rows: [string, string][] = [
    ['办件编号', record.id],
    ['办理事项', record.itemName],
    ['办理单位', record.departmentName],
  ];
  if (record.institutionName) rows.push(['办理窗口', record.institutionName]);
  const items = rows.map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`).join('');
  return `<section class="card"><dl>${items}</dl></section>`;
}

function levelButtons(tags: readonly PresetTag[]): string {
  return EVALUATION_LEVELS.map((level) => {
    const codes = tagsForLevel(level, tags)
      .map((tag) => tag.code)
      .join(' ');
    return `<button type="button" class="level" data-level="${level}" data-bad="${isBadReview(level)}" data-tags="${escapeHtml(codes)}" aria-pressed="false">${LEVEL_LABELS[level]}</button>`;
  }).join('');
}

function tagGroups(tags: readonly PresetTag[]): string {
  return EVALUATION_DIMENSIONS.map((dimension) => {
    const chips = tags
      .filter((tag) => tag.dimension === dimension)
      .map(
        (tag) =>
          `<label class="chip" data-code="${escapeHtml(tag.code)}"><input type="checkbox" name="tag" value="${escapeHtml(tag.label)}"><span>${escapeHtml(tag.label)}</span></label>`,
      )
      .join('');
    return `<div class="dim"><h3>${DIMENSION_LABELS[dimension]}</h3><div class="chips">${chips}</div></div>`;
  }).join('');
}

function dimensionSelects(): string {
  const options = EVALUATION_LEVELS.map(
    (level) => `<option value="${level}">${LEVEL_LABELS[level]}</option>`,
  );
  return EVALUATION_DIMENSIONS.map(
    (dimension) =>
      `<label class="field">${DIMENSION_LABELS[dimension]}<select name="${dimension}"><option value="">不评价</option>${options.join('')}</select></label>`,
  ).join('');
}

/** art. 9 主题式: the theme rated overall (for every linked item) or this item on its own; the item by default. */
function scopeChoice(record: RatingRecord): string {
  if (!record.themeOverall) return '';
  const { itemNames } = record.themeOverall;
  return `<h2>评价方式</h2>
<div class="scope" role="radiogroup" aria-label="评价方式">
<label class="check"><input type="radio" name="scope" value="item" checked><span>只评价本事项（${escapeHtml(record.itemName)}）</span></label>
<label class="check"><input type="radio" name="scope" value="theme" data-items="${itemNames.length}"><span>对本次“一件事”总体评价，适用于全部 ${itemNames.length} 个关联事项：${escapeHtml(itemNames.join('、'))}</span></label>
</div>`;
}

/** art. 9 批量办理: one rating for every 办件 of the batch, said before the rater rates and after. */
function batchNote(record: RatingRecord): string {
  if (record.batchSize === null || record.batchSize < 2) return '';
  return `<p class="muted" id="batch-note" data-items="${record.batchSize}">本办件属于批量办理（同一次申请的同一事项共 ${record.batchSize} 件），一次评价适用于全部 ${record.batchSize} 件办件。</p>`;
}

function ratingForm(record: RatingRecord, ratingCode: string, tags: readonly PresetTag[]): string {
  return `${recordInfo(record)}
<form id="rating" class="card" data-sr="${escapeHtml(record.id)}" data-code="${escapeHtml(ratingCode)}" data-needs-content="${escapeHtml(ERROR_CATALOGUE['evaluation.bad_review_needs_content'].message)}" novalidate>
${batchNote(record)}${scopeChoice(record)}<h2>总体评价</h2>
<div class="levels" role="group" aria-label="总体评价">${levelButtons(tags)}</div>
<div id="tags" hidden><h2>评价内容 <small id="tags-hint"></small></h2>${tagGroups(tags)}</div>
<h2>分项评价 <small>选填</small></h2>
<div class="dims">${dimensionSelects()}</div>
<h2><label for="text">文字评价</label> <small id="text-hint">选填</small></h2>
<textarea id="text" maxlength="2000" rows="4" placeholder="请写下您的意见或建议"></textarea>
<label class="check"><input type="checkbox" id="real-name"><span>实名评价（留下联系方式，便于回访和反馈处理结果）</span></label>
<div id="contact" hidden>
<label class="field">姓名<input type="text" id="name" maxlength="64" autocomplete="name"></label>
<label class="field">手机号码<input type="tel" id="phone" maxlength="20" autocomplete="tel" inputmode="tel"></label>
</div>
<p id="error" class="error" role="alert" hidden></p>
<noscript><p class="error">本页需要启用 JavaScript 才能提交评价：请在浏览器设置中开启，或使用窗口的评价器评价。</p></noscript>
<button type="submit" class="submit" disabled>提交评价</button>
</form>
<section id="thanks" class="card done" role="status" hidden><h2>感谢您的评价！</h2><p id="thanks-text"></p><p id="answer-link" hidden><a id="answer-href" href="/rate/answer">查看处理结果</a><br><small class="muted">请收藏此链接：处理结果将在此公布，匿名评价也可查看。</small></p></section>`;
}

function askNumber(state: Extract<RatingPageState, { kind: 'ask-number' }>): string {
  const { window, serviceRecordId } = state;
  const windowInfo = window
    ? `<section class="card"><dl><dt>办理窗口</dt><dd>${escapeHtml(window.name)}</dd></dl></section>`
    : '';
  const windowField = window ? `<input type="hidden" name="window" value="${escapeHtml(window.id)}">` : '';
  const wrong = state.refusal ? `<p class="error" role="alert">${escapeHtml(state.refusal)}</p>` : '';
  return `${windowInfo}
<form class="card" method="get" action="/rate">
${windowField}<h2>请输入办件回执上的信息</h2>
<p class="muted">办件编号和 ${RATING_CODE_DIGITS} 位评价码印在办件回执上；扫描回执上的二维码可自动填写。</p>
${wrong}<label class="field" for="sr">办件编号<input type="text" id="sr" name="sr" required maxlength="64" autocomplete="off" value="${escapeHtml(serviceRecordId ?? '')}"></label>
<label class="field" for="code">评价码<input type="text" id="code" name="code" required maxlength="32" autocomplete="off" inputmode="numeric"></label>
<button type="submit" class="submit">开始评价</button>
</form>`;
}

function message(state: Extract<RatingPageState, { kind: 'message' }>): string {
  const back = state.windowId
    ? `<p><a href="/rate?window=${escapeHtml(encodeURIComponent(state.windowId))}">重新输入办件编号</a></p>`
    : '';
  const answers = state.answerOf
    ? `<p><a href="/rate/answer?id=${escapeHtml(encodeURIComponent(state.answerOf))}">查看差评的处理结果</a></p>`
    : '';
  return `<section class="card" role="alert"><h2>${escapeHtml(state.title)}</h2><p>${escapeHtml(state.message)}</p>${answers}${back}</section>`;
}

export function renderRatingPage(state: RatingPageState, nonce: string): string {
  const footer =
    '<footer>评价自愿，任何人不得强迫、干扰或代替您评价（《西安市政务服务“好差评”管理办法》）。</footer>';
  if (state.kind === 'form') {
    return page({
      title: `${TITLE} · 评价`,
      nonce,
      css: RATING_PAGE_CSS,
      body: `<main>${header('请对本次服务作出评价')}${ratingForm(state.record, state.ratingCode, state.tags)}${footer}</main>`,
      script: RATING_PAGE_SCRIPT,
    });
  }
  const body = state.kind === 'ask-number' ? askNumber(state) : message(state);
  return page({
    title: TITLE,
    nonce,
    css: RATING_PAGE_CSS,
    body: `<main>${header('扫码评价')}${body}${footer}</main>`,
  });
}
