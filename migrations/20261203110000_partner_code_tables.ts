// Channel and satisfaction codes per province (domain.md: "make channel codes configurable"), issue 5: each
// partner system names the code table of its interface (code-tables/<id>.json). Every system registered so
// far used the one table there was, 'provincial'.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('partner_systems', (table) => {
    table.string('code_table', 64).notNullable().defaultTo('provincial');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('partner_systems', (table) => table.dropColumn('code_table'));
}
