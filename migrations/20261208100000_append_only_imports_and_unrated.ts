// The last records of evidence without the ledger's full protection:
// - 未评 (unrated_service_records, art. 10) is a record too: the 未评率 is published from it, and a rating
//   dated after it is refused. It is append-only from now on (no update, delete or truncate), and the app
//   role may read and append it.
// - The imports' records (rating_imports, rating_import_results, imported_ratings) refused a changed or deleted
//   row but not a TRUNCATE, which every other append-only table refuses.
import type { Knex } from 'knex';

const IMPORT_TABLES = ['rating_imports', 'rating_import_results', 'imported_ratings'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create trigger unrated_service_records_append_only before update or delete on unrated_service_records
      for each row execute function refuse_record_change();
    create trigger unrated_service_records_no_truncate before truncate on unrated_service_records
      for each statement execute function refuse_record_change();
    grant select, insert on unrated_service_records to hcp_app_writer;
  `);
  for (const table of IMPORT_TABLES) {
    await knex.raw(`
      create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function refuse_record_change();
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of IMPORT_TABLES) await knex.raw(`drop trigger ${table}_no_truncate on ${table}`);
  await knex.raw(`
    revoke select, insert on unrated_service_records from hcp_app_writer;
    drop trigger unrated_service_records_no_truncate on unrated_service_records;
    drop trigger unrated_service_records_append_only on unrated_service_records;
  `);
}
