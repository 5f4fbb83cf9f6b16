// Wrong 评价码 counted per client (art. 11): guessing stays hopeless, only the guesser is refused, and a
// refusal tells nothing.
import assert from 'node:assert/strict';
import {
  CODE_ATTEMPT_LIMITS,
  countedClient,
  createCodeAttempts,
} from '../../domain/evaluation/code-attempts.ts';

describe('wrong 评价码 counted (issue 5, art. 11)', () => {
  const limits = { maxPerRecord: 3, maxPerClient: 5, windowMs: 60_000, maxKeys: 1_000 };
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 8, 0, seconds));

  it('given the shipped limits, then ten wrong codes for a 办件 and three hundred in all from a client within 15 minutes', () => {
    assert.deepEqual(
      { ...CODE_ATTEMPT_LIMITS, maxKeys: undefined },
      { maxPerRecord: 10, maxPerClient: 300, windowMs: 900_000, maxKeys: undefined },
    );
  });

  it('given wrong codes for one 办件 from one client, then that client is refused for it at the limit until its window ends; other clients and 办件 are not', () => {
    const attempts = createCodeAttempts(limits);
    for (let second = 0; second < 3; second++) {
      assert.equal(attempts.blocked('SR-1', 'a', at(second)), false);
      attempts.failed('SR-1', 'a', at(second));
    }
    assert.equal(attempts.blocked('SR-1', 'a', at(3)), true);
    assert.equal(attempts.blocked('SR-1', 'b', at(3)), false, 'the rater elsewhere still rates it');
    assert.equal(attempts.blocked('SR-2', 'a', at(3)), false, 'the client may still rate another');
    assert.equal(attempts.blocked('SR-1', 'a', at(59)), true);
    assert.equal(attempts.blocked('SR-1', 'a', at(60)), false, 'the window counts from the first failure');
  });

  it('given wrong codes from one client over many 办件, then the client is refused for any 办件 at its limit', () => {
    const attempts = createCodeAttempts(limits);
    for (let n = 0; n < 5; n++) attempts.failed(`SR-${n}`, '203.0.113.7', at(n));
    assert.equal(attempts.blocked('SR-new', '203.0.113.7', at(6)), true);
    assert.equal(attempts.blocked('SR-new', '203.0.113.8', at(6)), false, 'another client is not');
  });

  it('given IPv6 clients, then one /64 counts as one client, written any way', () => {
    assert.equal(countedClient('2001:db8:0:1:aaaa::1'), '2001:db8:0:1::/64');
    assert.equal(countedClient('2001:0DB8:0000:0001:ffff:0:0:2'), '2001:db8:0:1::/64');
    assert.equal(countedClient('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(countedClient('::1'), '0:0:0:0::/64');
    assert.equal(countedClient('203.0.113.7'), '203.0.113.7');
    const attempts = createCodeAttempts(limits);
    for (let n = 0; n < 5; n++) attempts.failed(`SR-${n}`, `2001:db8:0:1::${n + 1}`, at(n));
    assert.equal(attempts.blocked('SR-new', '2001:db8:0:1:ffff::9', at(6)), true);
    assert.equal(attempts.blocked('SR-new', '2001:db8:0:2::1', at(6)), false);
  });

  it('given more keys than it keeps, then the oldest are forgotten first and the memory stays bounded', () => {
    const attempts = createCodeAttempts({ ...limits, maxPerRecord: 1, maxKeys: 4 });
    attempts.failed('SR-old', 'a', at(0));
    assert.equal(attempts.blocked('SR-old', 'a', at(0)), true);
    for (let n = 0; n < 4; n++) attempts.failed(`SR-${n}`, `c${n}`, at(1));
    assert.equal(attempts.blocked('SR-old', 'a', at(2)), false, 'forgotten');
    assert.equal(attempts.blocked('SR-3', 'c3', at(2)), true, 'the newest kept');
  });
});
