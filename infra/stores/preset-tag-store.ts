// The preset rating content in force: the shipped defaults with process owners' saved versions laid over
// them (domain/evaluation/tags.ts tagTableInForce), and the versions themselves.
import {
  PRESET_TAGS,
  tagTableInForce,
  type PresetTag,
  type PresetTagVersion,
} from '../../domain/evaluation/tags.ts';
import { DomainError } from '../../domain/errors.ts';
import { cachedReads } from '../coalesced-reads.ts';
import type { Db, Executor } from '../db.ts';

interface VersionRow {
  id: string;
  code: string;
  label: string;
  dimension: PresetTag['dimension'];
  polarity: PresetTag['polarity'];
  active: boolean;
  changed_by: string;
  changed_at: Date;
}

function toVersion(row: VersionRow): PresetTagVersion {
  return {
    code: row.code,
    label: row.label,
    dimension: row.dimension,
    polarity: row.polarity,
    active: row.active,
  };
}

export async function presetTagsInForce(db: Executor): Promise<PresetTag[]> {
  const latest = await db
    .select<VersionRow[]>('*')
    .from(db.raw('(select distinct on (code) * from preset_tag_versions order by code, id desc) as latest'));
  return tagTableInForce(PRESET_TAGS, latest.map(toVersion));
}

/**
 * Every tag a form may carry: the table in force and every label a tag had before or had when retired. A file
 * import checks its rows against these (a form printed before a tag was renamed or retired still says what
 * the rater ticked then); the rating API, whose pages show the table in force, against that table.
 */
export async function presetTagsEverOffered(db: Db): Promise<PresetTag[]> {
  const versions = await db<VersionRow>('preset_tag_versions').select('*');
  return [...PRESET_TAGS, ...versions.map(toVersion).map(({ active: _active, ...tag }) => tag)];
}

/**
 * The table in force for the rating intake, which asks for it with every rating: read again once it is older
 * than cachedReads' 5 seconds (a tag a process owner adds or retires counts for ratings within that time), by one
 * read for the callers that ask meanwhile.
 */
export function cachedPresetTags(db: Db): () => Promise<PresetTag[]> {
  return cachedReads(() => presetTagsInForce(db));
}

/** Is the code a shipped default or a tag saved before? */
export async function isKnownTag(db: Executor, code: string): Promise<boolean> {
  if (PRESET_TAGS.some((tag) => tag.code === code)) return true;
  return Boolean(await db('preset_tag_versions').where({ code }).first('id'));
}

/**
 * Appends a tag's version; `adding`: the first of a new code, refused when the code is known
 * (`evaluation_tag.duplicate`). A tag in force must not share its label with another tag in force
 * (`evaluation_tag.label_taken`): a rating stores the labels it chose, and two tags of one label would leave
 * it unsaid which was ticked, of which dimension. Checked and saved under a lock, so two editors saving at
 * once cannot both pass.
 */
export async function saveTagVersion(
  db: Db,
  version: PresetTagVersion,
  { by, at, adding = false }: { by: string; at: Date; adding?: boolean },
): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(hashtext('preset_tag_versions'))`);
    if (adding && (await isKnownTag(trx, version.code))) {
      throw new DomainError('evaluation_tag.duplicate', { code: version.code });
    }
    if (version.active) {
      const other = (await presetTagsInForce(trx)).find(
        (tag) => tag.label === version.label && tag.code !== version.code,
      );
      if (other)
        throw new DomainError('evaluation_tag.label_taken', { label: version.label, code: other.code });
    }
    await trx('preset_tag_versions').insert({ ...version, changed_by: by, changed_at: at });
  });
}

export async function tagHistory(db: Db, code: string) {
  const rows = await db('preset_tag_versions as v')
    .join('users as u', 'u.id', 'v.changed_by')
    .where('v.code', code)
    .orderBy('v.id')
    .select<(VersionRow & { changed_by_name: string })[]>('v.*', 'u.name as changed_by_name');
  return rows.map((row) => ({
    ...toVersion(row),
    changedBy: { id: row.changed_by, name: row.changed_by_name },
    changedAt: new Date(row.changed_at).toISOString(),
  }));
}
