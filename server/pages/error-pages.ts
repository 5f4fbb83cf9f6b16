// What a person's browser gets when no page answers or a page fails: a Chinese page under the pages' CSP,
// never express's English "Cannot GET" or the API's JSON. Addresses under /api keep their JSON answers.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { ERROR_CATALOGUE, requestRefusalOf } from '../errors.ts';
import { escapeHtml, page, sendPage } from './html.ts';
import { RATING_PAGE_CSS } from './rating-page.css.ts';

const TITLE = '政务服务“好差评”';
const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

function sendMessagePage(response: Response, status: number, heading: string, message: string): void {
  const body = `<main><header><h1>${TITLE}</h1></header><section class="card" role="alert"><h2>${escapeHtml(
    heading,
  )}</h2><p>${escapeHtml(message)}</p><p><a href="/statistics">查看好差评数据公开</a></p></section></main>`;
  sendPage(response, status, (nonce) =>
    page({ title: `${TITLE} · ${heading}`, nonce, css: RATING_PAGE_CSS, body }),
  );
}

/** Any address no page or API route took, outside /api: 404 in Chinese. */
export function pageNotFound(): RequestHandler {
  return (request, response, next) => {
    if (isApi(request.path)) return next();
    sendMessagePage(
      response,
      404,
      '页面不存在',
      '您访问的地址不存在，可能是链接不完整：请重新扫描二维码或打开短信中的完整链接。',
    );
  };
}

/** A page that failed: its refusal, or 500, in Chinese; the API's errors go on to its JSON handler. */
export function pageErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (isApi(request.path) || response.headersSent) return next(error);
    const refused = error instanceof DomainError ? error.id : requestRefusalOf(error);
    if (refused !== undefined) {
      const refusal = ERROR_CATALOGUE[refused];
      sendMessagePage(response, refusal.status, '无法显示该页面', refusal.message);
      return;
    }
    log(
      `page ${request.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    sendMessagePage(response, 500, '系统暂时无法处理', '系统暂时无法处理您的请求，请稍后刷新重试。');
  };
}
