// A worker killed in the middle of a task: it wrote its effects but never told the engine. The engine
// delivers the task again once the lock expires; the second run must change nothing more (issue 4).
import assert from 'node:assert/strict';
import { getHarness } from './harness.ts';
import { completeStage, postBadReview, waitForTask } from './cases.ts';
import { eventually } from '../support/fixtures.ts';
import { fromEngineVariables } from '../../infra/engine-variables.ts';
import { createDb } from '../../infra/db.ts';
import { createProtector } from '../../infra/protector.ts';
import { createWorker as createRaterAnswerWorker } from '../../workers/rater-answer.ts';
import type { WorkerDeps } from '../../workers/deps.ts';

describe('a worker that dies mid-task (issue 4)', () => {
  it('given the answer step ran but its worker died before completing, when the engine redelivers it, then the rater gets one answer and one SMS', async () => {
    const harness = getHarness();
    const caseId = await postBadReview(harness);
    await completeStage(harness, caseId, 'Task_VerifyComplaint', { outcome: 'valid', findings: '属实' });

    // The regular workers stop polling; a doomed worker takes the answer task with a short lock.
    await harness.stopWorkers();
    // A long poll the stopped client sent before stopping stays open at the engine for up to 10 s and
    // would still take a new task: let it run out empty first.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    let restarted = false;
    try {
      await completeStage(harness, caseId, 'Task_RectifyComplaint', {
        problem: '答复生硬',
        actions: '已致歉并培训',
      });
      const [locked] = await eventually(
        async () => {
          const tasks = await harness.engine.fetchAndLock('doomed-worker', 'rater-answer', 2000);
          return tasks.find((task) => task.businessKey === caseId) ? tasks : undefined;
        },
        { what: 'the rater-answer task to lock' },
      );
      const variables = fromEngineVariables(locked!.variables);
      const db = createDb(harness.environment.DATABASE_URL!, 2);
      try {
        const worker = createRaterAnswerWorker({
          db,
          clock: () => new Date(),
          protector: createProtector('0'.repeat(64)),
        } as unknown as WorkerDeps);
        const outcome = await worker.handle({
          id: locked!.id,
          topic: locked!.topicName,
          businessKey: locked!.businessKey,
          processInstanceId: locked!.processInstanceId,
          activityId: locked!.activityId,
          variable: (name) => variables[name],
        });
        assert.equal(outcome.kind, 'complete', 'its work was done …');
      } finally {
        await db.destroy();
      }
      // … and then it died: no complete reaches the engine. The regular workers come back.
      harness.startWorkers();
      restarted = true;
    } finally {
      if (!restarted) harness.startWorkers();
    }

    // After the lock expires the task is delivered again and the case moves on to the return visit.
    await waitForTask(harness, caseId, 'Task_RecordReturnVisit', 'xa-12345', 30_000);
    assert.equal((await harness.db('rater_answers').where({ case_id: caseId })).length, 1);
    assert.equal((await harness.db('notifications').where({ case_id: caseId, channel: 'sms' })).length, 1);
    assert.equal(
      (await harness.db('case_events').where({ case_id: caseId, kind: 'rater-answered' })).length,
      1,
    );
    const [instance] = await harness.engine.historicProcessInstances({
      processInstanceBusinessKey: caseId,
      processDefinitionKey: 'bad-review',
    });
    const answers = (await harness.engine.historicActivities(instance!.id)).filter(
      (activity) => activity.activityId === 'Task_AnswerRater',
    );
    assert.equal(answers.length, 1, 'one answer step in the history, delivered twice');
  });
});
