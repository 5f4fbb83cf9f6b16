// Rating channels beyond the API (issue 5, art. 12–13): window rating devices (评价器) and partner online
// platforms that post ratings with their own keys. Only a SHA-256 of each key is stored (keys are long
// random strings, so no salt or slow hash is needed); infra/channel-keys.ts compares in constant time.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rating_devices', (table) => {
    table.string('id', 64).primary();
    // The window (or hall) the device stands at.
    table.string('institution_id', 64).notNullable().references('id').inTable('institutions');
    table.string('key_hash', 64).notNullable();
  });
  await knex.schema.createTable('partner_systems', (table) => {
    table.string('id', 64).primary();
    table.string('name').notNullable();
    table.string('platform_id', 64).notNullable().references('id').inTable('platforms');
    // Looked up by hash: a key names its system.
    table.string('key_hash', 64).notNullable().unique();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('partner_systems');
  await knex.schema.dropTable('rating_devices');
}
