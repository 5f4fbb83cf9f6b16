// art. 10: 未评 is recorded for a 办件 not rated within the 5 working days after its reminder. A rating given
// within them but entered after 未评 was recorded — a paper form dated on the spot and imported the next week,
// a partner platform's rating sent on late — still counts: the rater did rate in time. The ledger's statement
// check (20261202110000) refused every rating of a 办件 recorded 未评; it now refuses only one dated after the
// window, its last second whole (domain/evaluation/invitation.ts isAfterRatingWindow). The 未评 row stays, as
// evidence is never removed; the 未评 count leaves out a 办件 rated after all (infra/stores/statistics-store.ts).
import type { Knex } from 'knex';

const CONSTRAINT = 'evaluations_not_after_unrated';

async function replaceCheck(knex: Knex, inTime: string): Promise<void> {
  const found = await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema');
  const schema = found.rows[0]!.schema;
  await knex.raw(`
    create or replace function ${CONSTRAINT}_check() returns trigger language plpgsql
      security definer set search_path = pg_catalog, pg_temp as $$
    declare
      unrated text;
    begin
      select a.service_record_id::text into unrated from added_rows a
       where exists (select 1 from "${schema}".unrated_service_records u
                      where u.service_record_id = a.service_record_id${inTime})
       limit 1;
      if found then
        raise exception '办件 % 已记录为“未评”，不再接受评价', unrated
          using errcode = 'check_violation', constraint = '${CONSTRAINT}', table = tg_table_name;
      end if;
      return null;
    end $$;
  `);
}

export async function up(knex: Knex): Promise<void> {
  await replaceCheck(
    knex,
    `\n                        and date_trunc('second', a.rated_at) > u.window_closed_at`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await replaceCheck(knex, '');
}
