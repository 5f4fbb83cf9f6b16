// A 办件 reported with a batch or theme that was already rated (art. 9) is refused, as a 办件 moved into one
// is (migration 20261204120000): it would take that rating unnoticed — a batch's one rating applies to the
// 办件 of the application it rated, and a theme's overall rating to the items linked when it was given.
// The constraint name lets the registration route answer 409 service_record.joins_rated_group.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  const found = await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema');
  const schema = found.rows[0]!.schema;
  await knex.raw(`
    create function refuse_join_of_rated_group() returns trigger language plpgsql
      set search_path = ${schema}, pg_temp as $$
    begin
      if (new.batch_id is not null and exists (
            select 1 from ${schema}.evaluations e join ${schema}.service_records mate on mate.id = e.service_record_id
             where mate.batch_id = new.batch_id))
         or (new.theme_id is not null and exists (
            select 1 from ${schema}.theme_overall_ratings t where t.theme_id = new.theme_id)) then
        raise exception 'service_records: 批次或主题已有评价，办件 % 不可再加入', new.id
          using errcode = 'restrict_violation', constraint = 'service_records_joins_rated_group';
      end if;
      return new;
    end $$;
    create trigger service_records_no_join_of_rated_group
      before insert on service_records
      for each row when (new.batch_id is not null or new.theme_id is not null)
      execute function refuse_join_of_rated_group();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists service_records_no_join_of_rated_group on service_records;
    drop function if exists refuse_join_of_rated_group();
  `);
}
