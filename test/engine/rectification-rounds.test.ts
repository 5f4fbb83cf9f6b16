// The limit of rectification rounds is configuration (HCP_MAX_RECTIFICATION_ROUNDS, infra/config.ts), not
// a constant of the model (issue 4). It reaches the process as the variable maxRectificationRounds that
// the case-route worker sets when it routes the case; the return-visit gateway compares the round with it.
// Here a worker process started with a limit of 1 routes the case: its first dissatisfied return visit
// escalates to the approval department instead of starting a second round.
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import {
  caseHistory,
  postBadReview,
  timesPassed,
  waitForTask,
  recordReturnVisit,
  verifyAndRectify,
} from './cases.ts';
import { startWorkers } from '../../workers/main.ts';

describe('the configured limit of rectification rounds (issue 4)', () => {
  it('given HCP_MAX_RECTIFICATION_ROUNDS=1, when the first return visit finds the rater dissatisfied, then the case escalates at once', async () => {
    const harness = getHarness();
    // Only a worker process with the limit of 1 polls while the case is routed. Stopping drains: a long
    // poll still open at the engine would otherwise lock a new task in a stopped worker's name.
    await harness.stopWorkers();
    const limited = startWorkers({ ...harness.environment, HCP_MAX_RECTIFICATION_ROUNDS: '1' });
    let caseId: string;
    try {
      caseId = await postBadReview(harness);
      await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    } finally {
      await limited.stop({ drain: true });
      harness.startWorkers();
    }
    const routed = await caseHistory(harness, caseId);
    const variables = await harness.engine.processVariables(routed.instance.id);
    assert.equal(variables.maxRectificationRounds?.value, 1, 'the limit travels with the case');

    await verifyAndRectify(harness, caseId);
    await recordReturnVisit(harness, caseId, 'dissatisfied', '问题仍未解决');

    const escalation = await waitForTask(harness, caseId, 'Task_HandleEscalation', 'xa-approval');
    const history = await caseHistory(harness, caseId);
    assert.equal(timesPassed(history, 'Task_RectifyComplaint'), 1, 'one round only');
    assert.equal(timesPassed(history, 'Task_StartNextRound'), 0);
    assert.equal(timesPassed(history, 'Task_StartEscalationClock'), 1);
    assert.deepEqual(history.open, ['Task_HandleEscalation']);
    const rounds = await harness.db('sla_clocks').where({ case_id: caseId, stage: 'rectify' });
    assert.deepEqual(
      rounds.map((clock) => clock.round),
      [1],
    );
    const escalationClock = await harness
      .db('sla_clocks')
      .where({ case_id: caseId, stage: 'escalation' })
      .first();
    assert.equal(escalationClock.state, 'on-track');
    assert.ok(escalation.dueAt, 'the escalation runs against its own clock');
  });

  it('given the default limit, when a case is routed, then it carries 2 rounds', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await waitForTask(harness, caseId, 'Task_VerifyComplaint');
    const { instance } = await caseHistory(harness, caseId);
    const variables = await harness.engine.processVariables(instance.id);
    assert.equal(variables.maxRectificationRounds?.value, 2);
  });
});
