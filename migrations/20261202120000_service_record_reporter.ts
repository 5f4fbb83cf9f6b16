// Which connected system reported a 办件 (POST /api/service-records with its key, partner_systems): kept with
// the 办件, so its completion is reported by that system alone, and an auditor sees where each 办件 came from.
// 办件 registered before (and those seeded or imported by other means) have none; any system may complete those.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_records', (table) => {
    table.string('reported_by', 64).nullable().references('id').inTable('partner_systems');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_records', (table) => {
    table.dropColumn('reported_by');
  });
}
