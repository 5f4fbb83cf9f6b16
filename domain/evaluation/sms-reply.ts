// Reading an SMS reply to the reminder (art. 13 短信回复): the first character is the level on the GB/T
// 39046 scale — 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 — and the rest is the text.
// Full-width digits (１–５) count as the same digits; anything else is unreadable and rates nothing (the
// reminder's link still rates). The reminder asks for the digit with text after it (SMS_REPLY_SCALE), so the
// digit is the level only when it stands alone: at the end, or followed by a space, punctuation, or a level
// word or a word of degree written straight after it ("2满意", "2很好"). A digit followed straight by any other
// character continues a number or a quantity, not a level — another digit ("10"), a measure word or an ordinal
// ("3次都没办成", "1号窗口态度很差", "5号楼", "2个小时没人理"), a letter ("2h") — and the list of such words is
// endless. Nor is a score on some other scale, where 5 would be the best, not 非常不满意 — better unread than
// read backwards: the digit followed by a fraction or decimal ("5/5", "4.5", a bare "4,5"), by 分, 星 or 颗 or a
// Latin "stars" or "points" even after a space ("5 星", "5 stars"), or by a lone number ("1 0", "5 10分"); nor a
// range or a time ("1-2小时", "3:15"), nor a quantity after a space ("5 分钟搞定"). A number that begins the text
// ("5 10分钟没人理", "4，2个小时没人理": a comma ends the digit) is text, kept as the rater wrote it.
import { DomainError } from '../errors.ts';
import { GB_T_39046_LEVEL_CODES, levelCodes } from './code-tables.ts';
import type { EvaluationLevel } from './levels.ts';

const SMS_LEVELS = levelCodes(GB_T_39046_LEVEL_CODES);

/** The scale the reminder announces and replies are read on. */
export const SMS_REPLY_SCALE =
  '回复 1 非常满意、2 满意、3 基本满意、4 不满意、5 非常不满意，可在数字后空一格附文字评价。';

/**
 * Sent back once per 办件 when a reply to its reminder cannot be read (sms.unreadable_reply): the rater would
 * otherwise believe they rated.
 */
export const SMS_REPLY_UNREADABLE =
  '【好差评】您的短信回复无法识别，本条回复未记录。请以数字 1–5 开头回复（1 非常满意、2 满意、3 基本满意、4 不满意、5 非常不满意），数字后如附文字请先空一格，例如“4 等候时间太长”；也可点击提醒短信中的链接评价。';

/** Sent back once when a 差评 reply has no text (art. 8). */
export const SMS_BAD_REVIEW_NEEDS_TEXT =
  '【好差评】您回复的是“不满意”或“非常不满意”，请在数字后说明原因，例如回复“4 等候时间太长”，以便核实整改。';

/** Sent back once when a reply cannot tell which of the phone's 办件 in their rating window it rates. */
export const SMS_REPLY_AMBIGUOUS =
  '【好差评】您有多件办件正在评价期内，短信回复无法确定您评价的是哪一件，本条回复未记录。请点击各办件提醒短信中的链接分别评价。';

/**
 * What may follow the digit of a level: nothing, a space, punctuation (not a percent sign, nor # as in "5#楼"),
 * or, written straight after it, the start of a level word (非常…, 满意, 基本满意, 不满意) or a word of degree that
 * begins a judgement and never counts anything ("2很好", "5太慢了", "3还行"). Anything else continues a number.
 */
const DIGIT_STANDS_ALONE = /^(?:$|\s|(?![%‰‱#&*@])[\p{P}~]|非常|满意|基本|不|很|挺|太|还|真)/u;

/** Punctuation that carries the number on: a range ("1-2小时", "5~10分钟"), a time ("3:15"), "1,000". */
const NUMBER_GOES_ON = /^(?:[-~–—〜:][0-9]|,[0-9]{3}(?![0-9]))/u;

/** What, right after the digit, makes the reply a score on another scale (see the top of the file). */
const OTHER_SCALE_AFTER_DIGIT =
  /^(?:\.[0-9]|,[0-9]+\s*$|\s*\/|\s*[分星颗★☆⭐](?!钟)|\s*(?:stars?|points?|pts?)\b|\s+[0-9]+\s*(?:$|[分星颗](?!钟)))/iu;

/**
 * A quantity after a space ("5 分钟搞定", "2 个小时没人理"): only words of two characters, units of time that
 * rarely begin the text of a rating; a single character after a space begins the text ("5 人员态度差", "4 多头跑部门",
 * "4 半天没人理" are levels). Straight after the digit, every measure word is refused by DIGIT_STANDS_ALONE.
 */
const QUANTITY_AFTER_SPACE = /^\s+(?:分钟|小时|钟头|星期|礼拜|个月|个小时|个钟头|个星期|个工作日|工作日)/u;

/** Whether the first digit of a reply, followed by `rest`, is a level on the reminder's scale. */
function digitIsLevel(rest: string): boolean {
  return (
    DIGIT_STANDS_ALONE.test(rest) &&
    !NUMBER_GOES_ON.test(rest) &&
    !OTHER_SCALE_AFTER_DIGIT.test(rest) &&
    !QUANTITY_AFTER_SPACE.test(rest)
  );
}

export function readSmsReply(text: string): { level: EvaluationLevel; text: string } {
  const written = text.trim();
  // Read in its compatibility form (full-width digits, ／), kept as written: the ledger stores the rater's words.
  const reply = written.normalize('NFKC');
  const first = reply.charAt(0);
  const rest = reply.slice(1);
  if (!/^[1-5]/u.test(reply) || !digitIsLevel(rest)) {
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
