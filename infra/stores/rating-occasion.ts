// art. 9 inside the rating's transaction (under the ledger lock, so two ratings of one batch or theme
// cannot both pass): a batch is rated once for all its 办件; a theme is rated overall or per 办件, never
// both. Also: which 办件 a rating applies to, so each of their invitations (art. 10) stops waiting.
import { DomainError } from '../../domain/errors.ts';
import { ANY_OF_TEXT_LIST, textArrayLiteral } from './text-array.ts';
import type { Knex } from 'knex';
import type { Executor } from '../db.ts';
import type { NewEvaluation } from '../../domain/evaluation/intake.ts';

interface Grouping {
  batch_id: string | null;
  theme_id: string | null;
}

function ratingsOfGroup(db: Executor, column: 'batch_id' | 'theme_id', groupId: string) {
  return db('evaluations as e')
    .join('service_records as sr', 'sr.id', 'e.service_record_id')
    .where(`sr.${column}`, groupId);
}

/**
 * Whether a rating of the service was stored through any 办件 of the theme: one of an item on its own, or the
 * overall one. Either way no overall rating may follow (art. 9: overall or per item, never both).
 */
export async function themeServiceRated(db: Executor, themeId: string): Promise<boolean> {
  return Boolean(await ratingsOfGroup(db, 'theme_id', themeId).where('e.target', 'service').first('e.id'));
}

/** Refuses a rating that art. 9 does not allow; returns the 办件 ids the rating applies to. */
export async function checkOccasion(trx: Knex.Transaction, evaluation: NewEvaluation): Promise<string[]> {
  const group = await trx('service_records')
    .where({ id: evaluation.serviceRecordId })
    .first<Grouping>('batch_id', 'theme_id');
  if (group?.batch_id) {
    const rated = await ratingsOfGroup(trx, 'batch_id', group.batch_id)
      .where('e.target', evaluation.target)
      .first('e.id');
    if (rated) throw new DomainError('evaluation.batch_already_rated', { batchId: group.batch_id });
    return membersOf(trx, 'batch_id', group.batch_id, evaluation.ratedAt);
  }
  // A theme is rated overall or per 办件 for its service; platform ratings are per 办件 and apart from that.
  if (group?.theme_id && evaluation.target === 'service') {
    // A theme has one overall mark (the table's key): a second overall rating is refused whatever the first
    // rated (an overall platform rating stored before those were refused, say); one 办件's rating only by an
    // overall rating of the service.
    const overall = await trx('theme_overall_ratings as t')
      .join('evaluations as e', 'e.id', 't.evaluation_id')
      .where('t.theme_id', group.theme_id)
      .first<{ target: string } | undefined>('e.target');
    if (overall && (evaluation.scope === 'theme' || overall.target === 'service')) {
      throw new DomainError('evaluation.theme_rated_overall', { themeId: group.theme_id });
    }
    if (evaluation.scope === 'theme') {
      // The overall rating was refused above: what is found here is an item's own.
      if (await themeServiceRated(trx, group.theme_id)) {
        throw new DomainError('evaluation.theme_rated_per_item', { themeId: group.theme_id });
      }
      return membersOf(trx, 'theme_id', group.theme_id, evaluation.ratedAt);
    }
  }
  return [evaluation.serviceRecordId];
}

/** Marks a theme's overall rating, after the rating row itself is in. */
export async function recordOccasion(trx: Knex.Transaction, evaluation: NewEvaluation): Promise<void> {
  if (evaluation.scope !== 'theme') return;
  const group = await trx('service_records')
    .where({ id: evaluation.serviceRecordId })
    .first<Grouping>('theme_id');
  await trx('theme_overall_ratings').insert({ theme_id: group!.theme_id, evaluation_id: evaluation.id });
}

/**
 * The 办件 of a batch or theme a rating given at `ratedAt` applies to: not one recorded 未评 (art. 10) whose
 * window had closed by then, which stays so (as service_record_ratings leaves it out); one recorded 未评 whose
 * window was still open then is rated by it, as the rated 办件 itself may be (a paper form imported late).
 */
export async function membersOf(
  db: Executor,
  column: 'batch_id' | 'theme_id',
  groupId: string,
  ratedAt: Date,
) {
  const rows = await db('service_records as sr')
    .where(`sr.${column}`, groupId)
    .whereNotExists(
      db('unrated_service_records as u')
        .select(db.raw('1'))
        .whereRaw('u.service_record_id = sr.id')
        .whereRaw("date_trunc('second', ?::timestamptz) > u.window_closed_at", [ratedAt]),
    )
    .orderBy('sr.id')
    .select<{ id: string }[]>('sr.id');
  return rows.map((row) => row.id);
}

/**
 * The 办件 among `ids` that belong to a batch or a theme: their ratings need art. 9's checks one by one
 * (checkOccasion); every other rating applies to its own 办件 alone and may be written in bulk.
 */
export async function recordsInBatchOrTheme(trx: Knex, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await trx.raw<{ rows: { id: string }[] }>(
    `select id from service_records
      where id = ${ANY_OF_TEXT_LIST} and (batch_id is not null or theme_id is not null)`,
    [textArrayLiteral(ids)],
  );
  return new Set(result.rows.map((row) => row.id));
}
