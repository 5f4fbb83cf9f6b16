// Holiday notices loaded at runtime (over the API or `hcp calendar load`), and every SLA due date that a
// load moved. Both are history: a corrected notice is a new row, never an edit, and the working calendar
// uses the latest row per (region, year).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_notices', (table) => {
    table.bigIncrements('id');
    // 'notice': a State Council notice (region 'cn', one year); 'region': a regional layer (all years).
    table.enu('kind', ['notice', 'region']).notNullable();
    table.string('region', 32).notNullable(); // 'cn' or a region id such as 'xian'
    table.integer('year'); // the notice's year; null for a regional layer, which is not per year
    table.jsonb('content').notNullable(); // the file exactly as validated
    table.string('content_sha256', 64).notNullable();
    // Who loaded it: until accounts exist, the name the operator gives (x-hcp-user, --by).
    table.text('loaded_by').notNullable();
    table.timestamp('loaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['region', 'year', 'id']);
  });
  await knex.raw(`
    alter table calendar_notices add constraint calendar_notices_kind_year_check
      check ((kind = 'notice' and region = 'cn' and year is not null) or (kind = 'region' and region <> 'cn' and year is null));
    create function refuse_calendar_notice_change() returns trigger language plpgsql as $$
    begin
      raise exception 'calendar_notices is append-only (已载入的放假通知不可修改或删除，更正请重新载入)';
    end $$;
    create trigger calendar_notices_append_only before update or delete on calendar_notices
      for each row execute function refuse_calendar_notice_change();
  `);
  // One row per clock whose due date a new calendar moved; the engine's copy of that date (timer job,
  // task due) is moved after the row commits, so engine_state says what is still to be retried.
  await knex.schema.createTable('sla_due_recomputations', (table) => {
    table.bigIncrements('id');
    table.bigInteger('clock_id').notNullable().references('id').inTable('sla_clocks');
    table.uuid('case_id').notNullable().references('id').inTable('cases');
    table.string('stage', 32).notNullable();
    // The latest load the calendar was built from; null when only calendars/ files were in force.
    table.bigInteger('notice_id').references('id').inTable('calendar_notices');
    table.timestamp('old_due_at', { useTz: true }).notNullable();
    table.boolean('old_provisional').notNullable();
    table.timestamp('new_due_at', { useTz: true }).notNullable();
    table.boolean('new_provisional').notNullable();
    table.timestamp('recomputed_at', { useTz: true }).notNullable();
    // pending: the engine still carries the old date; synced: moved; skipped: nothing left to move
    // (the stage ended first, or the model has no timer or due date for the stage).
    table.enu('engine_state', ['pending', 'synced', 'skipped']).notNullable().defaultTo('pending');
    table.integer('engine_attempts').notNullable().defaultTo(0);
    table.text('engine_last_error');
    table.timestamp('engine_synced_at', { useTz: true });
    table.index(['engine_state']);
    table.index(['clock_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sla_due_recomputations');
  await knex.schema.dropTable('calendar_notices');
  await knex.raw('drop function if exists refuse_calendar_notice_change()');
}
