// GET /rate: the page a QR code opens. ?sr=<办件 id>&code=<评价码> (the receipt's QR, or both typed at a
// window) shows the rating form; ?window=<institution id> alone asks for the number and the code. A 办件
// without its code, or with a wrong one, gets the question again (403 for a wrong one, 429 after too many)
// and not a word about the 办件 (art. 11: its number is easy to guess, the code is not). With the code, an
// unknown 办件 or window, a 办件 already rated, or one that cannot be rated now (art. 10: not yet, or its
// window is over) gets a Chinese message and no form, so nothing can be stored for it.
// GET /rate/answer?id=<rating id>: the answers to the rater's 差评 (answer-page.ts).
import { Router, type Request } from 'express';
import { checkRatingCode, type RatingCodeCheckDeps } from '../api/evaluations/rating-code-check.ts';
import { normalizeRatingCode, typedServiceRecordId } from '../../domain/evaluation/rating-code.ts';
import { ERROR_CATALOGUE } from '../errors.ts';
import { sendPage } from './html.ts';
import { findRatingRecord, findRatingWindow } from './rating-context.ts';
import { renderRatingPage, type RatingPageState } from './rating-page.ts';
import { renderAnswerPage, type AnswerPageState } from './answer-page.ts';
import { findRaterAnswers } from '../api/evaluations/answer-routes.ts';
import { presetTagsInForce } from '../../infra/stores/preset-tag-store.ts';
import type { Db } from '../../infra/db.ts';
import type { WorkingCalendar } from '../../domain/calendar/types.ts';
import { DomainError } from '../../domain/errors.ts';
import { isStorableText } from '../../domain/text.ts';
import { checkRateable } from '../../domain/evaluation/invitation.ts';
import { shanghaiDateText } from '../../domain/calendar/shanghai-time.ts';
import { serviceRecordFacts } from '../../infra/stores/service-record-facts.ts';

const MAX_ID = 64;

/** A query parameter's text; none when empty, or when PostgreSQL could not keep it (a NUL from %00). */
function queryText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && isStorableText(value) ? value.trim() : undefined;
}

/**
 * Why a 办件 cannot be rated now (art. 10), in words for its rater; undefined when it can. The same rule the
 * rating API applies (checkRateable), so the page offers no form that would only be refused.
 */
async function notRateableNow(deps: RatingPageDeps, id: string): Promise<string | undefined> {
  const facts = (await serviceRecordFacts(deps.db, [id])).get(id);
  if (!facts) return undefined;
  try {
    checkRateable(await deps.calendars.current(), facts, deps.clock());
    return undefined;
  } catch (error: unknown) {
    if (!(error instanceof DomainError)) throw error;
    if (error.id === 'evaluation.window_closed') {
      const closes = facts.ratingWindowClosesAt;
      return closes
        ? `该办件的评价期已于${shanghaiDateText(closes)}结束：办结提醒后 5 个工作日内未评价的，记为“未评”，不再接受评价。`
        : '该办件已记为“未评”，不再接受评价。';
    }
    if (error.id === 'evaluation.rated_before_accepted') {
      return '该办件的受理时间晚于现在，暂不能评价，请稍后再试。';
    }
    if (error.id === 'evaluation.not_yet_rateable') {
      if (error.details.rateableFrom === undefined) {
        return '该办件尚未办结，暂不能评价：网上、移动端和自助终端办理的事项，办结后方可评价。';
      }
      const from = new Date(String(error.details.rateableFrom));
      // A date in a year whose holidays are not yet published may still move: the page says so.
      const uncertain =
        error.details.provisional === true ? '（次年节假日安排尚未公布，该日期可能调整）' : '';
      return `该办件尚未办结，暂不能评价：超出承诺时限未办结的，自${shanghaiDateText(from)}起可以评价${uncertain}。`;
    }
    throw error;
  }
}

/** The window a QR code names; none for an id no window could have. */
async function windowNamed(db: Db, windowId: string | undefined) {
  return windowId && windowId.length <= MAX_ID ? findRatingWindow(db, windowId) : undefined;
}

/** Why the code given is refused (wrong, or too many wrong ones), as the API would say it; undefined if right. */
function codeRefusal(deps: RatingPageDeps, request: Request, sr: string, code: string) {
  try {
    checkRatingCode(deps, request, sr, code);
    return undefined;
  } catch (error: unknown) {
    if (!(error instanceof DomainError)) throw error;
    return ERROR_CATALOGUE[error.id];
  }
}

async function stateFor(deps: RatingPageDeps, request: Request, given: RatingPageQuery) {
  const { db } = deps;
  const { sr, code, windowId } = given;
  const refused = sr === undefined || code === undefined ? undefined : codeRefusal(deps, request, sr, code);
  if (sr !== undefined && (code === undefined || refused)) {
    const window = await windowNamed(db, windowId);
    const typed = sr.length <= MAX_ID ? sr : undefined;
    const state = { kind: 'ask-number', window, serviceRecordId: typed, refusal: refused?.message } as const;
    return { status: refused?.status ?? 200, state } as const;
  }
  if (sr !== undefined) {
    const record = sr.length <= MAX_ID ? await findRatingRecord(db, sr, deps.clock()) : undefined;
    if (!record) {
      const notFound = ERROR_CATALOGUE['service_record.not_found'];
      return {
        status: notFound.status,
        state: { kind: 'message', title: '未找到该办件', message: notFound.message, windowId },
      } as const;
    }
    if (record.alreadyRated) {
      const message = ERROR_CATALOGUE['evaluation.duplicate'].message;
      // With the receipt's code: a 差评 whose answer link was lost (a closed tab, a dropped response) is found again.
      const answerOf = record.answeredRatingId ?? undefined;
      const state = { kind: 'message', title: '该办件已评价', message, answerOf, windowId } as const;
      return { status: 200, state } as const;
    }
    const notNow = await notRateableNow(deps, record.id);
    if (notNow) {
      const state = { kind: 'message', title: '暂不能评价', message: notNow, windowId } as const;
      return { status: 200, state } as const;
    }
    const tags = await presetTagsInForce(db);
    // The code as given (the receipt's or the SMS link's): the API tells them apart.
    const ratingCode = normalizeRatingCode(code ?? '') ?? '';
    const state = { kind: 'form', record, ratingCode, tags } as const;
    return { status: 200, state } as const;
  }
  const window = await windowNamed(db, windowId);
  if (!window) {
    const message = windowId
      ? ERROR_CATALOGUE['institution.not_found'].message
      : '请扫描窗口或办件回执上的评价二维码。';
    return { status: 404, state: { kind: 'message', title: '无法评价', message } } as const;
  }
  return { status: 200, state: { kind: 'ask-number', window } } as const;
}

/** A page for the rater: its scripts allowed by a fresh nonce only, never cached, never sniffed. */

interface RatingPageQuery {
  sr: string | undefined;
  code: string | undefined;
  windowId: string | undefined;
}

/** RatingCodeCheckDeps: the 办件's 评价码, checked before anything about the 办件 is read or shown. */
export interface RatingPageDeps extends RatingCodeCheckDeps {
  db: Db;
  /** The working calendar in force (art. 10 counts the rateable day in working days). */
  calendars: { current(): Promise<WorkingCalendar> };
  clock: () => Date;
}

export function ratingPageRoutes(deps: RatingPageDeps): Router {
  const { db } = deps;
  const router = Router();
  router.get('/rate', async (request, response) => {
    const sr = queryText(request.query.sr);
    const { status, state } = await stateFor(deps, request, {
      // As typed at a window: an IME's full-width characters too.
      sr: sr === undefined ? undefined : typedServiceRecordId(sr),
      code: queryText(request.query.code),
      windowId: queryText(request.query.window),
    });
    sendPage(response, status, (nonce) => renderRatingPage(state satisfies RatingPageState, nonce));
  });
  router.get('/rate/answer', async (request, response) => {
    const { status, state } = await answerStateFor(db, queryText(request.query.id) ?? '');
    sendPage(response, status, (nonce) => renderAnswerPage(state satisfies AnswerPageState, nonce));
  });
  return router;
}

async function answerStateFor(db: Db, id: string) {
  const answers = await findRaterAnswers(db, id);
  if (answers) return { status: 200, state: { kind: 'answers', answers } } as const;
  const notFound = ERROR_CATALOGUE['evaluation.answer_not_found'];
  return {
    status: notFound.status,
    state: { kind: 'message', title: '未找到处理结果', message: notFound.message },
  } as const;
}
