// art. 10 of the Xi'an measures: the invitation to rate each completed 办件. The applicant's phone (for the
// reminder SMS) is personal data like a rater's: encrypted by infra/protector.ts, masked for screens.
// 未评 is its own state (unrated_service_records), never a row in evaluations: there are no default ratings.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_records', (table) => {
    table.text('applicant_phone_encrypted');
    table.string('applicant_phone_masked', 32);
  });
  // Orders to the engine that commit with the 办件 or the rating they follow from: start the invitation
  // process of a completed 办件, or tell it that a rating arrived. `key` makes each order exist once.
  await knex.schema.createTable('invitation_outbox', (table) => {
    table.bigIncrements('id');
    table.enu('kind', ['start-invitation', 'evaluation-received']).notNullable();
    table.string('service_record_id', 64).notNullable().references('id').inTable('service_records');
    table.string('key', 128).notNullable().unique();
    table.integer('attempts').notNullable().defaultTo(0);
    // Millisecond precision, like the JS clock the drainer compares it with: a microsecond default would
    // make a row written in the same millisecond look not yet due.
    table
      .timestamp('available_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
    table.timestamp('processed_at', { useTz: true });
    table.text('last_error');
    table.index(['processed_at', 'available_at']);
  });
  // The schedule the invitation-schedule worker computed (and the engine's timers wait on).
  await knex.schema.createTable('evaluation_invitations', (table) => {
    table.string('service_record_id', 64).primary().references('id').inTable('service_records');
    table.timestamp('completed_at', { useTz: true }).notNullable();
    table.timestamp('reminder_at', { useTz: true }).notNullable();
    table.timestamp('window_closes_at', { useTz: true }).notNullable();
    // The window reaches into a year whose holiday notice was not loaded when it was computed.
    table.boolean('window_provisional').notNullable();
    table.timestamp('scheduled_at', { useTz: true }).notNullable();
    table.timestamp('reminded_at', { useTz: true });
    // Why no SMS went out: rated meanwhile, no applicant phone, or the window already over.
    table.string('reminder_skipped', 32);
  });
  await knex.schema.createTable('unrated_service_records', (table) => {
    table.string('service_record_id', 64).primary().references('id').inTable('service_records');
    table.timestamp('window_closed_at', { useTz: true }).notNullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['unrated_service_records', 'evaluation_invitations', 'invitation_outbox']) {
    await knex.schema.dropTable(table);
  }
  await knex.schema.alterTable('service_records', (table) => {
    table.dropColumn('applicant_phone_masked');
    table.dropColumn('applicant_phone_encrypted');
  });
}
