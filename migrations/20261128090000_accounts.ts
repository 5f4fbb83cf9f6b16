// Accounts for the task list (issue 6): passwords (argon2id hashes), lockout, sessions, the departments
// a user works for (the engine's candidate groups) and an append-only log of sign-ins.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_credentials', (table) => {
    table.string('user_id', 64).primary().references('id').inTable('users');
    table.text('password_hash').notNullable(); // argon2id, PHC string
    table.integer('failed_attempts').notNullable().defaultTo(0);
    table.timestamp('locked_until', { useTz: true });
    table.timestamp('password_changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // A user may work for several departments; users.department_id stays their home department.
  await knex.schema.createTable('user_departments', (table) => {
    table.string('user_id', 64).notNullable().references('id').inTable('users');
    table.string('department_id', 64).notNullable().references('id').inTable('departments');
    table.primary(['user_id', 'department_id']);
    table.index(['department_id']);
  });
  await knex.raw(
    'insert into user_departments (user_id, department_id) select id, department_id from users on conflict do nothing',
  );
  await knex.schema.createTable('sessions', (table) => {
    // sha256 of the cookie's token: a stolen table does not yield usable cookies.
    table.string('token_hash', 64).primary();
    table.string('user_id', 64).notNullable().references('id').inTable('users');
    table.string('csrf_token', 64).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true });
    table.index(['user_id']);
  });
  await knex.schema.createTable('sign_in_events', (table) => {
    table.bigIncrements('id');
    table.string('user_id', 64).notNullable(); // as typed: may name no user
    table
      .enu('outcome', ['signed-in', 'wrong-password', 'unknown-user', 'locked', 'signed-out'])
      .notNullable();
    table.string('ip', 64);
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.index(['user_id', 'occurred_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['sign_in_events', 'sessions', 'user_departments', 'user_credentials']) {
    await knex.schema.dropTable(table);
  }
}
