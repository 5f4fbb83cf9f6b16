// The case records the published figures are computed from, and the app role's missing sequence grants.
// - A case's timeline (case_events: each step, the 12345 return visit's result, `rating-not-adopted`, …) and
//   the answers to the rater (rater_answers, art. 17) give the 差评回复率, 回访整改率 and 回访整改满意率; art. 23
//   wants statistics no one can alter, so both are append-only from now on (no update, delete or truncate).
//   The app only ever appends them (insert … on conflict do nothing, which fires no update trigger), so the
//   app role may read and append them and no longer needs them in the working tables' grant (docs/ledger.md).
// - Evidence files (attachments) and holiday notices (calendar_notices) were append-only already; the app
//   appends them too (uploads, calendar loads), so the app role now holds their grants as well.
// - An insert needs USAGE on the sequence of a serial id: without it the app role could not append the
//   preset tags' history (PUT /api/evaluation-tags failed: permission denied for sequence
//   preset_tag_versions_id_seq), nor holiday notices or case events.
import type { Knex } from 'knex';

const APPEND_ONLY_CASE_TABLES = ['case_events', 'rater_answers'] as const;
const APP_APPENDED_TABLES = [...APPEND_ONLY_CASE_TABLES, 'attachments', 'calendar_notices'];
const APP_APPENDED_SEQUENCES = [
  'case_events_id_seq',
  'calendar_notices_id_seq',
  'preset_tag_versions_id_seq',
];

export async function up(knex: Knex): Promise<void> {
  for (const table of APPEND_ONLY_CASE_TABLES) {
    await knex.raw(`
      create trigger ${table}_append_only before update or delete on ${table}
        for each row execute function refuse_record_change();
      create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function refuse_record_change();
    `);
  }
  await knex.raw(`grant select, insert on ${APP_APPENDED_TABLES.join(', ')} to hcp_app_writer`);
  await knex.raw(`grant usage on sequence ${APP_APPENDED_SEQUENCES.join(', ')} to hcp_app_writer`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`revoke usage on sequence ${APP_APPENDED_SEQUENCES.join(', ')} from hcp_app_writer`);
  await knex.raw(`revoke select, insert on ${APP_APPENDED_TABLES.join(', ')} from hcp_app_writer`);
  for (const table of APPEND_ONLY_CASE_TABLES) {
    await knex.raw(`
      drop trigger ${table}_no_truncate on ${table};
      drop trigger ${table}_append_only on ${table};
    `);
  }
}
