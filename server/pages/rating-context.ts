// What the rating page shows about a 办件 or a window, read from the database.
import { membersOf } from '../../infra/stores/rating-occasion.ts';
import type { Db } from '../../infra/db.ts';

export interface RatingRecord {
  id: string;
  itemName: string;
  departmentName: string;
  institutionName: string | null;
  /** A rating of the 办件's service already counts for it: its own, its batch's or its theme's (art. 9). */
  alreadyRated: boolean;
  /** That rating's id when it was a 差评 that opened a case: the key to the answers page (art. 17). */
  answeredRatingId: string | null;
  /**
   * The 办件 belongs to a theme (主题式业务) that may still be rated overall (art. 9): neither rated overall nor
   * any of its 办件 rated on its own. The rater chooses between the overall rating and this item's.
   */
  themeOverall: ThemeOverall | null;
  /**
   * The 办件 of its batch (批量办理, art. 9: one rating applies to every one) when it belongs to one, not yet
   * rated: this one's included, those recorded 未评 left out (a batch rating passes them by); else null.
   */
  batchSize: number | null;
}

export interface ThemeOverall {
  /** The items of the theme's 办件, this one's included, in the order they were accepted. */
  itemNames: string[];
}

export interface RatingWindow {
  id: string;
  name: string;
}

export async function findRatingRecord(db: Db, id: string, now: Date): Promise<RatingRecord | undefined> {
  const row = await db('service_records as sr')
    .join('service_items as si', 'si.code', 'sr.item_code')
    .join('departments as d', 'd.id', 'sr.handling_department_id')
    .leftJoin('institutions as i', 'i.id', 'sr.institution_id')
    .where('sr.id', id)
    .first<
      | {
          id: string;
          item_name: string;
          department_name: string;
          institution_name: string | null;
          theme_id: string | null;
          batch_id: string | null;
        }
      | undefined
    >(
      'sr.id',
      'si.name as item_name',
      'd.name as department_name',
      'i.name as institution_name',
      'sr.theme_id',
      'sr.batch_id',
    );
  if (!row) return undefined;
  const rated = await db('service_record_ratings as r')
    .leftJoin('cases as c', 'c.evaluation_id', 'r.evaluation_id')
    .where({ 'r.service_record_id': id, 'r.target': 'service' })
    // The answers link only for this 办件's own rating: a theme's or batch's may be another unit's case.
    .orderByRaw("c.id is null or r.applies_as <> 'own'")
    .first<{ evaluation_id: string; case_id: string | null; applies_as: string } | undefined>(
      'r.evaluation_id',
      'c.id as case_id',
      'r.applies_as',
    );
  return {
    id: row.id,
    itemName: row.item_name,
    departmentName: row.department_name,
    institutionName: row.institution_name,
    alreadyRated: rated !== undefined,
    answeredRatingId: rated?.case_id && rated.applies_as === 'own' ? rated.evaluation_id : null,
    themeOverall: rated || !row.theme_id ? null : await themeOverallOpen(db, row.theme_id),
    // What the intake applies a batch's rating to (infra/stores/rating-occasion.ts).
    batchSize: rated || !row.batch_id ? null : (await membersOf(db, 'batch_id', row.batch_id, now)).length,
  };
}

/**
 * The theme's items when an overall rating of its service may still be given, else null (art. 9: never both).
 * Any rating of a member's service closes it: one given per item, or the overall one, which counts for every
 * member (service_record_ratings).
 */
async function themeOverallOpen(db: Db, themeId: string): Promise<ThemeOverall | null> {
  const rated = await db('service_record_ratings as r')
    .join('service_records as sr', 'sr.id', 'r.service_record_id')
    .where({ 'sr.theme_id': themeId, 'r.target': 'service' })
    .first('r.evaluation_id');
  if (rated) return null;
  const items = await db('service_records as sr')
    .join('service_items as si', 'si.code', 'sr.item_code')
    .where('sr.theme_id', themeId)
    .orderBy([{ column: 'sr.accepted_at' }, { column: 'sr.id' }])
    .select<{ name: string }[]>('si.name');
  return { itemNames: items.map((item) => item.name) };
}

export async function findRatingWindow(db: Db, id: string): Promise<RatingWindow | undefined> {
  return db('institutions').where({ id }).first<RatingWindow | undefined>('id', 'name');
}
