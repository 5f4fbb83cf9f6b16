// The app's database role for the ratings ledger (issue 5). Ratings and the decisions about them are
// evidence: the app may read and append them, never change or remove them.
//
// hcp_app_writer is a NOLOGIN group role with SELECT and INSERT on evaluations and evaluation_decisions
// (and USAGE on their id sequences), and deliberately no UPDATE, DELETE or TRUNCATE. Production runs the
// app under a login role that is a member of it and does not own the tables (an owner keeps every
// privilege whatever is granted): migrations run as the owner, the app as e.g.
//   create role hcp_app login password '…' in role hcp_app_writer;
// plus that login role's ordinary grants on the working tables (docs/ledger.md).
//
// The row triggers already refuse UPDATE and DELETE for everyone, the owner and superusers included;
// TRUNCATE fires no row trigger, so a statement-level BEFORE TRUNCATE trigger refuses it as well.
//
// Idempotent (running up twice changes nothing; PostgreSQL 14+ for `create or replace trigger`).
// Roles belong to the whole server, not to one database: up creates the role only when it is missing
// (several databases on one server share it), and down drops it only when no other database still
// grants it anything.
import type { Knex } from 'knex';

const ROLE = 'hcp_app_writer';
const LEDGER_TABLES = ['evaluations', 'evaluation_decisions'];
const LEDGER_SEQUENCES = ['evaluations_sequence_seq', 'evaluation_decisions_id_seq'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = '${ROLE}') then
        create role ${ROLE} nologin;
      end if;
    exception
      -- Another database on this server is migrating at the same moment and created it first.
      when duplicate_object or unique_violation then null;
    end $$;
  `);
  await knex.raw(`grant select, insert on ${LEDGER_TABLES.join(', ')} to ${ROLE}`);
  await knex.raw(`grant usage on sequence ${LEDGER_SEQUENCES.join(', ')} to ${ROLE}`);
  await knex.raw(`
    create or replace trigger evaluations_no_truncate before truncate on evaluations
      for each statement execute function refuse_evaluation_change();
    create or replace trigger evaluation_decisions_no_truncate before truncate on evaluation_decisions
      for each statement execute function refuse_record_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists evaluation_decisions_no_truncate on evaluation_decisions');
  await knex.raw('drop trigger if exists evaluations_no_truncate on evaluations');
  const found = await knex.raw<{ rowCount: number }>('select 1 from pg_roles where rolname = ?', [ROLE]);
  if (found.rowCount === 0) return;
  await knex.raw(`revoke all on ${LEDGER_TABLES.join(', ')} from ${ROLE}`);
  await knex.raw(`revoke all on sequence ${LEDGER_SEQUENCES.join(', ')} from ${ROLE}`);
  await knex.raw(`
    do $$
    begin
      drop role if exists ${ROLE};
    exception
      -- Still granted something in another database on this server: leave it to that database.
      when dependent_objects_still_exist then null;
    end $$;
  `);
}
