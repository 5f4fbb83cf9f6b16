// Every message the system sends (e-mail to staff, SMS to staff and raters) is a row here first: the
// transactional outbox that the server's notification dispatcher drains. Staff get contact columns.
//
// Raters' phones are personal data (art. 24): a rater's SMS row holds the phone exactly as the rating
// stores it — encrypted by infra/protector.ts — plus its mask for screens. Staff addresses and phones
// are work contacts, already plain in `users`; their rows hold them plain (and masked for display).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.text('email');
    table.string('phone', 32);
  });
  await knex.schema.createTable('notifications', (table) => {
    table.bigIncrements('id');
    table.enu('channel', ['email', 'sms']).notNullable();
    // An e-mail address or a phone number; a protector value ("v1:…") when recipient_encrypted.
    table.text('recipient').notNullable();
    table.boolean('recipient_encrypted').notNullable().defaultTo(false);
    // What screens and the API show: phones masked (138****5678), e-mail addresses as they are.
    table.text('recipient_masked').notNullable();
    table.text('subject').notNullable().defaultTo('');
    table.text('body').notNullable();
    table.uuid('case_id').references('id').inTable('cases');
    // Callers run at least once (workers): the same key enqueues one message, however often it is asked.
    table.string('idempotency_key', 200).notNullable().unique();
    table.integer('attempts').notNullable().defaultTo(0);
    // Millisecond precision, like the JS clock the drainer compares it with: a microsecond default would
    // make a row written in the same millisecond look not yet due.
    table
      .timestamp('available_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
    table.timestamp('sent_at', { useTz: true });
    table.text('last_error');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['case_id', 'id']);
  });
  // The dispatcher's question on every pass: which unsent rows are due, oldest first.
  await knex.raw(
    'create index notifications_due_idx on notifications (channel, available_at, id) where sent_at is null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('notifications');
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('phone');
    table.dropColumn('email');
  });
}
