// A worker that dies in the middle of the answer step, in this process: it did the step's work but never
// told the engine, which delivers the task again once the 2 s lock runs out (issue 4: at-least-once
// delivery, idempotent workers).
import assert from 'node:assert/strict';
import { eventually } from '../support/fixtures.ts';
import { fromEngineVariables } from '../../infra/engine-variables.ts';
import { createDb } from '../../infra/db.ts';
import { createProtector } from '../../infra/protector.ts';
import { createWorker as createRaterAnswerWorker } from '../../workers/rater-answer.ts';
import type { WorkerDeps } from '../../workers/deps.ts';
import type { Harness } from './harness.ts';

/**
 * With the regular workers stopped (their last long poll back from the engine, see harness.ts), `reachAnswer`
 * brings the case to its rater-answer step; a doomed worker locks that task for 2 s, runs the real handler
 * to its end and never completes it. The regular workers are back when this returns.
 */
export async function answerThenDie(
  harness: Harness,
  caseId: string,
  reachAnswer: () => Promise<unknown>,
): Promise<void> {
  await harness.stopWorkers();
  try {
    await reachAnswer();
    const locked = await eventually(
      async () =>
        (await harness.engine.fetchAndLock('doomed-worker', 'rater-answer', 2000)).find(
          (task) => task.businessKey === caseId,
        ),
      { what: 'the rater-answer task to lock' },
    );
    const variables = fromEngineVariables(locked.variables);
    const db = createDb(harness.environment.DATABASE_URL!, 2);
    try {
      const worker = createRaterAnswerWorker({
        db,
        clock: () => new Date(),
        protector: createProtector('0'.repeat(64)),
      } as unknown as WorkerDeps);
      const outcome = await worker.handle({
        id: locked.id,
        topic: locked.topicName,
        businessKey: locked.businessKey,
        processInstanceId: locked.processInstanceId,
        activityId: locked.activityId,
        variable: (name) => variables[name],
      });
      assert.equal(outcome.kind, 'complete', 'its work was done, and then it died');
    } finally {
      await db.destroy();
    }
  } finally {
    harness.startWorkers();
  }
}
