// counted_rating_dimensions: the four dimensions (art. 7) of the ratings that count, what dimension statistics
// read. rating_dimensions lists every rating's dimensions, those of ratings not adopted after an appeal or
// confirmed fraudulent too; this view leaves them out as counted_evaluations does, by reading through it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create view counted_rating_dimensions as
      select d.evaluation_id, d.attitude, d.quality, d.efficiency, d.environment
        from rating_dimensions d
        join counted_evaluations e on e.id = d.evaluation_id;
    grant select on counted_rating_dimensions to hcp_app_writer;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view counted_rating_dimensions');
}
