// The last records of evidence without the ledger's full protection:
// - 未评 (unrated_service_records, art. 10) is a record too: the 未评率 is published from it, and a rating
//   dated after it is refused. It is append-only from now on (no update, delete or truncate), and the app
//   role may read and append it.
// - Records that refused a changed or deleted row but not a TRUNCATE, which every other append-only table
//   refuses: the imports' (rating_imports, rating_import_results, imported_ratings), the preset tags' history
//   (preset_tag_versions: what each tag meant when a rating chose it, who changed it and when), evidence files
//   (attachments) and the holiday notices loaded (calendar_notices). The preset tags' history is the app's to
//   append (PUT /api/evaluation-tags), so the app role may read and append it.
import type { Knex } from 'knex';

const TABLES_WITHOUT_TRUNCATE_TRIGGER = [
  'rating_imports',
  'rating_import_results',
  'imported_ratings',
  'preset_tag_versions',
  'attachments',
  'calendar_notices',
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create trigger unrated_service_records_append_only before update or delete on unrated_service_records
      for each row execute function refuse_record_change();
    create trigger unrated_service_records_no_truncate before truncate on unrated_service_records
      for each statement execute function refuse_record_change();
    grant select, insert on unrated_service_records, preset_tag_versions to hcp_app_writer;
  `);
  for (const table of TABLES_WITHOUT_TRUNCATE_TRIGGER) {
    await knex.raw(`
      create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function refuse_record_change();
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES_WITHOUT_TRUNCATE_TRIGGER) {
    await knex.raw(`drop trigger ${table}_no_truncate on ${table}`);
  }
  await knex.raw(`
    revoke select, insert on unrated_service_records, preset_tag_versions from hcp_app_writer;
    drop trigger unrated_service_records_no_truncate on unrated_service_records;
    drop trigger unrated_service_records_append_only on unrated_service_records;
  `);
}
