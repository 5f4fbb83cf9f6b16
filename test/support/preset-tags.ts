// A tag a process owner added with full-width brackets （）, as a Chinese input method writes them: imports
// read a form's cells in their compatibility form, ( ), and must still find it.
import { saveTagVersion } from '../../infra/stores/preset-tag-store.ts';
import type { Db } from '../../infra/db.ts';

export const BRACKETED_TAG_LABEL = '收取材料过多（复印件）';

/** Saves the bracketed 差评 tag as 周杰 (process owner) at `at`. */
export async function addBracketedTag(db: Db, at: Date): Promise<void> {
  await saveTagVersion(
    db,
    {
      code: 'quality.too-many-copies',
      label: BRACKETED_TAG_LABEL,
      dimension: 'quality',
      polarity: 'bad',
      active: true,
    },
    { by: 'zhou.jie', at },
  );
}
