// The 12345 work order of a case (art. 16): one per case, its number as the hotline gave it.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (table) => {
    table.string('hotline_work_order_number', 64).unique();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (table) => {
    table.dropColumn('hotline_work_order_number');
  });
}
