// A supervisor's review of a fraud-flagged rating (art. 23: 查处弄虚作假刷“好评”和恶意“差评”), issue 5.
//
// A flag (fraud_flags) is a reason to look, never a verdict. The supervisor whose jurisdiction holds the
// rating looks and decides once: 'fraud-confirmed' (the rating is fraudulent and leaves the statistics) or
// 'fraud-dismissed' (the rating stands; the flag is answered). Both are rows of evaluation_decisions beside
// the appeal's 'not-adopted' — append-only like it — with no case (a 好评 has none), no appeal reason, the
// reviewer's basis and the reviewer's account in decided_by. One review per rating: a partial unique index,
// so a repeated request writes nothing new.
//
// counted_evaluations, which statistics read (and counted_ratings through it), now leaves out a rating whose
// fraud is confirmed as it leaves out one not adopted after an appeal.
import type { Knex } from 'knex';

const FRAUD_REVIEWS = "('fraud-confirmed', 'fraud-dismissed')";

// The view's columns stay those it was made with, so that `create or replace` changes only its filter, both
// ways, and keeps the grants a deployment gave on it (docs/ledger.md) and counted_ratings, which reads it.
const counted = (excluded: string) => `
  create or replace view counted_evaluations as
    select e.id, e.sequence, e.service_record_id, e.target, e.channel, e.level, e.tags, e.text,
           e.real_name, e.rater_name_masked, e.rater_name_encrypted, e.rater_phone_masked,
           e.rater_phone_encrypted, e.rated_at, e.previous_hash, e.hash
      from evaluations e
     where not exists (
       select 1 from evaluation_decisions d where d.evaluation_id = e.id and d.decision in ${excluded}
     )`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table evaluation_decisions
      alter column case_id drop not null,
      alter column reason drop not null,
      drop constraint evaluation_decisions_decision_check,
      drop constraint evaluation_decisions_reason_check;
    alter table evaluation_decisions
      add constraint evaluation_decisions_decision_check
        check (decision in ('not-adopted', 'fraud-confirmed', 'fraud-dismissed')),
      add constraint evaluation_decisions_reason_check check (
        (decision = 'not-adopted' and case_id is not null and reason in ('invalid', 'malicious'))
        or (decision in ${FRAUD_REVIEWS} and case_id is null and reason is null
            and evaluation_id is not null and decided_by is not null)
      );
    create unique index evaluation_decisions_one_fraud_review on evaluation_decisions (evaluation_id)
      where decision in ${FRAUD_REVIEWS};
  `);
  await knex.raw(counted("('not-adopted', 'fraud-confirmed')"));
}

export async function down(knex: Knex): Promise<void> {
  const reviewed = await knex('evaluation_decisions').whereIn('decision', [
    'fraud-confirmed',
    'fraud-dismissed',
  ]);
  if (reviewed.length > 0) {
    throw new Error(
      `evaluation_decisions holds ${reviewed.length} fraud review(s), which the schema before this migration cannot keep; they are append-only and stay`,
    );
  }
  await knex.raw(counted("('not-adopted')"));
  await knex.raw(`
    drop index evaluation_decisions_one_fraud_review;
    alter table evaluation_decisions
      drop constraint evaluation_decisions_reason_check,
      drop constraint evaluation_decisions_decision_check;
    alter table evaluation_decisions
      add constraint evaluation_decisions_decision_check check (decision in ('not-adopted')),
      add constraint evaluation_decisions_reason_check check (reason in ('invalid', 'malicious')),
      alter column reason set not null,
      alter column case_id set not null;
  `);
}
