// Evidence and decisions about ratings (art. 19).
//
// attachments: files a unit uploads to a case (appeal evidence). The bytes live in the row so a case's
// record is one backup; 10 MB at most (checked at the edge, again here). Evidence that an appeal
// decision rests on must not change afterwards: a trigger refuses UPDATE and DELETE.
//
// evaluation_decisions: a recorded decision that a rating is not adopted (复核为无效差评或恶意差评). The
// rating itself never changes (art. 23); statistics leave it out by reading counted_evaluations.
// Append-only like evaluations; one decision per case, so a redelivered worker writes nothing new.
import type { Knex } from 'knex';

// A released migration never changes, so the limit is written out here rather than imported.
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachments', (table) => {
    table.uuid('id').primary();
    table.uuid('case_id').notNullable().references('id').inTable('cases');
    table.text('file_name').notNullable();
    // What the bytes are (magic bytes), not what the uploader declared.
    table.string('content_type', 64).notNullable();
    table.integer('size').notNullable();
    table.string('sha256', 64).notNullable();
    table.binary('content').notNullable();
    // Until accounts exist: the name the uploader gives in x-hcp-user.
    table.text('uploaded_by').notNullable();
    table.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['case_id', 'uploaded_at']);
  });
  await knex.raw(
    `alter table attachments
       add constraint attachments_content_type_check
         check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
       add constraint attachments_size_check
         check (size > 0 and size <= ${MAX_ATTACHMENT_BYTES} and size = octet_length(content))`,
  );
  await knex.schema.createTable('evaluation_decisions', (table) => {
    table.bigIncrements('id');
    table.uuid('evaluation_id').notNullable().references('id').inTable('evaluations');
    // One decision per case: the appeal decides once, and a repeated delivery must not add a second.
    table.uuid('case_id').notNullable().unique().references('id').inTable('cases');
    table.string('decision', 32).notNullable();
    table.string('reason', 32).notNullable();
    // The reviewer's reasons: why the rating is invalid or malicious.
    table.text('basis').notNullable();
    // The deciding body (the approval department) until accounts name the person.
    table.string('decided_by', 64);
    table.timestamp('decided_at', { useTz: true }).notNullable();
    table.index(['evaluation_id']);
  });
  await knex.raw(`
    alter table evaluation_decisions
      add constraint evaluation_decisions_decision_check check (decision in ('not-adopted')),
      add constraint evaluation_decisions_reason_check check (reason in ('invalid', 'malicious'));
    create function refuse_record_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only (证据与评价处理决定不可修改或删除)', tg_table_name;
    end $$;
    create trigger attachments_append_only before update or delete on attachments
      for each row execute function refuse_record_change();
    create trigger evaluation_decisions_append_only before update or delete on evaluation_decisions
      for each row execute function refuse_record_change();
    create view counted_evaluations as
      select e.* from evaluations e
      where not exists (
        select 1 from evaluation_decisions d where d.evaluation_id = e.id and d.decision = 'not-adopted'
      );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view if exists counted_evaluations');
  await knex.schema.dropTable('evaluation_decisions');
  await knex.schema.dropTable('attachments');
  await knex.raw('drop function if exists refuse_record_change()');
}
