// A case ended early — its rating confirmed fraudulent (art. 23, bad-review's event sub-process 确认刷评) —
// stops the clocks still running: sla_clocks.state gains 'stopped' (neither met nor missed: the stage
// was withdrawn, not done).
import type { Knex } from 'knex';

const STATES_BEFORE = "'on-track', 'at-risk', 'overdue', 'met', 'missed'";

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table sla_clocks drop constraint sla_clocks_state_check');
  await knex.raw(
    `alter table sla_clocks add constraint sla_clocks_state_check check (state in (${STATES_BEFORE}, 'stopped'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // A stopped clock was withdrawn before its due time or after it: read back as met or missed by that.
  await knex.raw(
    "update sla_clocks set state = case when done_at <= due_at then 'met' else 'missed' end where state = 'stopped'",
  );
  await knex.raw('alter table sla_clocks drop constraint sla_clocks_state_check');
  await knex.raw(
    `alter table sla_clocks add constraint sla_clocks_state_check check (state in (${STATES_BEFORE}))`,
  );
}
