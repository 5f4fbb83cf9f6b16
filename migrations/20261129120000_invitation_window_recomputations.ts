// Rating windows (art. 10) that a newly loaded holiday notice moved: one row per move, the invitation's
// audit record (an invitation has no case timeline). The engine's copies of the date (the process variable
// windowClosesAt and the waiting Timer_RatingWindowClosed job) are moved after the row commits, so
// engine_state says what is still to be retried, as in sla_due_recomputations.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invitation_window_recomputations', (table) => {
    table.bigIncrements('id');
    table
      .string('service_record_id', 64)
      .notNullable()
      .references('service_record_id')
      .inTable('evaluation_invitations');
    // The latest load the calendar was built from; null when only calendars/ files were in force.
    table.bigInteger('notice_id').references('id').inTable('calendar_notices');
    // Who caused the run (the person who loaded the notice, or --by of `hcp calendar recompute`).
    table.text('actor');
    table.timestamp('old_window_closes_at', { useTz: true }).notNullable();
    table.boolean('old_provisional').notNullable();
    table.timestamp('new_window_closes_at', { useTz: true }).notNullable();
    table.boolean('new_provisional').notNullable();
    table.timestamp('recomputed_at', { useTz: true }).notNullable();
    // pending: the engine still carries the old date; synced: moved; skipped: the invitation ended first.
    table.enu('engine_state', ['pending', 'synced', 'skipped']).notNullable().defaultTo('pending');
    table.integer('engine_attempts').notNullable().defaultTo(0);
    table.text('engine_last_error');
    table.timestamp('engine_synced_at', { useTz: true });
    table.index(['engine_state']);
    table.index(['service_record_id']);
  });
  // The recomputation looks for open provisional windows only: few rows, found without a scan.
  await knex.raw(
    'create index evaluation_invitations_provisional_idx on evaluation_invitations (service_record_id) where window_provisional',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists evaluation_invitations_provisional_idx');
  await knex.schema.dropTable('invitation_window_recomputations');
}
