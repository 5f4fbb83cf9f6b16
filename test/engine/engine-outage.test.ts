// With the engine down the API still takes ratings; their cases start when it returns (the outbox),
// exactly once, thanks to the business key.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { postBadReview, waitForTask } from './cases.ts';
import { eventually, getJson } from '../support/fixtures.ts';

describe('an engine outage (issue 2)', () => {
  it('given the engine is stopped, when a 差评 is posted, then it is stored, health says the engine is down, and the case starts once the engine is back', async () => {
    const harness = getHarness();
    await harness.stopEngine();
    let caseId: string;
    try {
      const health = await getJson(harness.apiUrl, '/api/health');
      assert.equal(health.status, 503);
      assert.equal(health.body.engine, 'down');
      assert.equal(health.body.database, 'up');

      caseId = await postBadReview(harness);
      const pending = await harness.db('cases').where({ id: caseId }).first();
      assert.equal(pending.status, 'pending-start');
      await eventually(
        async () => {
          const row = await harness.db('outbox').where({ case_id: caseId }).first();
          return row.attempts > 0 ? row : undefined;
        },
        { what: 'a failed start attempt' },
      );
    } finally {
      await harness.startEngine();
    }
    const task = await waitForTask(harness, caseId, 'Task_VerifyComplaint', 'xa-market', 60_000);
    assert.ok(task.id);
    const instances = await harness.engine.historicProcessInstances({ processInstanceBusinessKey: caseId });
    assert.equal(instances.length, 1, 'exactly one process instance for the case');
    const health = await getJson(harness.apiUrl, '/api/health');
    assert.equal(health.status, 200);
  });
});
