// A queued notification that is no longer wanted when its turn comes — an art. 10 reminder of a 办件 rated
// meanwhile, or whose window is over — is withdrawn rather than sent: when and why are kept beside it, as
// sent_at and last_error are for the others (infra/notifications/reminder-relevance.ts). The dispatcher's
// index of due rows leaves withdrawn ones out.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (table) => {
    table.timestamp('withdrawn_at', { useTz: true });
    table.text('withdrawn_reason');
  });
  await knex.raw('drop index notifications_due_idx');
  await knex.raw(
    `create index notifications_due_idx on notifications (channel, available_at, id)
      where sent_at is null and withdrawn_at is null`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // Without the column a withdrawn row would look unsent: park it, saying why, so it is never sent.
  await knex.raw(
    `update notifications set available_at = 'infinity', last_error = '已撤回：' || withdrawn_reason
      where withdrawn_at is not null and sent_at is null`,
  );
  await knex.raw('drop index notifications_due_idx');
  await knex.raw(
    'create index notifications_due_idx on notifications (channel, available_at, id) where sent_at is null',
  );
  await knex.schema.alterTable('notifications', (table) => {
    table.dropColumn('withdrawn_reason');
    table.dropColumn('withdrawn_at');
  });
}
