// A 综合点评's rater may be reached too (art. 18, 24): a reveal of the contact of a rating without a 办件 is
// audited like any other. contact_reveals names a rating of either ledger — exactly one.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table contact_reveals alter column evaluation_id drop not null');
  await knex.schema.alterTable('contact_reveals', (table) => {
    table.uuid('subject_evaluation_id').references('id').inTable('subject_evaluations').index();
  });
  await knex.raw(
    `alter table contact_reveals add constraint contact_reveals_one_rating
       check (num_nonnulls(evaluation_id, subject_evaluation_id) = 1)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // The audit rows of 综合点评 reveals cannot be kept by the schema before this one (they are append-only,
  // so the column cannot be dropped while they exist).
  await knex.raw('alter table contact_reveals drop constraint contact_reveals_one_rating');
  await knex.schema.alterTable('contact_reveals', (table) => table.dropColumn('subject_evaluation_id'));
  await knex.raw('alter table contact_reveals alter column evaluation_id set not null');
}
