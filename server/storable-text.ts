// Refuses a request whose JSON body or URL holds text PostgreSQL cannot keep as given (domain/text.ts):
// 400 request.invalid naming the field, before any route reads it, so nothing is stored.
import { unstorableTextPath } from '../domain/text.ts';
import { errorBody } from './errors.ts';
import type { RequestHandler } from 'express';

export const UNSTORABLE_TEXT_PROBLEM =
  '含有无法保存的字符（空字符 NUL 或不成对的 UTF-16 代理项），请删除后重新提交。';

export function refuseUnstorableText(): RequestHandler {
  return (request, response, next) => {
    // %00 anywhere in the path or query; malformed UTF-8 escapes never decode to a lone surrogate.
    const path = /%00/i.test(request.originalUrl) ? 'url' : unstorableTextPath(request.body);
    if (path === null) {
      next();
      return;
    }
    const reply = errorBody('request.invalid', [{ path, problem: UNSTORABLE_TEXT_PROBLEM }]);
    response.status(reply.status).json(reply.body);
  };
}
