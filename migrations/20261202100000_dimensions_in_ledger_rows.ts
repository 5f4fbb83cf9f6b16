// A rating's four dimensions (art. 7: 服务态度, 服务质量, 服务效率, 服务环境) move into its ledger row and so
// into its hash (issue 5: ratings are tamper-evident evidence, and the dimensions are part of the rating).
//
// Until now they sat beside the chain in evaluation_dimensions: append-only, but a superuser who switched
// its triggers off could change a dimension without `hcp ledger verify` noticing. From this migration on:
// - evaluations has four nullable columns, checked like evaluation_dimensions' (NOT VALID: every existing
//   row holds NULL there, so there is nothing to scan on a ledger of tens of millions);
// - canonicalRow (domain/evaluation/ledger.ts) gives a rating that rated any dimension a twelfth element; a
//   rating that rated none keeps the eleven of before, so every hash already stored verifies unchanged;
// - evaluation_dimensions keeps the dimensions of ratings stored before, and takes no new rows (the app's
//   role loses INSERT, and a trigger refuses it for everyone else); `rating_dimensions` reads both.
import type { Knex } from 'knex';

const LEVELS = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied', 'very-dissatisfied'];
const DIMENSIONS = ['attitude', 'quality', 'efficiency', 'environment'];

export async function up(knex: Knex): Promise<void> {
  const levels = LEVELS.map((level) => `'${level}'`).join(', ');
  await knex.raw(
    `alter table evaluations ${DIMENSIONS.map((d) => `add column ${d} varchar(32)`).join(', ')}`,
  );
  for (const dimension of DIMENSIONS) {
    await knex.raw(`
      alter table evaluations add constraint evaluations_${dimension}_level
        check (${dimension} is null or ${dimension} in (${levels})) not valid
    `);
  }
  await knex.raw(`
    create function refuse_legacy_dimensions() returns trigger language plpgsql as $$
    begin
      raise exception 'evaluation_dimensions takes no new rows: a rating''s dimensions are in its ledger row (评价维度随评价记录入链)'
        using errcode = 'insufficient_privilege';
    end $$;
    create trigger evaluation_dimensions_closed before insert on evaluation_dimensions
      for each statement execute function refuse_legacy_dimensions();
    revoke insert on evaluation_dimensions from hcp_app_writer;
    create view rating_dimensions as
      select id as evaluation_id, ${DIMENSIONS.join(', ')} from evaluations
       where coalesce(${DIMENSIONS.join(', ')}) is not null
      union all
      select evaluation_id, ${DIMENSIONS.join(', ')} from evaluation_dimensions;
    grant select on rating_dimensions to hcp_app_writer;
  `);
}

/** Refused once a rating holds its dimensions in its row: dropping the columns would break its hash. */
export async function down(knex: Knex): Promise<void> {
  const held = await knex.raw<{ rows: { count: string }[] }>(
    `select count(*) from evaluations where coalesce(${DIMENSIONS.join(', ')}) is not null`,
  );
  const count = Number(held.rows[0]!.count);
  if (count > 0) {
    throw new Error(
      `cannot roll back: ${count} ratings hold their dimensions in their hashed ledger row (${count} 条评价的维度已入链)`,
    );
  }
  await knex.raw(`
    drop view rating_dimensions;
    grant insert on evaluation_dimensions to hcp_app_writer;
    drop trigger evaluation_dimensions_closed on evaluation_dimensions;
    drop function refuse_legacy_dimensions();
  `);
  await knex.raw(`alter table evaluations ${DIMENSIONS.map((d) => `drop column ${d}`).join(', ')}`);
}
