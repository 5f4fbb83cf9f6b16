// The error catalogue: every error a client can get, with a stable id (for machines), an HTTP status
// and a Chinese message a person can act on.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { DomainErrorId } from '../domain/errors.ts';

type ErrorId =
  DomainErrorId | 'request.invalid' | 'request.malformed_json' | 'request.not_found' | 'internal';

export const ERROR_CATALOGUE: Record<ErrorId, { status: number; message: string }> = {
  'request.invalid': { status: 400, message: '请求参数不正确，请检查标出的字段。' },
  'request.malformed_json': { status: 400, message: '请求内容不是有效的 JSON。' },
  'request.not_found': { status: 404, message: '请求的地址不存在。' },
  'evaluation.unknown_level': {
    status: 400,
    message: '评价等级无效，应为：非常满意、满意、基本满意、不满意、非常不满意之一。',
  },
  'evaluation.bad_review_needs_content': {
    status: 400,
    message: '差评（不满意、非常不满意）须勾选评价内容或填写文字评价。',
  },
  'evaluation.unknown_service_record': { status: 400, message: '办件不存在，请核对办件编号。' },
  'evaluation.duplicate': { status: 400, message: '该办件已评价，每次服务只能评价一次。' },
  'evaluation.no_platform': { status: 400, message: '该办件未经任何政务服务平台办理，无法评价平台。' },
  'evaluation.staff_cannot_rate': { status: 403, message: '工作人员不得代替服务对象评价。' },
  'service_record.duplicate': { status: 409, message: '办件编号已存在。' },
  'service_record.unknown_item': { status: 400, message: '事项编码不存在，请核对事项清单。' },
  'service_record.unknown_department': { status: 400, message: '办理单位不存在。' },
  'service_record.unknown_institution': { status: 400, message: '办理窗口或服务机构不存在。' },
  'service_record.unknown_platform': { status: 400, message: '政务服务平台不存在。' },
  'service_record.times_out_of_order': { status: 400, message: '办件时间顺序不对：受理时间须早于办结时间。' },
  'task.not_found': { status: 409, message: '该任务不存在或已被他人办理，请刷新待办列表。' },
  'task.form_invalid': { status: 400, message: '表单填写不完整或不正确，请检查标出的字段。' },
  'case.not_found': { status: 404, message: '案件不存在。' },
  'calendar.invalid_notice': {
    status: 400,
    message: '放假通知文件未通过校验，未载入任何内容。请按 details.issues 中列出的日期和规则改正后重新载入。',
  },
  'calendar.loaded_by_required': {
    status: 400,
    message: '请注明载入人：在请求头 x-hcp-user 中填写载入人（中文姓名请先做 URL 编码）。',
  },
  internal: { status: 500, message: '系统内部错误，请稍后重试或联系管理员。' },
};

export interface ErrorBody {
  error: { id: ErrorId; message: string; details?: unknown };
}

export function errorBody(id: ErrorId, details?: unknown): { status: number; body: ErrorBody } {
  const entry = ERROR_CATALOGUE[id];
  return {
    status: entry.status,
    body: { error: { id, message: entry.message, ...(details ? { details } : {}) } },
  };
}

function zodDetails(error: ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), problem: issue.message }));
}

export function createErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    let reply: { status: number; body: ErrorBody };
    if (error instanceof DomainError) reply = errorBody(error.id, error.details);
    else if (error instanceof ZodError) reply = errorBody('request.invalid', zodDetails(error));
    else if (error instanceof SyntaxError && 'body' in error) reply = errorBody('request.malformed_json');
    else {
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      reply = errorBody('internal');
    }
    response.status(reply.status).json(reply.body);
  };
}
