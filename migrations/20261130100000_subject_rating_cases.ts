// A 差评 among the 综合点评 (art. 14: suggestion box, hotline, e-mail; a rating of an institution, item or
// platform without a 办件) opens a case like a 差评 of a 办件 (art. 16–17; 国办发〔2019〕51号: every 差评 is
// rectified and answered). A case, and a decision about its rating, now name a rating of either ledger —
// exactly one. `case_ratings` shows each case's rating whichever ledger holds it, with what routing and the
// screens need: the 办件 (or none), the item, institution and platform, and the unit that answers for it
// (谁办理、谁负责: the 办件's handling unit; for a rating without a 办件 the institution's or the item's
// department; a platform goes to its builder by the routing rules). `counted_ratings` leaves out a 综合点评
// not adopted after an appeal, as counted_evaluations does for ratings of a 办件.
import type { Knex } from 'knex';

const CASE_RATINGS = `
  create view case_ratings as
    select c.id as case_id, 'evaluations'::text as ledger, e.id as rating_id, null::text as kind,
           null::varchar(128) as source_ref, e.target, e.channel::text as channel, e.level::text as level,
           e.tags, e.text, e.real_name, e.rater_name_masked::text as rater_name_masked,
           e.rater_name_encrypted, e.rater_phone_masked::text as rater_phone_masked, e.rater_phone_encrypted,
           e.rated_at, e.service_record_id::text as service_record_id, r.channel::text as service_channel,
           r.item_code::text as item_code, r.institution_id::text as institution_id,
           r.platform_id::text as platform_id, r.handling_department_id::text as unit_department_id
      from cases c
      join evaluations e on e.id = c.evaluation_id
      join service_records r on r.id = e.service_record_id
    union all
    select c.id, 'subject_evaluations', s.id, s.kind::text, s.source_ref,
           case when s.platform_id is not null then 'platform' else 'service' end,
           s.channel::text, s.level::text, s.tags, s.text, s.real_name, s.rater_name_masked::text,
           s.rater_name_encrypted, s.rater_phone_masked::text, s.rater_phone_encrypted, s.rated_at, null, null,
           s.item_code::text, s.institution_id::text, s.platform_id::text,
           coalesce(i.department_id, si.department_id)::text
      from cases c
      join subject_evaluations s on s.id = c.subject_evaluation_id
      left join institutions i on i.id = s.institution_id
      left join service_items si on si.code = s.item_code`;

const COUNTED_RATINGS = (subjectFilter: string) => `
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
    ${subjectFilter}`;

const NOT_ADOPTED_SUBJECT = `
     where not exists (
       select 1 from evaluation_decisions d
        where d.subject_evaluation_id = s.id and d.decision = 'not-adopted'
     )`;

export async function up(knex: Knex): Promise<void> {
  for (const table of ['cases', 'evaluation_decisions']) {
    await knex.raw(`alter table ${table} alter column evaluation_id drop not null`);
    await knex.schema.alterTable(table, (builder) => {
      builder.uuid('subject_evaluation_id').references('id').inTable('subject_evaluations');
    });
    await knex.raw(
      `alter table ${table} add constraint ${table}_one_rating
         check (num_nonnulls(evaluation_id, subject_evaluation_id) = 1)`,
    );
  }
  await knex.schema.alterTable('cases', (table) => table.unique(['subject_evaluation_id']));
  await knex.schema.alterTable('evaluation_decisions', (table) => table.index(['subject_evaluation_id']));
  await knex.raw(CASE_RATINGS);
  await knex.raw('drop view counted_ratings');
  await knex.raw(COUNTED_RATINGS(NOT_ADOPTED_SUBJECT));
  await knex.raw('grant select on case_ratings to hcp_app_writer');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view counted_ratings');
  await knex.raw(COUNTED_RATINGS(''));
  await knex.raw('drop view case_ratings');
  // Cases of 综合点评 cannot be kept by the schema before this one.
  for (const table of ['evaluation_decisions', 'cases']) {
    await knex.raw(`alter table ${table} drop constraint ${table}_one_rating`);
    await knex.schema.alterTable(table, (builder) => builder.dropColumn('subject_evaluation_id'));
    await knex.raw(`alter table ${table} alter column evaluation_id set not null`);
  }
}
