// An error as the modeler shows it. The catalogue's messages (server/errors.ts) point at details
// ("原因见 details.engineMessage", "应为 details.expected"): the owner reads what those details say, in Chinese.
import { ApiFailure } from './api.ts';
import { beijingText } from './html.ts';

type Details = Record<string, unknown>;

/** A detail worth printing: a string or a number (anything else is no text for a person). */
const shown = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** A moment as Beijing reads it, whatever the browser's time zone. */
function beijingTime(value: unknown): string | undefined {
  const text = shown(value);
  if (text === undefined || Number.isNaN(new Date(text).getTime())) return text;
  return `${beijingText(text)}（北京时间）`;
}

/** `label value`, or '' when there is no value. */
const labelled = (label: string, value: string | undefined) =>
  value === undefined ? '' : `${label}${value}`;
const parts = (...items: string[]) => items.filter(Boolean).join('，');

/** Per error id: its details as a clause, or '' when the answer carries none worth showing. */
const DETAIL_TEXT: Record<string, (details: Details) => string> = {
  'model.engine_rejected': (d) => labelled('引擎的原因：', shown(d.engineMessage)),
  'model.malformed_xml': (d) =>
    shown(d.line) !== undefined && shown(d.column) !== undefined ? `第 ${d.line} 行第 ${d.column} 列` : '',
  'model.unparseable': (d) => labelled('原因：', shown(d.reason)),
  'model.draft_conflict': (d) =>
    parts(
      labelled('另存为草稿 #', shown(d.savedAsDraftId)),
      labelled('修改者：', shown(d.updatedByName) ?? shown(d.updatedBy)),
    ),
  'model.draft_stale': (d) =>
    parts(labelled('修改者：', shown(d.updatedByName)), labelled('修改于 ', beijingTime(d.updatedAt))),
  'model.key_mismatch': (d) =>
    parts(labelled('应为：', shown(d.expected)), labelled('现为：', shown(d.found))),
  'model.check_failed': (d) =>
    Array.isArray(d.problems) ? `${d.problems.length} 个错误，见右侧问题列表` : '',
  'auth.invalid_credentials': (d) =>
    shown(d.attemptsLeft) === undefined ? '' : `再错 ${d.attemptsLeft} 次账号将临时锁定`,
  'auth.locked': (d) => labelled('锁定至 ', beijingTime(d.lockedUntil)),
};

/** request.invalid: the fields zod refused, as `{ path, problem }` (server/errors.ts zodDetails). */
function fieldProblems(details: unknown): string {
  if (!Array.isArray(details)) return '';
  return details
    .map((item: { path?: unknown; problem?: unknown }) => {
      const path = shown(item?.path);
      const problem = shown(item?.problem) ?? '';
      return path ? `${path}：${problem}` : problem;
    })
    .filter(Boolean)
    .join('；');
}

/** What the owner reads of a failure: the server's message with its details appended, or the error's text. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiFailure)) return error instanceof Error ? error.message : String(error);
  const { id, message, details } = error.error;
  const explain: ((details: Details) => string) | undefined = DETAIL_TEXT[id];
  let extra = '';
  if (id === 'request.invalid') extra = fieldProblems(details);
  else if (explain && details && typeof details === 'object') extra = explain(details);
  return extra ? `${message}（${extra}）` : message;
}
