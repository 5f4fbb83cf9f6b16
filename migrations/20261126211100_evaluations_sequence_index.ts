// One row per sequence number, and an index to walk the ledger in sequence order: `hcp ledger verify`
// reads it in keyset pages (where sequence > last order by sequence), and each append looks up the last
// row (order by sequence desc limit 1). Without the index both scan the whole table.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evaluations', (table) => {
    table.unique(['sequence'], { indexName: 'evaluations_sequence_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evaluations', (table) => {
    table.dropUnique(['sequence'], 'evaluations_sequence_unique');
  });
}
