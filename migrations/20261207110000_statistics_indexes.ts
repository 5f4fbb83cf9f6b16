// What the published figures (server/api/statistics, infra/stores/statistics-store.ts) read by month: the
// 综合点评 / 监督查评 ledger by its rating time, and 办件 by their completion (the cohort of 未评率). Without
// these, each month's figures scanned the whole ledger and every 办件 ever reported.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subject_evaluations', (table) => table.index(['rated_at']));
  await knex.schema.alterTable('service_records', (table) => table.index(['completed_at']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_records', (table) => table.dropIndex(['completed_at']));
  await knex.schema.alterTable('subject_evaluations', (table) => table.dropIndex(['rated_at']));
}
