// A batch's rating, or a theme's overall rating, applies to the other 办件 of the batch or theme (art. 9),
// not to one whose rating window had closed with 未评 before the rating was given (20261207100000). Since
// 20261209100000 a rating given within the window counts though it was entered after 未评 was recorded (a
// paper form imported the next week): so it applies to the members whose window was still open when it was
// given, 未评 recorded or not — the members of a batch are mostly completed, and 未评, together. The view keeps
// its columns; only the batch and theme rows' member filter changes (infra/stores/rating-occasion.ts membersOf
// says the same).
// Also: 20261209100000 replaced the ledger's 未评 check with `create or replace function`, which resets the
// function's settings: the index-only plan of 20261203120000 (enable_seqscan off) is set again.
import type { Knex } from 'knex';

const WINDOW_CLOSED_BEFORE = `not exists (select 1 from unrated_service_records u
                 where u.service_record_id = sr.id
                   and date_trunc('second', e.rated_at) > u.window_closed_at)`;
const UNRATED_AT_ALL =
  'not exists (select 1 from unrated_service_records u where u.service_record_id = sr.id)';

const view = (memberFilter: string) => `
  create or replace view service_record_ratings as
    select e.service_record_id, e.id as evaluation_id, e.target, 'own'::text as applies_as
      from evaluations e
    union all
    select sr.id, e.id, e.target, 'batch'
      from service_records sr
      join service_records mate on mate.batch_id = sr.batch_id and mate.id <> sr.id
      join evaluations e on e.service_record_id = mate.id
     where ${memberFilter}
    union all
    select sr.id, e.id, e.target, 'theme'
      from service_records sr
      join theme_overall_ratings t on t.theme_id = sr.theme_id
      join evaluations e on e.id = t.evaluation_id and e.service_record_id <> sr.id
     where ${memberFilter}
`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(view(WINDOW_CLOSED_BEFORE));
  await knex.raw('alter function evaluations_not_after_unrated_check() set enable_seqscan = off');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(view(UNRATED_AT_ALL));
}
