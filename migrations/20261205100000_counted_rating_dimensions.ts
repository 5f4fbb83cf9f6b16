// counted_rating_dimensions: the four dimensions (art. 7) of the ratings that count, from both ledgers, what
// dimension statistics read beside counted_ratings (same id and ledger). rating_dimensions and
// subject_evaluations hold every rating's dimensions, those of ratings not adopted after an appeal or
// confirmed fraudulent too; this view leaves them out by reading through the counted views, so it follows
// their rules as they change. So a later change of counted_evaluations or counted_ratings keeps their columns
// (`create or replace view`) or drops this view first: PostgreSQL drops no view another reads.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create view counted_rating_dimensions as
      select d.evaluation_id as id, 'evaluations'::text as ledger,
             d.attitude, d.quality, d.efficiency, d.environment
        from rating_dimensions d
        join counted_evaluations e on e.id = d.evaluation_id
      union all
      select s.id, 'subject_evaluations', s.attitude, s.quality, s.efficiency, s.environment
        from subject_evaluations s
       where coalesce(s.attitude, s.quality, s.efficiency, s.environment) is not null
         and exists (select 1 from counted_ratings c where c.id = s.id and c.ledger = 'subject_evaluations');
    grant select on counted_rating_dimensions to hcp_app_writer;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view counted_rating_dimensions');
}
