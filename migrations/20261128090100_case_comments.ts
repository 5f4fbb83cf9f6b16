// Comments on a case (issue 6): what the people working it say to each other. Append-only, like the
// case's events: a comment is never edited; a correction is a new comment.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_comments', (table) => {
    table.uuid('id').primary();
    table.uuid('case_id').notNullable().references('id').inTable('cases');
    table.string('author_id', 64).notNullable().references('id').inTable('users');
    table.text('text').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['case_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_comments');
}
