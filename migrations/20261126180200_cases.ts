// The 差评 case: one per 差评 (business key = the rating's id), its start outbox, its timeline,
// its SLA clocks and the answer to the rater.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('cases', (table) => {
    table.uuid('id').primary(); // = evaluations.id = the process instance's business key
    table.uuid('evaluation_id').notNullable().unique().references('id').inTable('evaluations');
    table.enu('status', ['pending-start', 'open', 'closed']).notNullable();
    table.string('responsible_department_id', 64).references('id').inTable('departments');
    table.enu('routing_rule', ['handled-by', 'built-by', 'unroutable']);
    table.string('process_instance_id', 64);
    table.string('outcome', 32);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('opened_at', { useTz: true });
    table.timestamp('closed_at', { useTz: true });
  });
  // Transactional outbox: the rating and the order to start its case commit together.
  await knex.schema.createTable('outbox', (table) => {
    table.bigIncrements('id');
    table.string('kind', 32).notNullable();
    table.uuid('case_id').notNullable().references('id').inTable('cases');
    table.integer('attempts').notNullable().defaultTo(0);
    // Millisecond precision, like the JS clock the drainer compares it with: a microsecond default would
    // make a row written in the same millisecond look not yet due.
    table
      .timestamp('available_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.raw("date_trunc('milliseconds', now())"));
    table.timestamp('processed_at', { useTz: true });
    table.text('last_error');
    table.unique(['kind', 'case_id']);
    table.index(['processed_at', 'available_at']);
  });
  await knex.schema.createTable('case_events', (table) => {
    table.bigIncrements('id');
    table.uuid('case_id').notNullable().references('id').inTable('cases');
    table.string('kind', 48).notNullable();
    table.string('stage', 32);
    table.string('actor', 64);
    table.jsonb('detail').notNullable().defaultTo('{}');
    // Workers run at least once: a repeated delivery writes nothing new.
    table.string('idempotency_key', 128).notNullable().unique();
    table.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['case_id', 'occurred_at']);
  });
  await knex.schema.createTable('sla_clocks', (table) => {
    table.bigIncrements('id');
    table.uuid('case_id').notNullable().references('id').inTable('cases');
    table.string('stage', 32).notNullable();
    // A stage can run again (a second rectification after a dissatisfied return visit): one row a round.
    table.integer('round').notNullable().defaultTo(1);
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('due_at', { useTz: true }).notNullable();
    // The policy's working days, kept so a provisional due date can be recomputed from started_at.
    table.integer('working_days').notNullable();
    table.boolean('due_provisional').notNullable().defaultTo(false);
    table.timestamp('done_at', { useTz: true });
    table.enu('state', ['on-track', 'at-risk', 'overdue', 'met', 'missed']).notNullable();
    table.unique(['case_id', 'stage', 'round']);
  });
  await knex.schema.createTable('rater_answers', (table) => {
    table.uuid('case_id').primary().references('id').inTable('cases');
    table.string('channel', 32).notNullable();
    table.text('message').notNullable();
    table.timestamp('answered_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['rater_answers', 'sla_clocks', 'case_events', 'outbox', 'cases']) {
    await knex.schema.dropTable(table);
  }
}
