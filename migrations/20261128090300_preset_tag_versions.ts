// The preset rating content (art. 8) as process owners edit it (issue 5): every change is a new version
// row — who, when, what — laid over the shipped defaults (domain/evaluation/tags.ts) by code. Never
// updated or deleted: the table's history is the audit.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('preset_tag_versions', (table) => {
    table.bigIncrements('id');
    table.string('code', 64).notNullable();
    table.string('label', 32).notNullable();
    table.enu('dimension', ['attitude', 'quality', 'efficiency', 'environment']).notNullable();
    table.enu('polarity', ['good', 'bad']).notNullable();
    table.boolean('active').notNullable();
    table.string('changed_by', 64).notNullable().references('id').inTable('users');
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.index(['code', 'id']);
  });
  await knex.raw(`
    create or replace function refuse_preset_tag_change() returns trigger language plpgsql as $$
    begin
      raise exception 'preset_tag_versions is append-only: save a new version instead';
    end $$;
    create trigger preset_tag_versions_append_only before update or delete on preset_tag_versions
      for each row execute function refuse_preset_tag_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('preset_tag_versions');
  await knex.raw('drop function if exists refuse_preset_tag_change()');
}
