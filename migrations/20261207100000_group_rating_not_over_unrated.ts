// A batch's rating, or a theme's overall rating, applies to the other 办件 of the batch or theme (art. 9) —
// but not to one whose rating window had already closed with 未评 recorded (art. 10): that 办件 stays 未评
// and is not also counted as rated. (未评 is never recorded for a 办件 a rating applies to: the worker asks
// service_record_ratings first.) The view keeps its columns; only the batch and theme rows leave those out.
import type { Knex } from 'knex';

const NOT_UNRATED = 'not exists (select 1 from unrated_service_records u where u.service_record_id = sr.id)';

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
  await knex.raw(view(NOT_UNRATED));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(view('true'));
}
