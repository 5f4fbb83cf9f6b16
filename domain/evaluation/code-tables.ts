// Codes other systems use for our levels and channels, mapped explicitly at every import and export
// (domain.md): one internal meaning, many outside codes. GB/T 39046-2020 A.8 codes satisfaction
// 1 = 非常满意 … 5 = 非常不满意; provincial interfaces in use code it the other way round. Channel codes
// differ by province; the default below is one table in use. A code meaning 系统默认评价 exists in some
// provinces and is refused here: Xi'an never defaults a rating (art. 10, 11).
import { DomainError } from '../errors.ts';
import { EVALUATION_LEVELS, type EvaluationLevel } from './levels.ts';
import type { EvaluationChannel } from './channels.ts';

export type LevelCodeTable = Readonly<Record<string, EvaluationLevel>>;

/** GB/T 39046-2020 A.8 满意度代码. */
export const GB_T_39046_LEVEL_CODES: LevelCodeTable = {
  '1': 'very-satisfied',
  '2': 'satisfied',
  '3': 'basically-satisfied',
  '4': 'dissatisfied',
  '5': 'very-dissatisfied',
};

/** The provincial interface's satisfaction codes in use (default; configurable per partner). */
export const PROVINCIAL_LEVEL_CODES: LevelCodeTable = {
  '1': 'very-dissatisfied',
  '2': 'dissatisfied',
  '3': 'basically-satisfied',
  '4': 'satisfied',
  '5': 'very-satisfied',
};

/** A channel code is one of our channels, or a code that must be refused (a system default). */
export type ChannelCodeMeaning = EvaluationChannel | 'system-default';
export type ChannelCodeTable = Readonly<Record<string, ChannelCodeMeaning>>;

/** The provincial channel codes (domain.md); 7 系统默认评价 is known only to be refused. */
export const PROVINCIAL_CHANNEL_CODES: ChannelCodeTable = {
  '1': 'online-hall', // PC
  '2': 'mobile', // 移动端
  '3': 'qr-code', // 二维码
  '4': 'window-device', // 大厅平板
  '5': 'self-service-terminal', // 大厅其他终端
  '6': 'sms', // 短信
  '7': 'system-default', // 系统默认评价
};

export interface LevelCodes {
  toLevel(code: string | number): EvaluationLevel;
  toCode(level: EvaluationLevel): string;
}

/**
 * A level code table, checked when it is built: each of the five levels has exactly one code, so every
 * level maps and maps back. A table that misses or repeats a level is a configuration error.
 */
export function levelCodes(table: LevelCodeTable): LevelCodes {
  const back = new Map<EvaluationLevel, string>();
  for (const [code, level] of Object.entries(table)) {
    if (back.has(level)) throw new Error(`level code table: ${level} has two codes`);
    back.set(level, code);
  }
  const missing = EVALUATION_LEVELS.filter((level) => !back.has(level));
  if (missing.length > 0) throw new Error(`level code table: no code for ${missing.join(', ')}`);
  return {
    toLevel(code) {
      const key = String(code).trim();
      const level = Object.hasOwn(table, key) ? table[key] : undefined;
      if (!level) {
        throw new DomainError('code_table.unknown_level_code', { code, known: Object.keys(table) });
      }
      return level;
    },
    toCode: (level) => back.get(level)!,
  };
}

export interface ChannelCodes {
  toChannel(code: string | number): EvaluationChannel;
  /** The code of one of our channels, or undefined when the table has none for it. */
  toCode(channel: EvaluationChannel): string | undefined;
}

/** A channel code table; a channel may appear once at most, so mapping back is unambiguous. */
export function channelCodes(table: ChannelCodeTable): ChannelCodes {
  const back = new Map<ChannelCodeMeaning, string>();
  for (const [code, meaning] of Object.entries(table)) {
    if (back.has(meaning)) throw new Error(`channel code table: ${meaning} has two codes`);
    back.set(meaning, code);
  }
  return {
    toChannel(code) {
      const key = String(code).trim();
      const meaning = Object.hasOwn(table, key) ? table[key] : undefined;
      if (!meaning) {
        throw new DomainError('code_table.unknown_channel_code', { code, known: Object.keys(table) });
      }
      if (meaning === 'system-default') throw new DomainError('code_table.default_rating_refused', { code });
      return meaning;
    },
    toCode: (channel) => back.get(channel),
  };
}
