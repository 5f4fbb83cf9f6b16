// An import of an archive (`hcp import … --archive`): ratings whose 差评 were already handled outside this
// system are stored as evidence but open no case. Which imports did so is recorded with the import.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rating_imports', (table) => {
    table.boolean('opens_cases').notNullable().defaultTo(true);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rating_imports', (table) => table.dropColumn('opens_cases'));
}
