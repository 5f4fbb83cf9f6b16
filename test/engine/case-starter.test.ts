// The case starter (infra/outbox/case-starter.ts) starts a case's process and marks its outbox row in one
// transaction of the app's database. A crash between the two leaves an instance in the engine and the row
// unmarked; the next pass must find that instance by its business key instead of starting a second one.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { postBadReview } from './cases.ts';
import { eventually } from '../support/fixtures.ts';

describe('starting a case twice (issue 2)', () => {
  it('given an instance started in the engine whose outbox row was never marked, when the case starter runs again, then it starts no second instance and marks the row', async () => {
    const { db, engine } = getHarness();
    const caseId = await postBadReview(getHarness());
    const opened = await eventually(
      async () => {
        const row = await db('cases').where({ id: caseId }).first();
        return row?.status === 'open' ? row : undefined;
      },
      { what: `case ${caseId} to start` },
    );
    const started = await db('outbox').where({ case_id: caseId, kind: 'start-case' }).first();
    assert.ok(started.processed_at);

    // The crash: the transaction that marked the row and opened the case rolls back; the instance stays.
    await db.transaction(async (trx) => {
      await trx('outbox')
        .where({ id: started.id })
        .update({ processed_at: null, attempts: started.attempts - 1, available_at: new Date() });
      await trx('cases')
        .where({ id: caseId })
        .update({ status: 'pending-start', process_instance_id: null, opened_at: null });
    });

    const marked = await eventually(
      async () => {
        const row = await db('outbox').where({ id: started.id }).first();
        return row.processed_at ? row : undefined;
      },
      { what: 'the case starter to take the row again' },
    );
    assert.equal(marked.last_error, null);
    assert.equal(marked.attempts, started.attempts);
    const instances = await engine.historicProcessInstances({
      processInstanceBusinessKey: caseId,
      processDefinitionKey: 'bad-review',
    });
    assert.deepEqual(
      instances.map((instance) => instance.id),
      [opened.process_instance_id],
      'one instance: the one started before the crash',
    );
    const reopened = await db('cases').where({ id: caseId }).first();
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.process_instance_id, opened.process_instance_id);
  });
});
