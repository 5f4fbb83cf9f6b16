// The engine's optimistic-locking refusals, told apart from its other errors, and tried again (issue 4:
// two consultation opinions completed at the same moment). The error bodies are those Operaton 1.0.3 gives.
import assert from 'node:assert/strict';
import { EngineError, isOptimisticLockingFailure, retryingEngineConflicts } from '../../infra/engine-rest.ts';

/** What POST /task/{id}/complete answered when another transaction had changed the instance first. */
const lockingFailure = () =>
  new EngineError(
    500,
    "POST /task/t1/complete: 500 Cannot complete task t1: ENGINE-03005 Execution of 'INSERT VariableInstanceEntity[v1]' failed. Entity was updated by another transaction concurrently.",
    { type: 'RestException', code: 1 },
  );

const taskGone = () =>
  new EngineError(500, 'POST /task/t1/complete: 500 Cannot find task with id t1: task is null', {
    type: 'RestException',
    code: 0,
  });

describe('the engine refusing a change made concurrently (issue 4)', () => {
  it('given the error bodies the engine gives, then only the optimistic-locking ones are conflicts', () => {
    assert.ok(isOptimisticLockingFailure(lockingFailure()));
    assert.ok(isOptimisticLockingFailure(new EngineError(500, 'x', { type: 'OptimisticLockingException' })));
    assert.ok(
      isOptimisticLockingFailure(
        new EngineError(500, 'Entity was updated by another transaction concurrently'),
      ),
      'an engine that gives no code is recognised by its message',
    );
    assert.ok(!isOptimisticLockingFailure(taskGone()));
    assert.ok(!isOptimisticLockingFailure(new EngineError(404, 'gone', { code: 1 })), 'only a 500');
    assert.ok(!isOptimisticLockingFailure(new Error('updated by another transaction concurrently')));
  });

  it('given an attempt that conflicts twice, then the third attempt runs and its result is returned', async () => {
    let attempts = 0;
    const result = await retryingEngineConflicts(
      async () => {
        attempts++;
        if (attempts < 3) throw lockingFailure();
        return 'completed';
      },
      { pauseMs: 1 },
    );
    assert.equal(result, 'completed');
    assert.equal(attempts, 3);
  });

  it('given another error, then it is not tried again', async () => {
    let attempts = 0;
    await assert.rejects(
      retryingEngineConflicts(
        async () => {
          attempts++;
          throw taskGone();
        },
        { pauseMs: 1 },
      ),
      /Cannot find task/,
    );
    assert.equal(attempts, 1);
  });

  it('given conflicts that do not stop, then the last one is thrown after the allowed attempts', async () => {
    let attempts = 0;
    await assert.rejects(
      retryingEngineConflicts(
        async () => {
          attempts++;
          throw lockingFailure();
        },
        { attempts: 4, pauseMs: 1 },
      ),
      (error: unknown) => isOptimisticLockingFailure(error),
    );
    assert.equal(attempts, 4);
  });
});
