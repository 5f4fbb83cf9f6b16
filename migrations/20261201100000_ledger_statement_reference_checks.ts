// The ledger's references checked once per statement instead of once per row (issue 5, bulk import).
//
// A foreign key checks every inserted row on its own and locks the row it refers to (FOR KEY SHARE), which
// dirties that row's page and writes WAL. For a rating that cost about as much as the rating's own insert:
// on the bulk-import benchmark the three foreign keys below took ~7 µs of PostgreSQL's ~23 µs per rating.
// Here each becomes an AFTER INSERT … FOR EACH STATEMENT trigger that looks at all the rows the statement
// added (a transition table) in one anti-join, and refuses the statement with the same SQLSTATE
// (23503 foreign_key_violation) and the same constraint name as the foreign key did.
//
// The other half of a foreign key — the row referred to cannot go away — is kept by what the referred-to
// tables already are or now become:
// - evaluations are append-only (their row triggers refuse UPDATE and DELETE, a statement trigger refuses
//   TRUNCATE), so a rating's dimensions and identifiers cannot lose their rating;
// - a 办件 (service_records) is now never deleted, truncated or renumbered: ratings, invitations and cases
//   stand on it. The systems that report 办件 correct them (completion times and the like), they do not
//   withdraw them; nothing in this project ever deleted one.
// Without a lock to take, no interleaving of transactions can leave a rating without its 办件.
import type { Knex } from 'knex';

const STATEMENT_CHECKS = [
  {
    table: 'evaluations',
    column: 'service_record_id',
    referred: 'service_records',
    constraint: 'evaluations_service_record_id_foreign',
  },
  {
    table: 'evaluation_dimensions',
    column: 'evaluation_id',
    referred: 'evaluations',
    constraint: 'evaluation_dimensions_evaluation_id_foreign',
  },
  {
    table: 'evaluation_identifiers',
    column: 'evaluation_id',
    referred: 'evaluations',
    constraint: 'evaluation_identifiers_evaluation_id_foreign',
  },
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function refuse_service_record_removal() returns trigger language plpgsql as $$
    begin
      raise exception 'service_records: a 办件 is never deleted or renumbered (评价、邀评与案件以办件为据)'
        using errcode = 'restrict_violation';
    end $$;
    create trigger service_records_never_deleted before delete on service_records
      for each row execute function refuse_service_record_removal();
    create trigger service_records_never_renumbered before update of id on service_records
      for each row when (old.id is distinct from new.id) execute function refuse_service_record_removal();
    create trigger service_records_no_truncate before truncate on service_records
      for each statement execute function refuse_service_record_removal();
  `);
  const found = await knex.raw<{ rows: { schema: string }[] }>('select current_schema() as schema');
  const schema = found.rows[0]!.schema;
  for (const check of STATEMENT_CHECKS) {
    await knex.raw(`alter table ${check.table} drop constraint ${check.constraint}`);
    // One function per check: a trigger function sees its transition table by the name its trigger gives it.
    // Security definer, as a foreign key's check runs as the table's owner: the app's role may append
    // ratings without being allowed to read the table they refer to. So, as PostgreSQL advises for such
    // functions, the table is named with its schema and the search path holds nothing a caller can create
    // (pg_temp last): else a temporary view of the same name would answer for the table, and run the
    // caller's functions as the owner.
    await knex.raw(`
      create function ${check.constraint}_check() returns trigger language plpgsql
        security definer set search_path = pg_catalog, pg_temp as $$
      declare
        missing text;
      begin
        select a.${check.column}::text into missing from added_rows a
         where not exists (select 1 from "${schema}".${check.referred} r where r.id = a.${check.column})
         limit 1;
        if found then
          raise exception 'insert on % violates % (% % is not present in %)', tg_table_name,
            '${check.constraint}', '${check.column}', missing, '${check.referred}'
            using errcode = 'foreign_key_violation', constraint = '${check.constraint}',
                  table = tg_table_name;
        end if;
        return null;
      end $$;
      create trigger ${check.constraint} after insert on ${check.table}
        referencing new table as added_rows
        for each statement execute function ${check.constraint}_check();
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const check of STATEMENT_CHECKS) {
    await knex.raw(`drop trigger ${check.constraint} on ${check.table}`);
    await knex.raw(`drop function ${check.constraint}_check()`);
    await knex.raw(
      `alter table ${check.table} add constraint ${check.constraint}
         foreign key (${check.column}) references ${check.referred} (id)`,
    );
  }
  await knex.raw(`
    drop trigger service_records_no_truncate on service_records;
    drop trigger service_records_never_renumbered on service_records;
    drop trigger service_records_never_deleted on service_records;
    drop function refuse_service_record_removal();
  `);
}
