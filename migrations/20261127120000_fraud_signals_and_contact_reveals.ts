// Fraud signals (art. 23) and audited reveals of raters' contact data (art. 24), issue 5.
//
// evaluation_identifiers: what the fraud rules compare — a keyed hash of the rater's normalised phone
// (HMAC-SHA256, never the phone), the device id, IP and account the rating came from. Beside the ledger,
// not in it: each row's hash in evaluations stays what it was (docs/ledger.md). Written in the rating's
// own transaction; append-only.
// fraud_flags: one flag per rating and signal, with its reasons in Chinese. A flag never changes or hides
// the rating; confirming fraud is a separate decision. Append-only; unique, so re-scans add nothing.
// fraud_scans: every `hcp fraud scan`, and the ledger sequence it reached (the next one starts after it).
// contact_reveals: who saw a rater's decrypted contact data, in which role, why and when. Append-only.
// All four: row and TRUNCATE triggers; hcp_app_writer may only select and insert.
import type { Knex } from 'knex';

const APPEND_ONLY = ['evaluation_identifiers', 'fraud_flags', 'fraud_scans', 'contact_reveals'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('evaluation_identifiers', (table) => {
    table.uuid('evaluation_id').primary().references('id').inTable('evaluations');
    table.string('phone_hash', 64).index();
    table.string('device_id', 128).index();
    table.string('ip', 64).index();
    table.string('account', 128).index();
  });
  await knex.schema.createTable('fraud_flags', (table) => {
    table.bigIncrements('id');
    table.uuid('evaluation_id').notNullable().references('id').inTable('evaluations');
    table.string('signal', 32).notNullable();
    table.text('reasons').notNullable();
    table.jsonb('details').notNullable().defaultTo('{}');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.unique(['evaluation_id', 'signal']);
    table.index(['created_at', 'id']);
  });
  await knex.schema.createTable('fraud_scans', (table) => {
    table.bigIncrements('id');
    table.bigInteger('through_sequence').notNullable();
    table.integer('evaluated').notNullable();
    table.integer('flagged').notNullable();
    table.timestamp('scanned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('contact_reveals', (table) => {
    table.bigIncrements('id');
    table.uuid('evaluation_id').notNullable().references('id').inTable('evaluations').index();
    table.string('user_id', 64).notNullable().references('id').inTable('users');
    table.string('role', 32).notNullable();
    table.text('reason').notNullable();
    table.timestamp('revealed_at', { useTz: true }).notNullable();
  });
  // The fraud rules look back over ratings by time.
  await knex.schema.alterTable('evaluations', (table) => {
    table.index(['rated_at'], 'evaluations_rated_at_index');
  });
  for (const table of APPEND_ONLY) {
    await knex.raw(`
      create trigger ${table}_append_only before update or delete on ${table}
        for each row execute function refuse_record_change();
      create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function refuse_record_change();
      grant select, insert on ${table} to hcp_app_writer;
    `);
  }
  // The app role (migrations/…_app_role.ts) appends to them and reads them, nothing more.
  await knex.raw(
    'grant usage on sequence fraud_flags_id_seq, fraud_scans_id_seq, contact_reveals_id_seq to hcp_app_writer',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evaluations', (table) => {
    table.dropIndex(['rated_at'], 'evaluations_rated_at_index');
  });
  for (const table of [...APPEND_ONLY].reverse()) await knex.schema.dropTable(table);
}
