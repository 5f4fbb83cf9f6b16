// Reading an SMS reply to the reminder (art. 13 短信回复): the first character is the level on the GB/T
// 39046 scale — 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 — and the rest is the text.
// Full-width digits (１–５) count as the same digits; anything else is unreadable and rates nothing. So is a
// digit followed by another digit ("10") or by 分, 星 or 颗 ("5分", "5星"): a score on some other scale, where 5
// would be the best, not 非常不满意 — better unread than read backwards.
import { DomainError } from '../errors.ts';
import { GB_T_39046_LEVEL_CODES, levelCodes } from './code-tables.ts';
import type { EvaluationLevel } from './levels.ts';

const SMS_LEVELS = levelCodes(GB_T_39046_LEVEL_CODES);

/** The scale the reminder announces and replies are read on. */
export const SMS_REPLY_SCALE =
  '回复 1 非常满意、2 满意、3 基本满意、4 不满意、5 非常不满意，可在数字后附文字评价。';

/** Sent back once when a 差评 reply has no text (art. 8). */
export const SMS_BAD_REVIEW_NEEDS_TEXT =
  '【好差评】您回复的是“不满意”或“非常不满意”，请在数字后说明原因，例如回复“4 等候时间太长”，以便核实整改。';

export function readSmsReply(text: string): { level: EvaluationLevel; text: string } {
  const reply = text.normalize('NFKC').trim();
  const first = reply.charAt(0);
  if (!/^[1-5](?![0-9分星颗])/u.test(reply)) throw new DomainError('sms.unreadable_reply');
  return {
    level: SMS_LEVELS.toLevel(first),
    text: reply
      .slice(1)
      .replace(/^[\s,.:;、，。：；-]+/u, '')
      .trim(),
  };
}
