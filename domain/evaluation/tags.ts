// The preset rating content (预置评价内容, art. 8) as a code table: each tag has a stable code, the Chinese
// label a rater sees, the dimension it belongs to (art. 7) and whether it praises or criticises.
//
// A rating stores the labels the rater ticked (the ledger keeps what the rater saw; 12345 work orders and
// case views show them as they are); the codes are for clients and statistics. These are the shipped
// defaults; process owners edit the table in force (labels, new tags, retiring a tag) as versions in the
// database (infra/stores/preset-tag-store.ts), laid over these by code.
import { DomainError } from '../errors.ts';
import { isBadReview } from './levels.ts';
import type { EvaluationDimension } from './dimensions.ts';
import type { EvaluationLevel } from './levels.ts';

export interface PresetTag {
  code: string;
  label: string;
  dimension: EvaluationDimension;
  polarity: 'good' | 'bad';
}

const bad = (code: string, dimension: EvaluationDimension, label: string): PresetTag => ({
  code,
  label,
  dimension,
  polarity: 'bad',
});
const good = (code: string, dimension: EvaluationDimension, label: string): PresetTag => ({
  code,
  label,
  dimension,
  polarity: 'good',
});

// In the order of the dimensions (art. 7), as pages group them.
export const PRESET_TAGS: readonly PresetTag[] = [
  // 差评 content by dimension (domain notes: common preset content of other cities' measures).
  bad('attitude.not-told-at-once', 'attitude', '不一次性告知'),
  bad('attitude.buck-passing', 'attitude', '推诿扯皮'),
  bad('attitude.harsh', 'attitude', '态度生硬'),
  bad('quality.several-departments', 'quality', '多头跑部门'),
  bad('quality.redundant-materials', 'quality', '材料繁琐/重复提交'),
  bad('quality.too-many-steps', 'quality', '环节繁多'),
  bad('quality.guide-unclear', 'quality', '指南看不懂/有错误'),
  bad('quality.materials-beyond-guide', 'quality', '收取指南外材料'),
  bad('quality.process-differs-from-guide', 'quality', '流程与指南不符'),
  bad('efficiency.over-promised-time', 'efficiency', '未在承诺时限办结'),
  bad('efficiency.unskilled', 'efficiency', '业务不熟练'),
  bad('efficiency.slow-reply', 'efficiency', '咨询回复不及时'),
  bad('efficiency.system-unstable', 'efficiency', '系统不稳定'),
  bad('efficiency.window-unstaffed', 'efficiency', '窗口空岗'),
  bad('environment.poor-guidance', 'environment', '导询不到位'),
  bad('environment.unclear-signs', 'environment', '标识不清'),
  bad('environment.inconvenient-facilities', 'environment', '设施不便民'),
  // Praise for the good levels.
  good('attitude.warm', 'attitude', '热情周到'),
  good('quality.done-in-one-visit', 'quality', '一次办好'),
  good('efficiency.fast', 'efficiency', '高效便捷'),
  good('environment.tidy', 'environment', '环境整洁'),
];

/**
 * The tags offered for a level: praise for 非常满意 and 满意; the 差评 content for 不满意 and 非常不满意 (where
 * art. 8 requires ticked content or text) and for 基本满意, where it says what could be better.
 */
export function tagsForLevel(level: EvaluationLevel, table: readonly PresetTag[] = PRESET_TAGS): PresetTag[] {
  const polarity = isBadReview(level) || level === 'basically-satisfied' ? 'bad' : 'good';
  return table.filter((tag) => tag.polarity === polarity);
}

/**
 * art. 8: ticked content is preset content — a label the table in force offers for the rating's level
 * (tagsForLevel). A label not in the table, retired, or of the other polarity (praise on a 差评) is refused
 * with evaluation.unknown_tag, naming the labels that are offered.
 */
export function checkTags(
  level: EvaluationLevel,
  tags: readonly string[],
  table: readonly PresetTag[],
): void {
  if (tags.length === 0) return;
  const offered = offeredForLevel(table, level).labels;
  const unknown = tags.find((tag) => !offered.has(tag));
  if (unknown !== undefined) {
    throw new DomainError('evaluation.unknown_tag', { tag: unknown, offered: [...offered] });
  }
}

/**
 * The tags of an imported form (paper forms, 综合点评) as the table defines them. A form's cell is read in its
 * compatibility form (domain/imports/cells.ts: full-width （） as ASCII ( )), so a tag that is no label as
 * written is matched in that form against the labels offered for the level, and stored as the label is defined:
 * "收取材料过多（复印件）" whether the form has （） or ( ). A tag that matches none is kept as written, for
 * checkTags to refuse with evaluation.unknown_tag.
 */
export function tagsAsOffered(
  level: EvaluationLevel,
  tags: readonly string[],
  table: readonly PresetTag[],
): readonly string[] {
  if (tags.length === 0) return tags;
  const { labels, byForm } = offeredForLevel(table, level);
  // Almost every form names its tags as defined: the same array back, nothing copied (bulk imports).
  if (tags.every((tag) => labels.has(tag))) return tags;
  return tags.map((tag) => (labels.has(tag) ? tag : (byForm.get(tag.normalize('NFKC')) ?? tag)));
}

/** An imported rating with its tags as the table defines them (tagsAsOffered); itself when they already are. */
export function withTagsAsOffered<T extends { level: EvaluationLevel; tags: string[] }>(
  input: T,
  table: readonly PresetTag[],
): T {
  const tags = tagsAsOffered(input.level, input.tags, table);
  return tags === input.tags ? input : { ...input, tags: [...tags] };
}

/**
 * What separates the contents ticked on an imported form when one cell lists several (domain/imports/cells.ts
 * tagCells): 、，,；; and line breaks. A label with one of them could never be named on a form.
 */
export const TAG_SEPARATOR = /[、，,；;\n]/u;

/**
 * A label process owners give a tag must be one a form can name: none of the TAG_SEPARATOR characters, as
 * written or in the compatibility form a form's cell is read in (﹐ is a comma there).
 */
export function checkTagLabel(label: string): void {
  const separator = TAG_SEPARATOR.exec(label) ?? TAG_SEPARATOR.exec(label.normalize('NFKC'));
  if (separator) {
    throw new DomainError('evaluation_tag.label_has_separator', { label, separator: separator[0] });
  }
}

interface OfferedLabels {
  labels: Set<string>;
  /** Each label by its compatibility form; of two labels with the same form, the first in the table. */
  byForm: Map<string, string>;
}

// A file import checks every row against one table: its labels by level, worked out once per table.
const labelsOfTable = new WeakMap<readonly PresetTag[], Map<EvaluationLevel, OfferedLabels>>();

function offeredForLevel(table: readonly PresetTag[], level: EvaluationLevel): OfferedLabels {
  let byLevel = labelsOfTable.get(table);
  if (!byLevel) labelsOfTable.set(table, (byLevel = new Map()));
  let offered = byLevel.get(level);
  if (!offered) {
    const labels = tagsForLevel(level, table).map((tag) => tag.label);
    const byForm = new Map<string, string>();
    for (const label of labels) {
      const form = label.normalize('NFKC');
      if (!byForm.has(form)) byForm.set(form, label);
    }
    byLevel.set(level, (offered = { labels: new Set(labels), byForm }));
  }
  return offered;
}

/** A version of a tag as a process owner saved it; `active: false` retires the tag (never offered again). */
export interface PresetTagVersion extends PresetTag {
  active: boolean;
}

/** The table in force: the defaults, each replaced by its latest saved version, then the tags added. */
export function tagTableInForce(
  defaults: readonly PresetTag[],
  latestVersions: readonly PresetTagVersion[],
): PresetTag[] {
  const latest = new Map(latestVersions.map((version) => [version.code, version]));
  const known = new Set(defaults.map((tag) => tag.code));
  const table = defaults.map((tag) => latest.get(tag.code) ?? { ...tag, active: true });
  for (const version of latestVersions) if (!known.has(version.code)) table.push(version);
  return table
    .filter((tag) => tag.active)
    .map(({ code, label, dimension, polarity }) => ({ code, label, dimension, polarity }));
}
