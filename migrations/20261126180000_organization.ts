// Who serves and who answers for a 差评: regions, departments (the engine's candidate groups),
// institutions (centres and windows), service items, platforms and their builders, users.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('regions', (table) => {
    table.string('code', 12).primary(); // 行政区划代码, e.g. 610100
    table.string('name').notNullable();
    table.string('parent_code', 12).references('code').inTable('regions');
  });
  await knex.schema.createTable('departments', (table) => {
    table.string('id', 64).primary(); // also the engine candidate group id
    table.string('name').notNullable();
    table.enu('kind', ['approval', 'bureau', 'hotline', 'data-bureau', 'supervision']).notNullable();
    table.string('region_code', 12).notNullable().references('code').inTable('regions');
    // The same-level approval department that reviews this unit's appeals (art. 19).
    table.string('approval_department_id', 64).references('id').inTable('departments');
    // false: a unit not (yet) working in this system, e.g. a vertically managed office; its 差评 cannot be
    // routed to it and go to the approval department to assign.
    table.boolean('accepts_cases').notNullable().defaultTo(true);
  });
  await knex.schema.createTable('institutions', (table) => {
    table.string('id', 64).primary();
    table.string('name').notNullable();
    table.enu('kind', ['hall', 'center', 'station', 'window']).notNullable();
    table.string('parent_id', 64).references('id').inTable('institutions');
    table.string('department_id', 64).notNullable().references('id').inTable('departments');
    table.string('region_code', 12).notNullable().references('code').inTable('regions');
  });
  await knex.schema.createTable('service_items', (table) => {
    table.string('code', 64).primary(); // 事项编码
    table.string('name').notNullable();
    table.string('department_id', 64).notNullable().references('id').inTable('departments');
  });
  await knex.schema.createTable('platforms', (table) => {
    table.string('id', 64).primary();
    table.string('name').notNullable();
    table.enu('kind', ['online-hall', 'hotline', 'mobile', 'terminal']).notNullable();
    // 谁建设、谁负责: a platform 差评 goes to its builder (art. 17).
    table.string('builder_department_id', 64).notNullable().references('id').inTable('departments');
  });
  await knex.schema.createTable('users', (table) => {
    table.string('id', 64).primary();
    table.string('name').notNullable();
    table
      .enu('role', [
        'unit-staff',
        'unit-leader',
        'approval-reviewer',
        'approval-coordinator',
        'hotline-operator',
        'supervisor',
        'process-owner',
        'admin',
      ])
      .notNullable();
    table.string('department_id', 64).notNullable().references('id').inTable('departments');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['users', 'platforms', 'service_items', 'institutions', 'departments', 'regions']) {
    await knex.schema.dropTable(table);
  }
}
