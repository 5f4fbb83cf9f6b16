// Wrong 评价码 counted per 办件 and per client (art. 11): guessing stays hopeless, and a refusal tells nothing.
import assert from 'node:assert/strict';
import { CODE_ATTEMPT_LIMITS, createCodeAttempts } from '../../domain/evaluation/code-attempts.ts';

describe('wrong 评价码 counted (issue 5, art. 11)', () => {
  const limits = { maxPerRecord: 3, maxPerClient: 5, windowMs: 60_000, maxKeys: 1_000 };
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 8, 0, seconds));

  it('given the shipped limits, then ten wrong codes for a 办件 and a hundred from a client within 15 minutes', () => {
    assert.deepEqual(
      { ...CODE_ATTEMPT_LIMITS, maxKeys: undefined },
      { maxPerRecord: 10, maxPerClient: 100, windowMs: 900_000, maxKeys: undefined },
    );
  });

  it('given wrong codes for one 办件 from several clients, then it is blocked at the limit, for every client, until its window ends', () => {
    const attempts = createCodeAttempts(limits);
    for (const [second, client] of [
      [0, 'a'],
      [1, 'b'],
    ] as const) {
      attempts.failed('SR-1', client, at(second));
      assert.equal(attempts.blocked('SR-1', 'c', at(second)), false);
    }
    attempts.failed('SR-1', 'c', at(2));
    assert.equal(attempts.blocked('SR-1', 'd', at(3)), true, 'a fresh client too');
    assert.equal(attempts.blocked('SR-2', 'd', at(3)), false, 'another 办件 is not');
    assert.equal(attempts.blocked('SR-1', 'd', at(59)), true);
    assert.equal(attempts.blocked('SR-1', 'd', at(60)), false, 'the window counts from the first failure');
  });

  it('given wrong codes from one client over many 办件, then the client is blocked at its limit, for any 办件', () => {
    const attempts = createCodeAttempts(limits);
    for (let n = 0; n < 5; n++) attempts.failed(`SR-${n}`, '203.0.113.7', at(n));
    assert.equal(attempts.blocked('SR-new', '203.0.113.7', at(6)), true);
    assert.equal(attempts.blocked('SR-new', '203.0.113.8', at(6)), false, 'another client is not');
  });

  it('given no client address, then only the 办件 is counted', () => {
    const attempts = createCodeAttempts(limits);
    for (let n = 0; n < 10; n++) attempts.failed(`SR-${n}`, undefined, at(n));
    assert.equal(attempts.blocked('SR-new', undefined, at(11)), false);
  });

  it('given more keys than it keeps, then the oldest are forgotten first and the memory stays bounded', () => {
    const attempts = createCodeAttempts({ ...limits, maxPerRecord: 1, maxKeys: 4 });
    attempts.failed('SR-old', undefined, at(0));
    assert.equal(attempts.blocked('SR-old', undefined, at(0)), true);
    for (let n = 0; n < 4; n++) attempts.failed(`SR-${n}`, undefined, at(1));
    assert.equal(attempts.blocked('SR-old', undefined, at(2)), false, 'forgotten');
    assert.equal(attempts.blocked('SR-3', undefined, at(2)), true, 'the newest kept');
  });
});
