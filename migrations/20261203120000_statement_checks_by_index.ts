// The ledger's statement-level checks (migrations 20261201100000 and 20261202110000) look up the rows a
// statement added in the table they refer to. PL/pgSQL plans such a lookup once per connection and keeps the
// plan; planned while the table was small (a new deployment, the benchmarks' empty ledger), the plan scans the
// whole table for every added row, and goes on doing so as the table grows, until the next ANALYZE. On
// bench/rating-http.ts the identifiers' check grew from 0.4 ms to 14 ms a group within ten seconds. The
// lookups always have an index (the referred-to table's primary key); these functions now never scan.
import type { Knex } from 'knex';

const CHECKS = [
  'evaluations_service_record_id_foreign_check',
  'evaluation_dimensions_evaluation_id_foreign_check',
  'evaluation_identifiers_evaluation_id_foreign_check',
  'evaluations_not_after_unrated_check',
];

export async function up(knex: Knex): Promise<void> {
  for (const check of CHECKS) await knex.raw(`alter function ${check}() set enable_seqscan = off`);
}

export async function down(knex: Knex): Promise<void> {
  for (const check of CHECKS) await knex.raw(`alter function ${check}() reset enable_seqscan`);
}
