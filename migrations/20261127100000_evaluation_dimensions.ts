// art. 7: a rating may rate each of its four contents (服务态度, 服务质量, 服务效率, 服务环境) on the five
// levels. They are stored beside the ledger, one row per rating that rated any of them, written in the
// rating's own transaction — not as a column of evaluations, because the hash chain covers a fixed
// canonical row: a new hashed field would need a new ledger version for every verifier. The table is
// append-only like the ledger (no update, delete or truncate; the app role may only read and insert).
import type { Knex } from 'knex';

const LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'];
const DIMENSIONS = ['attitude', 'quality', 'efficiency', 'environment'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluation_dimensions', (table) => {
    table.uuid('evaluation_id').primary().references('id').inTable('evaluations');
    for (const dimension of DIMENSIONS) table.string(dimension, 32);
  });
  const levels = LEVELS.map((level) => `'${level}'`).join(', ');
  for (const dimension of DIMENSIONS) {
    await knex.raw(`
      alter table evaluation_dimensions add constraint evaluation_dimensions_${dimension}_level
        check (${dimension} is null or ${dimension} in (${levels}))
    `);
  }
  await knex.raw(`
    alter table evaluation_dimensions add constraint evaluation_dimensions_some_rated
      check (coalesce(${DIMENSIONS.join(', ')}) is not null)
  `);
  await knex.raw(`
    create trigger evaluation_dimensions_append_only before update or delete on evaluation_dimensions
      for each row execute function refuse_record_change();
    create trigger evaluation_dimensions_no_truncate before truncate on evaluation_dimensions
      for each statement execute function refuse_record_change();
    grant select, insert on evaluation_dimensions to hcp_app_writer;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('evaluation_dimensions');
}
