// Reading an SMS reply to the reminder (art. 13 短信回复): the first character is the level on the GB/T
// 39046 scale — 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 — and the rest is the text.
// Full-width digits (１–５) count as the same digits; anything else is unreadable and rates nothing. So is a
// score on some other scale, where 5 would be the best, not 非常不满意 — better unread than read backwards: the
// digit followed by another ("10"), by a fraction or decimal ("5/5", "4.5", a bare "4,5"), by 分, 星 or 颗 or a Latin
// "stars" or "points" ("5分", "5 星", "5 stars"), or by a lone number ("1 0", "5 10分"). Nor is a quantity: the
// digit followed by a measure word ("5分钟就办好了", "2个小时没人理"). A number that begins the text
// ("5 10分钟没人理", "4，2个小时没人理": a comma ends the digit) is text, kept as the rater wrote it.
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

/** Sent back once when a reply cannot tell which of the phone's 办件 in their rating window it rates. */
export const SMS_REPLY_AMBIGUOUS =
  '【好差评】您有多件办件正在评价期内，短信回复无法确定您评价的是哪一件，本条回复未记录。请点击各办件提醒短信中的链接分别评价。';

/** What, right after the first digit, makes the reply a score on another scale (see the top of the file). */
const OTHER_SCALE_AFTER_DIGIT =
  /^(?:[0-9]|\.[0-9]|,[0-9]+\s*$|\s*\/|\s*[分星颗](?!钟)|\s*(?:stars?|points?|pts?)\b|\s+[0-9]+\s*(?:$|[分星颗](?!钟)))/iu;

/**
 * A quantity, not a level: the digit followed by a unit of time or count ("5分钟就办好了", "1小时才办完",
 * "2个小时没人理", "3天了还没办好"). Read as a level, praise would open a case against the unit and a complaint
 * count as 非常满意. Words of two characters may follow a space; a single character must touch the digit, and
 * only those that rarely begin the text of a rating ("5 人员态度差", "4 多头跑部门", "4 半天没人理" are levels).
 */
const QUANTITY_AFTER_DIGIT =
  /^(?:\s*(?:分钟|小时|钟头|星期|礼拜|个月|个小时|个钟头|个星期|个工作日|工作日)|[天日周月年秒遍趟元块岁])/u;

export function readSmsReply(text: string): { level: EvaluationLevel; text: string } {
  const written = text.trim();
  // Read in its compatibility form (full-width digits, ／), kept as written: the ledger stores the rater's words.
  const reply = written.normalize('NFKC');
  const first = reply.charAt(0);
  const rest = reply.slice(1);
  if (!/^[1-5]/u.test(reply) || OTHER_SCALE_AFTER_DIGIT.test(rest) || QUANTITY_AFTER_DIGIT.test(rest)) {
    throw new DomainError('sms.unreadable_reply');
  }
  // The digit as written may take two code units (a mathematical digit such as 𝟓): cut after all of it.
  const digitLength = String.fromCodePoint(written.codePointAt(0)!).length;
  return {
    level: SMS_LEVELS.toLevel(first),
    text: written
      .slice(digitLength)
      .replace(/^[\s,.:;、，。：；-]+/u, '')
      .trim(),
  };
}
