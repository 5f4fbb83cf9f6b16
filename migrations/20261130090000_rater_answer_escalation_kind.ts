// A case the approval department closes on its escalation is answered to the rater too (art. 17):
// rater_answers.kind gains 'escalation-closed'.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table rater_answers drop constraint rater_answers_kind_check');
  await knex.raw(
    `alter table rater_answers add constraint rater_answers_kind_check
       check (kind in ('rectification', 'consultation', 'not-adopted', 'escalation-closed'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // Such answers stay, their kind unknown, as for answers written before kinds were kept.
  await knex('rater_answers').where({ kind: 'escalation-closed' }).update({ kind: null });
  await knex.raw('alter table rater_answers drop constraint rater_answers_kind_check');
  await knex.raw(
    `alter table rater_answers add constraint rater_answers_kind_check
       check (kind in ('rectification', 'consultation', 'not-adopted'))`,
  );
}
