// The after-commit fraud checks (art. 23): ratings stored while a batch is checked wait for the next batch,
// a failed batch is logged and does not stop the next, and `settled` waits for all of it (a server closes
// its database only after).
import assert from 'node:assert/strict';
import { createAfterCommitFraudChecks } from '../../infra/fraud/after-commit.ts';

describe('after-commit fraud checks (issue 5)', () => {
  it('given ratings stored during a check, then they go in the next batch, and settled waits for the last one', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const checks = createAfterCommitFraudChecks(
      {
        checkMany: async (ids) => {
          batches.push([...ids]);
          if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
          return [];
        },
      },
      () => undefined,
      { gatherMs: 0 },
    );
    checks.stored('a');
    checks.stored('b');
    checks.stored('c');
    let settled = false;
    const waiting = checks.settled().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [['a']]);
    assert.equal(settled, false, 'the first batch is still being checked');
    release();
    await waiting;
    assert.deepEqual(batches, [['a'], ['b', 'c']]);
    assert.equal(await checks.settled(), undefined, 'nothing pending: settled at once');
  });

  it('given a batch whose check fails, then it is logged and later ratings are still checked', async () => {
    const lines: string[] = [];
    const checked: string[] = [];
    const checks = createAfterCommitFraudChecks(
      {
        checkMany: async (ids) => {
          if (ids.includes('bad')) throw new Error('connection lost');
          checked.push(...ids);
          return [];
        },
      },
      (line) => lines.push(line),
      { gatherMs: 0 },
    );
    checks.stored('bad');
    await checks.settled();
    checks.stored('good');
    await checks.settled();
    assert.deepEqual(checked, ['good']);
    assert.deepEqual(lines, ['fraud check of 1 ratings failed: Error: connection lost']);
  });

  it('given ratings stored within the gathering time, then they are checked in one batch, after it', async () => {
    const batches: string[][] = [];
    const checks = createAfterCommitFraudChecks(
      {
        checkMany: async (ids) => {
          batches.push([...ids]);
          return [];
        },
      },
      () => undefined,
      { gatherMs: 30 },
    );
    const started = Date.now();
    checks.stored('a');
    await new Promise((resolve) => setTimeout(resolve, 10));
    checks.stored('b');
    assert.deepEqual(batches, [], 'nothing checked before the gathering time is over');
    await checks.settled();
    assert.deepEqual(batches, [['a', 'b']]);
    assert.ok(Date.now() - started >= 25);
  });
});
