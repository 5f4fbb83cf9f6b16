// Ratings without a 办件 (art. 14–15): 社会“综合点评” (suggestion box, hotline, e-mail) of an institution, a
// service item or a platform, and 政府“监督查评” (supervisors' surveys). They have no 办件, so art. 9's
// one-rating-per-occasion and the case routing by 办件 do not apply to them; they live in a sibling ledger,
// `subject_evaluations`, with its own hash chain (its own canonical row, domain/evaluation/subject-ledger.ts,
// covering every column below except `sequence`, the masks and the chain's own two), append-only like
// `evaluations` and verified by the same `hcp ledger verify` (docs/ledger.md).
//
// What a rating rates: exactly one of institution_id, item_code, platform_id (real foreign keys). `source_ref`
// is the number the rating came with (suggestion-box slip, hotline work order, e-mail id, survey id and
// questionnaire number): one rating per kind and source reference, so a repeated import stores nothing twice.
//
// `counted_ratings` puts both ledgers side by side for statistics, with the kind each rating counts under
// (GB/T 39734 and art. 12–15): on-site 一次一评, online 一事一评, 综合点评, 监督查评.
import type { Knex } from 'knex';

// Released migrations never change, so the value lists are written out here.
const LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'];
const DIMENSIONS = ['attitude', 'quality', 'efficiency', 'environment'];
const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('subject_evaluations', (table) => {
    table.uuid('id').primary();
    table.bigIncrements('sequence', { primaryKey: false });
    table.string('kind', 32).notNullable();
    table.string('channel', 32).notNullable();
    table.string('source_ref', 128).notNullable();
    table.string('institution_id', 64).references('id').inTable('institutions');
    table.string('item_code', 64).references('code').inTable('service_items');
    table.string('platform_id', 64).references('id').inTable('platforms');
    table.string('level', 32).notNullable();
    for (const dimension of DIMENSIONS) table.string(dimension, 32);
    table.specificType('tags', 'text[]').notNullable();
    table.text('text').notNullable().defaultTo('');
    table.boolean('real_name').notNullable();
    table.string('rater_name_masked', 64);
    table.text('rater_name_encrypted');
    table.string('rater_phone_masked', 32);
    table.text('rater_phone_encrypted');
    table.timestamp('rated_at', { useTz: true }).notNullable();
    // Who entered it (the official who imported the file): these channels reach us through staff.
    table.string('recorded_by', 64).notNullable();
    table.string('previous_hash', 64).notNullable();
    table.string('hash', 64).notNullable().unique();
    table.unique(['kind', 'source_ref']);
    table.unique(['sequence'], { indexName: 'subject_evaluations_sequence_unique' });
  });
  await knex.raw(`
    alter table subject_evaluations
      add constraint subject_evaluations_kind_check
        check (kind in ('public-comment', 'supervision-survey')),
      add constraint subject_evaluations_channel_check
        check (channel in ('suggestion-box', 'hotline', 'email', 'survey')),
      add constraint subject_evaluations_one_subject
        check (num_nonnulls(institution_id, item_code, platform_id) = 1),
      add constraint subject_evaluations_level_check check (level in (${quoted(LEVELS)}))
  `);
  for (const dimension of DIMENSIONS) {
    await knex.raw(`
      alter table subject_evaluations add constraint subject_evaluations_${dimension}_level
        check (${dimension} is null or ${dimension} in (${quoted(LEVELS)}))
    `);
  }
  await knex.raw(`
    create trigger subject_evaluations_append_only before update or delete on subject_evaluations
      for each row execute function refuse_record_change();
    create trigger subject_evaluations_no_truncate before truncate on subject_evaluations
      for each statement execute function refuse_record_change();
    grant select, insert on subject_evaluations to hcp_app_writer;
    grant usage on sequence subject_evaluations_sequence_seq to hcp_app_writer;
  `);
  await knex.raw(`
    create view counted_ratings as
      select e.id, 'evaluations'::text as ledger,
             case when e.channel in ('window-device', 'qr-code', 'paper-form') then 'on-site'
                  else 'online' end as kind,
             e.channel, e.level, e.rated_at, e.service_record_id,
             null::varchar as institution_id, null::varchar as item_code, null::varchar as platform_id
        from counted_evaluations e
      union all
      select s.id, 'subject_evaluations', s.kind, s.channel, s.level, s.rated_at, null,
             s.institution_id, s.item_code, s.platform_id
        from subject_evaluations s
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view if exists counted_ratings');
  await knex.schema.dropTable('subject_evaluations');
}
