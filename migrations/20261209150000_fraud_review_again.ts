// A rating dismissed as no fraud (排除刷评) may be flagged again later by another signal — a series of 差评 that
// grew after the dismissal, say. One review per rating (20261203100000) left such a flag hidden from the open
// list and refused its review (fraud_review.already_decided). Now a rating may be reviewed again when a flag was
// raised after its latest review and that review was a dismissal; a confirmation (确认刷评) stays final, at most
// one per rating (infra/stores/fraud-review-store.ts says when).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index evaluation_decisions_one_fraud_review;
    create unique index evaluation_decisions_one_fraud_confirmation on evaluation_decisions (evaluation_id)
      where decision = 'fraud-confirmed';
  `);
}

export async function down(knex: Knex): Promise<void> {
  // Fails while a rating has two reviews: they are evidence and are not removed to roll back.
  await knex.raw(`
    drop index evaluation_decisions_one_fraud_confirmation;
    create unique index evaluation_decisions_one_fraud_review on evaluation_decisions (evaluation_id)
      where decision in ('fraud-confirmed', 'fraud-dismissed');
  `);
}
