// Refuses a request whose JSON body or URL holds text PostgreSQL cannot keep as given (domain/text.ts):
// 400 request.invalid naming the field, before any route reads it, so nothing is stored.
import { unstorableTextPath } from '../domain/text.ts';
import { errorBody } from './errors.ts';
import type { RequestHandler } from 'express';

const PROBLEM = '含有无法保存的字符（空字符 NUL 或不成对的 UTF-16 代理项），请删除后重新提交。';

/** The 400 for a parsed body (or a URL: `inUrl`) holding unstorable text; undefined when there is none. */
export function unstorableTextRefusal(body: unknown, inUrl = false) {
  const path = inUrl ? 'url' : unstorableTextPath(body);
  return path === null ? undefined : errorBody('request.invalid', [{ path, problem: PROBLEM }]);
}

export function refuseUnstorableText(): RequestHandler {
  return (request, response, next) => {
    // %00 anywhere in the path or query; malformed UTF-8 escapes never decode to a lone surrogate.
    const refusal = unstorableTextRefusal(request.body, /%00/i.test(request.originalUrl));
    if (!refusal) {
      next();
      return;
    }
    response.status(refusal.status).json(refusal.body);
  };
}
