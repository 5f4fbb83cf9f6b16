// Every answer to the rater, not only the first (art. 17, issue 4): a dissatisfied return visit sends the
// case round again and the rater is answered again; a 差评 not adopted after an appeal is answered too.
// rater_answers keeps one row a round — (case_id, round) — with the external task that wrote it (a
// redelivered task finds its row and writes nothing more) and what the answer is about. Existing rows are
// round 1; their task and kind stay unknown (null).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('rater_answers', (table) => {
    table.integer('round').notNullable().defaultTo(1);
    // The engine's external task id: the same on every delivery of one answer step, new in the next round.
    table.string('task_id', 64).unique();
    table.enu('kind', ['rectification', 'consultation', 'not-adopted']);
  });
  await knex.raw('alter table rater_answers drop constraint rater_answers_pkey');
  await knex.raw('alter table rater_answers add constraint rater_answers_pkey primary key (case_id, round)');
}

export async function down(knex: Knex): Promise<void> {
  // One answer a case again: the later rounds cannot be kept.
  await knex('rater_answers').where('round', '>', 1).delete();
  await knex.raw('alter table rater_answers drop constraint rater_answers_pkey');
  await knex.raw('alter table rater_answers add constraint rater_answers_pkey primary key (case_id)');
  await knex.schema.alterTable('rater_answers', (table) => {
    table.dropColumn('kind');
    table.dropColumn('task_id');
    table.dropColumn('round');
  });
}
