// art. 9 of the Xi'an measures: a batch (批量业务: 2+ 办件 of one item in one application) is rated once and
// the rating applies to every 办件 in it; a theme (主题式业务) is rated either once overall — applying to every
// linked 办件 — or per 办件, never both. The rating stays one row in evaluations (the ledger); which 办件 it
// applies to is read from service_record_ratings.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_records', (table) => {
    table.string('batch_id', 64).index();
    table.string('theme_id', 64).index();
  });
  await knex.raw(`
    alter table service_records add constraint service_records_batch_or_theme
      check (batch_id is null or theme_id is null)
  `);
  // The overall rating of a theme, one at most; append-only like the rating it marks.
  await knex.schema.createTable('theme_overall_ratings', (table) => {
    table.string('theme_id', 64).primary();
    table.uuid('evaluation_id').notNullable().unique().references('id').inTable('evaluations');
  });
  await knex.raw(`
    create trigger theme_overall_ratings_append_only before update or delete on theme_overall_ratings
      for each row execute function refuse_record_change();
  `);
  // Every 办件 with each rating that counts for it: its own, its batch's, or its theme's overall rating.
  await knex.raw(`
    create view service_record_ratings as
      select e.service_record_id, e.id as evaluation_id, e.target, 'own'::text as applies_as
        from evaluations e
      union all
      select sr.id, e.id, e.target, 'batch'
        from service_records sr
        join service_records mate on mate.batch_id = sr.batch_id and mate.id <> sr.id
        join evaluations e on e.service_record_id = mate.id
      union all
      select sr.id, e.id, e.target, 'theme'
        from service_records sr
        join theme_overall_ratings t on t.theme_id = sr.theme_id
        join evaluations e on e.id = t.evaluation_id and e.service_record_id <> sr.id
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view if exists service_record_ratings');
  await knex.schema.dropTable('theme_overall_ratings');
  await knex.raw('alter table service_records drop constraint service_records_batch_or_theme');
  await knex.schema.alterTable('service_records', (table) => {
    table.dropColumn('theme_id');
    table.dropColumn('batch_id');
  });
}
