// 办件 and the ratings of them. Ratings are evidence: append-only (a trigger refuses UPDATE and DELETE)
// and hash-chained, each row's hash covering the previous hash and the row's canonical form.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('service_records', (table) => {
    table.string('id', 64).primary(); // 办件编号
    table.string('item_code', 64).notNullable().references('code').inTable('service_items');
    table.string('handling_department_id', 64).notNullable().references('id').inTable('departments');
    table.string('institution_id', 64).references('id').inTable('institutions');
    table.string('platform_id', 64).references('id').inTable('platforms');
    table.string('channel', 32).notNullable();
    table.timestamp('accepted_at', { useTz: true }).notNullable();
    table.timestamp('promised_at', { useTz: true });
    table.timestamp('completed_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('evaluations', (table) => {
    table.uuid('id').primary();
    table.bigIncrements('sequence', { primaryKey: false });
    table.string('service_record_id', 64).notNullable().references('id').inTable('service_records');
    table.enu('target', ['service', 'platform']).notNullable();
    table.string('channel', 32).notNullable();
    table.string('level', 32).notNullable();
    table.specificType('tags', 'text[]').notNullable();
    table.text('text').notNullable().defaultTo('');
    table.boolean('real_name').notNullable();
    table.string('rater_name_masked', 64);
    table.text('rater_name_encrypted');
    table.string('rater_phone_masked', 32);
    table.text('rater_phone_encrypted');
    table.timestamp('rated_at', { useTz: true }).notNullable();
    table.string('previous_hash', 64).notNullable();
    table.string('hash', 64).notNullable().unique();
    // art. 9, single business: one rating per 办件 (batch and themed ratings come with their own rules).
    table.unique(['service_record_id', 'target']);
  });
  await knex.raw(`
    create function refuse_evaluation_change() returns trigger language plpgsql as $$
    begin
      raise exception 'evaluations are append-only (评价记录不可修改或删除)';
    end $$;
    create trigger evaluations_append_only before update or delete on evaluations
      for each row execute function refuse_evaluation_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('evaluations');
  await knex.raw('drop function if exists refuse_evaluation_change()');
  await knex.schema.dropTable('service_records');
}
