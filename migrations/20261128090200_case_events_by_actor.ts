// 已办 (issue 6) lists the tasks a user completed from the cases' events, by actor, newest first.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_events', (table) => {
    table.index(['actor', 'kind', 'occurred_at'], 'case_events_actor_kind_occurred_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_events', (table) => {
    table.dropIndex(['actor', 'kind', 'occurred_at'], 'case_events_actor_kind_occurred_at_index');
  });
}
