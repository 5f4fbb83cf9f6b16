// Codes other systems use for our levels and channels, mapped explicitly at every import and export
// (domain.md): one internal meaning, many outside codes. GB/T 39046-2020 A.8 codes satisfaction
// 1 = 非常满意 … 5 = 非常不满意; provincial interfaces in use code it the other way round. Channel codes
// differ by province: each provincial interface's table is reviewed data (code-tables/<id>.json), built here
// by codeTable and chosen per partner system. A code meaning 系统默认评价 exists in some provinces and is
// refused here: Xi'an never defaults a rating (art. 10, 11).
import { DomainError } from '../errors.ts';
import { EVALUATION_LEVELS, isEvaluationLevel, type EvaluationLevel } from './levels.ts';
import { EVALUATION_CHANNELS, type EvaluationChannel } from './channels.ts';

export type LevelCodeTable = Readonly<Record<string, EvaluationLevel>>;

/** GB/T 39046-2020 A.8 满意度代码. */
export const GB_T_39046_LEVEL_CODES: LevelCodeTable = {
  '1': 'very-satisfied',
  '2': 'satisfied',
  '3': 'basically-satisfied',
  '4': 'dissatisfied',
  '5': 'very-dissatisfied',
};

/** A channel code is one of our channels, or a code that must be refused (a system default). */
export type ChannelCodeMeaning = EvaluationChannel | 'system-default';
export type ChannelCodeTable = Readonly<Record<string, ChannelCodeMeaning>>;

/** A code as a number reads it: "01", "1" and 1 are one code; letters stay as written. */
function numericKey(code: string): string {
  return /^\d+$/.test(code) ? String(Number(code)) : code;
}

/**
 * A table's lookup by code: the code as written, else (digits only) by its number, so that a partner sending
 * 1 or "1" finds a table's "01". Unambiguous: a table may not hold two codes that are one number
 * (collidingCodes, checked when it is loaded).
 */
function codeLookup<T>(table: Readonly<Record<string, T>>): (code: string | number) => T | undefined {
  const byNumber = new Map(Object.entries(table).map(([code, meaning]) => [numericKey(code), meaning]));
  return (code) => {
    const key = String(code).trim();
    return Object.hasOwn(table, key) ? table[key] : byNumber.get(numericKey(key));
  };
}

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
  const lookup = codeLookup(table);
  return {
    toLevel(code) {
      const level = lookup(code);
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
  const lookup = codeLookup(table);
  return {
    toChannel(code) {
      const meaning = lookup(code);
      if (!meaning) {
        throw new DomainError('code_table.unknown_channel_code', { code, known: Object.keys(table) });
      }
      if (meaning === 'system-default') throw new DomainError('code_table.default_rating_refused', { code });
      return meaning;
    },
    toCode: (channel) => back.get(channel),
  };
}

/** One provincial interface's codes: its satisfaction scale and its channels. */
export interface CodeTable {
  id: string;
  /** For people: which interface, in Chinese. */
  name: string;
  levels: LevelCodes;
  channels: ChannelCodes;
}

// What the partner API takes (server/api/channels/schema.ts: up to 4 characters, or a number).
const CODE_PATTERN = /^[0-9A-Za-z]{1,4}$/;

/** Codes a partner may send as a number must not collide once read as one ("1" and "01"). */
function collidingCodes(codes: string[]): string[] {
  const seen = new Map<string, string>();
  const colliding: string[] = [];
  for (const code of codes) {
    const key = numericKey(code);
    const earlier = seen.get(key);
    if (earlier !== undefined) colliding.push(`"${earlier}" and "${code}"`);
    else seen.set(key, code);
  }
  return colliding;
}

function codeEntries(value: unknown, what: string, problems: string[]): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${what}: must be an object of code → meaning`);
    return [];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [code, meaning] of entries) {
    if (!CODE_PATTERN.test(code)) problems.push(`${what}: code "${code}" is not 1–4 letters or digits`);
    if (typeof meaning !== 'string') problems.push(`${what}: code "${code}" must map to a string`);
  }
  for (const pair of collidingCodes(entries.map(([code]) => code))) {
    problems.push(`${what}: codes ${pair} are one number`);
  }
  return entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
}

/**
 * A code table from its file's content (code-tables/<id>.json): `name`, `levels` (code → one of the five
 * levels, each level exactly once) and `channels` (code → one of our channels or "system-default", each at
 * most once). Throws one Error listing every problem; a bad table is a configuration error.
 */
export function codeTable(id: string, data: unknown): CodeTable {
  const problems: string[] = [];
  const file = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const extra = Object.keys(file).filter((key) => !['name', 'source', 'levels', 'channels'].includes(key));
  if (extra.length > 0) problems.push(`unknown field(s): ${extra.join(', ')}`);
  if (typeof file.name !== 'string' || file.name.trim() === '')
    problems.push('name: a non-empty string is needed');
  const levels = codeEntries(file.levels, 'levels', problems);
  for (const [code, level] of levels) {
    if (!isEvaluationLevel(level)) problems.push(`levels: code "${code}" maps to unknown level "${level}"`);
  }
  const channels = codeEntries(file.channels, 'channels', problems);
  if (channels.length === 0 && typeof file.channels === 'object') problems.push('channels: none given');
  const meanings: readonly string[] = [...EVALUATION_CHANNELS, 'system-default'];
  for (const [code, channel] of channels) {
    if (!meanings.includes(channel))
      problems.push(`channels: code "${code}" maps to unknown channel "${channel}"`);
  }
  let built: Pick<CodeTable, 'levels' | 'channels'> | undefined;
  if (problems.length === 0) {
    try {
      built = {
        levels: levelCodes(Object.fromEntries(levels) as LevelCodeTable),
        channels: channelCodes(Object.fromEntries(channels) as ChannelCodeTable),
      };
    } catch (error: unknown) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (!built) throw new Error(`code table ${id}: ${problems.join('; ')}`);
  return { id, name: (file.name as string).trim(), ...built };
}
