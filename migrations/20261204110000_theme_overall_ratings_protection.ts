// A theme's overall mark (theme_overall_ratings, art. 9) is append-only beside the chain, as docs/ledger.md
// says: its row trigger was there, its TRUNCATE trigger and the app role's grants were not — the table came
// after the app role's migration. hcp_app_writer may select and insert; a TRUNCATE is refused for everyone.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace trigger theme_overall_ratings_no_truncate before truncate on theme_overall_ratings
      for each statement execute function refuse_record_change();
    grant select, insert on theme_overall_ratings to hcp_app_writer;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    revoke all on theme_overall_ratings from hcp_app_writer;
    drop trigger if exists theme_overall_ratings_no_truncate on theme_overall_ratings;
  `);
}
