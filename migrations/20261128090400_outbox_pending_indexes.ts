// The outboxes' drainers take the oldest due order: `where processed_at is null and available_at <= now
// order by id limit 1`. With only (processed_at, available_at) indexed, every take sorted all due orders —
// under a burst of ratings, tens of thousands, once per order. A partial index of the pending orders in id
// order lets PostgreSQL walk from the oldest and stop at the first due one.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index invitation_outbox_pending_by_id on invitation_outbox (id) where processed_at is null',
  );
  await knex.raw('create index outbox_pending_by_id on outbox (id) where processed_at is null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index invitation_outbox_pending_by_id');
  await knex.raw('drop index outbox_pending_by_id');
}
