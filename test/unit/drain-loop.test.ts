// The outbox drain loop (infra/outbox/drain-loop.ts): while the engine does not answer, pokes do not each
// try another row; after a short pause the loop tries again, and a success resets the pause.
import assert from 'node:assert/strict';
import { isEngineUnreachable, EngineError } from '../../infra/engine-rest.ts';
import { createDrainLoop, ENGINE_UNREACHABLE, unreachablePauseMs } from '../../infra/outbox/drain-loop.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the outbox drain loop', () => {
  it('given an unreachable engine, when it is poked a hundred times, then it tries once and again only after its pause', async () => {
    let attempts = 0;
    let engineUp = false;
    let rowsLeft = 2;
    const loop = createDrainLoop({
      name: 'test',
      intervalMs: 60_000,
      log: () => undefined,
      next: async () => {
        attempts += 1;
        if (!engineUp) return ENGINE_UNREACHABLE;
        if (rowsLeft === 0) return false;
        rowsLeft -= 1;
        return true;
      },
    });
    await loop.poke();
    for (let poke = 0; poke < 100; poke += 1) await loop.poke();
    assert.equal(attempts, 1, 'paused: the pokes did not reach the engine');
    await sleep(unreachablePauseMs(1) + 50);
    engineUp = true;
    await loop.poke();
    assert.equal(attempts, 1 + 3, 'after the pause: both rows, then none left');
    assert.equal(rowsLeft, 0);
    await loop.stop();
  });

  it('given failures in a row, then the pause grows and stays short', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 10].map(unreachablePauseMs),
      [250, 500, 1000, 2000, 4000, 5000, 5000],
    );
  });

  it('given errors, then only a missing answer counts as unreachable, not an answer with an error', () => {
    assert.equal(isEngineUnreachable(new TypeError('fetch failed')), true);
    assert.equal(isEngineUnreachable(new DOMException('timed out', 'TimeoutError')), true);
    assert.equal(isEngineUnreachable(new EngineError(500, 'ENGINE-01 …')), false);
    assert.equal(isEngineUnreachable(new Error('relation "outbox" does not exist')), false);
  });
});
