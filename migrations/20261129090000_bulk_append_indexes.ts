// Index upkeep on the ledger's append path (issue 5's bulk-import rate). Each index costs every appended
// rating an insert into a B-tree; these ones bought nothing:
// - `hash` unique (evaluations, subject_evaluations): nothing looks a rating up by its hash, and a hash is a
//   SHA-256 of its predecessor's hash and the row, so two equal hashes cannot arise except by tampering,
//   which `hcp ledger verify` finds (it walks `sequence`, whose unique index stays). Random 64-character keys
//   made it the dearest index of the table: about a third of the cost of a COPY into evaluations.
// - evaluation_identifiers: a rating has mostly one or two of the four identifiers (a phone; a device and an
//   IP), and every NULL was indexed too. The fraud rules look identifiers up only by equality, which the
//   partial indexes (`where … is not null`) answer as before.
import type { Knex } from 'knex';

const IDENTIFIER_COLUMNS = ['phone_hash', 'device_id', 'ip', 'account'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table evaluations drop constraint evaluations_hash_unique');
  await knex.raw('alter table subject_evaluations drop constraint subject_evaluations_hash_unique');
  for (const column of IDENTIFIER_COLUMNS) {
    await knex.raw(`drop index evaluation_identifiers_${column}_index`);
    await knex.raw(
      `create index evaluation_identifiers_${column}_index on evaluation_identifiers (${column})
        where ${column} is not null`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const column of IDENTIFIER_COLUMNS) {
    await knex.raw(`drop index evaluation_identifiers_${column}_index`);
    await knex.raw(
      `create index evaluation_identifiers_${column}_index on evaluation_identifiers (${column})`,
    );
  }
  await knex.raw(
    'alter table subject_evaluations add constraint subject_evaluations_hash_unique unique (hash)',
  );
  await knex.raw('alter table evaluations add constraint evaluations_hash_unique unique (hash)');
}
