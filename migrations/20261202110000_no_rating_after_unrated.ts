// art. 10: a 办件 not rated within the 5 working days after its reminder is recorded 未评
// (unrated_service_records), and takes no rating after. The intake refuses a rating dated after the window
// or of a 办件 already recorded 未评 (domain/evaluation/invitation.ts checkRateable). What it cannot see is a
// rating judged just before 未评 was recorded and appended just after: the 未评 worker records under the
// ledger lock that every append holds, and this check — once per insert statement on evaluations, under that
// same lock — refuses such a rating with check_violation (23514) and the constraint name below, which the
// store answers as evaluation.window_closed. A rating appended first is seen by the worker, which then
// records nothing. Security definer with a fixed search path, as the reference checks of 20261201100000.
import type { Knex } from 'knex';

const CONSTRAINT = 'evaluations_not_after_unrated';

export async function up(knex: Knex): Promise<void> {
  const found = await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema');
  const schema = found.rows[0]!.schema;
  await knex.raw(`
    create function ${CONSTRAINT}_check() returns trigger language plpgsql
      security definer set search_path = pg_catalog, pg_temp as $$
    declare
      unrated text;
    begin
      select a.service_record_id::text into unrated from added_rows a
       where exists (select 1 from "${schema}".unrated_service_records u
                      where u.service_record_id = a.service_record_id)
       limit 1;
      if found then
        raise exception '办件 % 已记录为“未评”，不再接受评价', unrated
          using errcode = 'check_violation', constraint = '${CONSTRAINT}', table = tg_table_name;
      end if;
      return null;
    end $$;
    create trigger ${CONSTRAINT} after insert on evaluations
      referencing new table as added_rows
      for each statement execute function ${CONSTRAINT}_check();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop trigger ${CONSTRAINT} on evaluations`);
  await knex.raw(`drop function ${CONSTRAINT}_check()`);
}
