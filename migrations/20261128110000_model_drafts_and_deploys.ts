// The modeler (issue 7): process owners' drafts of the BPMN and DMN models, and an append-only audit of
// every deploy the modeler made (who, when, which model, which engine deployment and version, from which
// draft; a rollback names the version it deployed again).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('model_drafts', (table) => {
    table.bigIncrements('id');
    table.enu('kind', ['bpmn', 'dmn']).notNullable();
    // The process id (BPMN) or decision id (DMN) the draft edits.
    table.string('model_key', 128).notNullable();
    table.text('xml').notNullable();
    // Optimistic concurrency: a save names the revision it edited; a stale one is refused (409).
    table.integer('revision').notNullable().defaultTo(1);
    // The engine version the draft started from (null: from a file of processes/ or a new model).
    table.integer('based_on_version');
    // A save that lost a race is kept as its own draft, pointing at the draft it collided with.
    table.bigInteger('conflict_of').references('id').inTable('model_drafts');
    table.string('created_by', 64).notNullable().references('id').inTable('users');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 64).notNullable().references('id').inTable('users');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['kind', 'model_key', 'updated_at']);
  });
  await knex.schema.createTable('model_deploys', (table) => {
    table.bigIncrements('id');
    table.enu('kind', ['bpmn', 'dmn']).notNullable();
    table.string('model_key', 128).notNullable();
    table.string('resource_name', 255).notNullable();
    table.string('engine_deployment_id', 64).notNullable();
    table.string('engine_definition_id', 255).notNullable();
    table.integer('version').notNullable();
    table.string('deployed_by', 64).notNullable().references('id').inTable('users');
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.bigInteger('source_draft_id').references('id').inTable('model_drafts');
    table.integer('rollback_of_version');
    table.string('xml_sha256', 64).notNullable();
    table.index(['kind', 'model_key', 'version']);
  });
  await knex.raw(`
    create function refuse_model_deploy_change() returns trigger language plpgsql as $$
    begin
      raise exception 'model_deploys is append-only (部署记录不可修改或删除)';
    end $$;
    create trigger model_deploys_append_only before update or delete on model_deploys
      for each row execute function refuse_model_deploy_change();
    create trigger model_deploys_no_truncate before truncate on model_deploys
      for each statement execute function refuse_model_deploy_change();
    grant select, insert on model_deploys to hcp_app_writer;
    grant usage on sequence model_deploys_id_seq to hcp_app_writer;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('revoke all on model_deploys from hcp_app_writer');
  await knex.raw('revoke all on sequence model_deploys_id_seq from hcp_app_writer');
  await knex.schema.dropTable('model_deploys');
  await knex.raw('drop function if exists refuse_model_deploy_change()');
  await knex.schema.dropTable('model_drafts');
}
