// A rated 办件's facts that its ratings are judged and counted by — its item, handling unit, institution,
// platform, service channel, batch and theme — no longer change: moving it to another unit would move its
// ratings in every statistic, ranking and jurisdiction without the chain noticing (art. 23). Its times may
// still be corrected (completed_at is reported later). Rated means rated itself or through its batch or its
// theme's overall rating (service_record_ratings); and no 办件 joins a batch or theme already rated.
import type { Knex } from 'knex';

const FIXED_ONCE_RATED = [
  'item_code',
  'handling_department_id',
  'institution_id',
  'platform_id',
  'channel',
  'batch_id',
  'theme_id',
];

export async function up(knex: Knex): Promise<void> {
  const found = await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema');
  const schema = found.rows[0]!.schema;
  const oldRow = FIXED_ONCE_RATED.map((column) => `old.${column}`).join(', ');
  const newRow = FIXED_ONCE_RATED.map((column) => `new.${column}`).join(', ');
  await knex.raw(`
    create function refuse_rated_service_record_change() returns trigger language plpgsql
      set search_path = ${schema}, pg_temp as $$
    begin
      if exists (select 1 from ${schema}.service_record_ratings r where r.service_record_id = old.id) then
        raise exception 'service_records: 办件 % 已有评价，其事项、承办单位、机构、平台、渠道、批次和主题不可再改', old.id
          using errcode = 'restrict_violation';
      end if;
      -- Nor may a 办件 join a batch or theme that was rated: it would take that rating unnoticed.
      if (new.batch_id is distinct from old.batch_id and exists (
            select 1 from ${schema}.evaluations e join ${schema}.service_records mate on mate.id = e.service_record_id
             where mate.batch_id = new.batch_id))
         or (new.theme_id is distinct from old.theme_id and exists (
            select 1 from ${schema}.theme_overall_ratings t where t.theme_id = new.theme_id)) then
        raise exception 'service_records: 批次或主题已有评价，办件 % 不可再加入', old.id
          using errcode = 'restrict_violation';
      end if;
      return new;
    end $$;
    create trigger service_records_fixed_once_rated
      before update of ${FIXED_ONCE_RATED.join(', ')} on service_records
      for each row when ((${oldRow}) is distinct from (${newRow}))
      execute function refuse_rated_service_record_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists service_records_fixed_once_rated on service_records;
    drop function if exists refuse_rated_service_record_change();
  `);
}
