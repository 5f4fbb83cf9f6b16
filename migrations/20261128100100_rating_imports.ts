// Ratings imported from files (art. 12–15): paper forms (书面评价表, into `evaluations`), 综合点评 and 监督查评
// (into `subject_evaluations`). Every import run leaves one row in `rating_imports` (who, which file) and,
// when it ends, one in `rating_import_results` (what came of its rows). Every rating an import stored leaves
// one row in `imported_ratings` under its source key (a paper form: its 办件 and target; the others: their
// kind and source reference), so importing the same or a corrected file again stores nothing twice: a row
// whose key is already there is skipped when its content is the same (fingerprint), refused when it differs
// (ratings are never changed). All three are append-only.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rating_imports', (table) => {
    table.uuid('id').primary();
    table.string('kind', 32).notNullable();
    table.text('file_name').notNullable();
    table.string('file_sha256', 64).notNullable();
    table.string('imported_by', 64).notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
  });
  // Written when the run ends (a run that crashed has none): append-only rows cannot be updated.
  await knex.schema.createTable('rating_import_results', (table) => {
    table.uuid('import_id').primary().references('id').inTable('rating_imports');
    table.integer('rows_total').notNullable();
    table.integer('rows_stored').notNullable();
    table.integer('rows_skipped').notNullable();
    table.integer('rows_refused').notNullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
  });
  await knex.raw(`
    alter table rating_imports add constraint rating_imports_kind_check
      check (kind in ('paper-form', 'public-comment', 'supervision-survey'))
  `);
  await knex.schema.createTable('imported_ratings', (table) => {
    // paper-form:<办件编号>:<target>, public-comment:<source_ref>, supervision-survey:<source_ref>
    table.string('source_key', 200).primary();
    table.string('ledger', 32).notNullable();
    // No unique index and no foreign key on these two: each costs a lookup per imported row, and both hold
    // by construction (one row per stored rating, written in its transaction after its import run).
    table.uuid('evaluation_id').notNullable();
    table.uuid('import_id').notNullable();
    table.integer('row_number').notNullable();
    // Keyed hash (HMAC, infra/protector.ts lookupHash) of the row's content: compares a re-imported row
    // with the stored one without keeping the rater's phone in a plain hash.
    table.string('fingerprint', 64).notNullable();
  });
  await knex.raw(`
    alter table imported_ratings add constraint imported_ratings_ledger_check
      check (ledger in ('evaluations', 'subject_evaluations'));
    create trigger rating_imports_append_only before update or delete on rating_imports
      for each row execute function refuse_record_change();
    create trigger rating_import_results_append_only before update or delete on rating_import_results
      for each row execute function refuse_record_change();
    create trigger imported_ratings_append_only before update or delete on imported_ratings
      for each row execute function refuse_record_change();
    grant select, insert on rating_imports, rating_import_results, imported_ratings to hcp_app_writer;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('imported_ratings');
  await knex.schema.dropTable('rating_import_results');
  await knex.schema.dropTable('rating_imports');
}
