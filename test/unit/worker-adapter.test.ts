import assert from 'node:assert/strict';
import {
  caseStepWorker,
  failureReport,
  remainingRetries,
  runHandler,
  settleRetryingConflicts,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_TIMEOUT_MS,
} from '../../workers/adapter.ts';
import { uniqueWorkerId } from '../../workers/main.ts';
import * as schedule from '../../workers/invitation-schedule.ts';
import * as reminder from '../../workers/invitation-reminder.ts';
import * as unrated from '../../workers/invitation-unrated.ts';
import type { WorkerDeps } from '../../workers/deps.ts';
import type { ExternalTask, TopicWorker } from '../../workers/adapter.ts';

const task: ExternalTask = {
  id: 't1',
  topic: 'demo',
  businessKey: 'k',
  processInstanceId: 'p',
  activityId: 'a',
  variable: () => undefined,
};

describe('the worker adapter', () => {
  it('given a handler that throws, then the outcome is a failure carrying the reason, not an escaped exception', async () => {
    const throwing: TopicWorker = {
      topic: 'demo',
      lockDurationMs: 1000,
      handle: () => Promise.reject(new Error('database unreachable')),
    };
    const outcome = await runHandler(throwing, task);
    assert.equal(outcome.kind, 'failure');
    assert.match((outcome as { message: string }).message, /database unreachable/);
  });

  it('given the retries the engine reports, then each failure uses one up and never goes below zero', () => {
    assert.equal(remainingRetries(null), DEFAULT_RETRIES - 1);
    assert.equal(remainingRetries(1), 0);
    assert.equal(remainingRetries(0), 0);
  });

  it('given a worker with its own retry count, then the first failure counts down from it, not from the default', () => {
    assert.equal(remainingRetries(null, 20), 19);
    assert.equal(remainingRetries(undefined, 20), 19);
    assert.equal(remainingRetries(7, 20), 6, 'later deliveries count down from what the engine reports');
    const worker = caseStepWorker('demo', 1000, () => Promise.resolve({ kind: 'complete' }), { retries: 20 });
    assert.equal(worker.retries, 20);
    assert.equal(
      caseStepWorker('demo', 1000, () => Promise.resolve({ kind: 'complete' })).retries,
      undefined,
    );
  });

  it("given a failure outcome, then the engine is told the retries left and the outcome's back-off", () => {
    const failure = { kind: 'failure' as const, message: 'hotline unreachable', retryTimeoutMs: 40_000 };
    assert.deepEqual(failureReport(failure, null, 20), {
      errorMessage: 'hotline unreachable',
      errorDetails: 'hotline unreachable',
      retries: 19,
      retryTimeout: 40_000,
    });
    const notYet = {
      kind: 'failure' as const,
      message: 'window open',
      retryTimeoutMs: 86_400_000,
      keepRetries: true,
    };
    assert.equal(failureReport(notYet, null, 360).retries, 360, '"not yet" uses up no retry');
    assert.equal(failureReport(notYet, 12, 360).retries, 12);
    const plain = failureReport({ kind: 'failure', message: 'x' }, null);
    assert.equal(plain.retries, DEFAULT_RETRIES - 1);
    assert.equal(plain.retryTimeout, DEFAULT_RETRY_TIMEOUT_MS);
  });

  it("given the steps of an 办件's invitation (art. 10), which nobody watches, then a database outage of up to an hour leaves no incident", () => {
    const deps = {} as unknown as WorkerDeps;
    for (const step of [schedule, reminder, unrated]) {
      const worker = step.createWorker(deps);
      const retriesLeft: number[] = [];
      let current: number | null = null;
      do {
        current = failureReport(
          { kind: 'failure', message: 'ECONNREFUSED' },
          current,
          worker.retries,
        ).retries;
        retriesLeft.push(current);
      } while (current > 0);
      assert.ok(
        retriesLeft.length * DEFAULT_RETRY_TIMEOUT_MS >= 3_600_000,
        `${worker.topic}: ${retriesLeft.length} failures before an incident`,
      );
    }
  });

  it('given a case step without a business key, then it fails without running the step', async () => {
    let ran = false;
    const worker = caseStepWorker('demo', 1000, () => {
      ran = true;
      return Promise.resolve({ kind: 'complete' });
    });
    const outcome = await worker.handle({ ...task, businessKey: null });
    assert.equal(outcome.kind, 'failure');
    assert.equal(ran, false);
    assert.equal((await worker.handle(task)).kind, 'complete');
  });

  it('given two worker processes, then their ids differ', () => {
    assert.notEqual(uniqueWorkerId('w'), uniqueWorkerId('w'));
  });
});

describe('reporting an outcome the engine refused for a concurrent change', () => {
  it('given a refusal for another transaction changing the instance, then the report is made again until it is taken; any other error goes up at once', async () => {
    let calls = 0;
    await settleRetryingConflicts(async () => {
      calls += 1;
      if (calls < 3) {
        throw new Error(
          'Response code 500 (Internal Server Error); Error: ENGINE-03005 Entity was updated by another transaction concurrently.; Type: OptimisticLockingException; Code: 1',
        );
      }
    });
    assert.equal(calls, 3);
    let parentGone = 0;
    await settleRetryingConflicts(async () => {
      parentGone += 1;
      if (parentGone < 2) {
        throw new Error(
          "Response code 500 (Internal Server Error); Error: ENGINE-03077 Cannot resolve parent with id 'p1' of execution 'e1', perhaps it was deleted in the meantime; Type: ProcessEngineException; Code: 0",
        );
      }
    });
    assert.equal(parentGone, 2, 'an execution ended by another transaction is the same race');
    let other = 0;
    await assert.rejects(
      settleRetryingConflicts(async () => {
        other += 1;
        throw new Error('Response code 404 (Not Found)');
      }),
      /404/,
    );
    assert.equal(other, 1);
  });
});
