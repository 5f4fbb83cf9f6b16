// What a 差评 says to the 12345 hotline (art. 16): a 营商环境类 work order whose title and description an
// operator can act on without opening our system. The rater's name and phone never go into this text:
// they travel in their own fields, and only for a real-name 差评 (art. 18, art. 24); numbers the rater typed
// into what they wrote go masked, as every screen shows them (revealed in our system, audited, to a supervisor,
// and to the 12345 operator for a real-name 差评's return visit: docs/privacy.md).
import { DateTime } from 'luxon';
import { LEVEL_LABELS } from '../evaluation/levels.ts';
import { maskPersonalDetails } from '../evaluation/masking.ts';
import type { EvaluationLevel } from '../evaluation/levels.ts';
import type { EvaluationChannel } from '../evaluation/channels.ts';
import { ratingChannelLabel, type SubjectChannel } from '../evaluation/subject-ledger.ts';

export interface HandoverFacts {
  caseId: string;
  /** Null for a 综合点评: a rating of an institution, item or platform without a 办件. */
  serviceRecordId: string | null;
  target: 'service' | 'platform';
  itemName: string | null;
  /** The institution (hall, window) a 综合点评 rates; null otherwise. */
  institutionName?: string | null;
  platformName: string | null;
  level: EvaluationLevel;
  channel: EvaluationChannel | SubjectChannel;
  tags: string[];
  text: string;
  ratedAt: Date;
  responsibleDepartmentName: string;
}

function subject(facts: HandoverFacts): string {
  if (facts.target === 'platform' && facts.platformName) return `政务服务平台“${facts.platformName}”`;
  if (facts.itemName) return `事项“${facts.itemName}”`;
  return `政务服务机构“${facts.institutionName ?? ''}”`;
}

export function workOrderTitle(facts: HandoverFacts): string {
  return `差评整改：${subject(facts)}（${LEVEL_LABELS[facts.level]}）`;
}

export function workOrderDescription(facts: HandoverFacts): string {
  const ratedAt = DateTime.fromJSDate(facts.ratedAt, { zone: 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm');
  const rule = facts.target === 'platform' ? '谁建设、谁负责' : '谁办理、谁负责';
  return [
    `评价人对${subject(facts)}（${facts.serviceRecordId ? `办件编号 ${facts.serviceRecordId}` : '综合点评，无办件'}）的评价为“${LEVEL_LABELS[facts.level]}”。`,
    `评价内容：${facts.tags.length ? facts.tags.join('、') : '（未勾选）'}`,
    `文字评价：${maskPersonalDetails(facts.text) || '（无）'}`,
    `评价渠道：${ratingChannelLabel(facts.channel)}；评价时间：${ratedAt}（北京时间）`,
    `责任单位：${facts.responsibleDepartmentName}（${rule}）`,
    `好差评系统案件编号：${facts.caseId}`,
    '请按营商环境类投诉办理，整改后对评价人回访，并将回访结果回传好差评系统。',
  ].join('\n');
}
