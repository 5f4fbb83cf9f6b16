// The worker behind 记录不予采纳 (issue 4, art. 19) against a real PostgreSQL: delivered twice it records
// one decision and one timeline event, and never touches the rating.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createWorker } from '../../workers/appeal-decision-record.ts';
import { openBadReviewCase } from '../support/cases-in-db.ts';
import { freshAppDatabase } from '../support/databases.ts';
import type { Db } from '../../infra/db.ts';
import type { ExternalTask, TopicWorker } from '../../workers/adapter.ts';

describe('appeal-decision-record (issue 4)', () => {
  let db: Db;
  let worker: TopicWorker;
  const now = new Date('2026-12-01T02:00:00Z');

  before(async () => {
    ({ db } = await freshAppDatabase('hcp_test_db_appeal_decision'));
    worker = createWorker({ db, clock: () => now });
  });

  after(() => db.destroy());

  const openCase = () => openBadReviewCase(db, { at: now });

  function delivery(caseId: string | null, variables: Record<string, unknown>): ExternalTask {
    return {
      id: randomUUID(),
      topic: 'appeal-decision-record',
      businessKey: caseId,
      processInstanceId: randomUUID(),
      activityId: 'Task_RecordNotAdopted',
      variable: (name) => variables[name],
    };
  }

  it('given a malicious decision, when the task is delivered twice, then one decision and one event, and the rating is untouched', async () => {
    const caseId = await openCase();
    const rating = await db('evaluations').where({ id: caseId }).first();
    const task = delivery(caseId, {
      appealDecision: 'malicious',
      appealDecisionReasons: '同一号码一小时内对八个窗口差评',
      approvalGroup: 'xa-approval',
    });
    assert.deepEqual(await worker.handle(task), { kind: 'complete' });
    assert.deepEqual(await worker.handle(task), { kind: 'complete' });
    const decisions = await db('evaluation_decisions').where({ case_id: caseId });
    assert.equal(decisions.length, 1);
    assert.equal(decisions[0].reason, 'malicious');
    assert.equal(decisions[0].decided_by, 'xa-approval');
    assert.equal(new Date(decisions[0].decided_at).getTime(), now.getTime());
    assert.equal((await db('case_events').where({ case_id: caseId, kind: 'rating-not-adopted' })).length, 1);
    assert.deepEqual(await db('evaluations').where({ id: caseId }).first(), rating);
  });

  it('given a valid decision, no reasons or no business key, when the task runs, then it fails with a reason and writes nothing', async () => {
    const caseId = await openCase();
    const outcomes = await Promise.all([
      worker.handle(delivery(caseId, { appealDecision: 'valid', appealDecisionReasons: '有效' })),
      worker.handle(delivery(caseId, { appealDecision: 'invalid', appealDecisionReasons: ' ' })),
      worker.handle(delivery(null, { appealDecision: 'invalid', appealDecisionReasons: '无效' })),
      worker.handle(delivery(randomUUID(), { appealDecision: 'invalid', appealDecisionReasons: '无效' })),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.kind),
      ['failure', 'failure', 'failure', 'failure'],
    );
    assert.equal((await db('evaluation_decisions').where({ case_id: caseId })).length, 0);
  });
});
