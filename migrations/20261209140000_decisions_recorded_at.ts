// When a decision about a rating reached the database, by the database's own clock (decided_at is the app's:
// a worker's host may run minutes off, and a decision may be dated when it was made, not written). The
// decisions' mark of `hcp ledger verify` leaves out those recorded in the last ten minutes, whose transaction
// may not have committed yet (infra/ledger/decisions-mark.ts); existing rows take the migration's time.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'alter table evaluation_decisions add column recorded_at timestamptz not null default clock_timestamp()',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table evaluation_decisions drop column recorded_at');
}
