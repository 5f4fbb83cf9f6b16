// Wrong 评价码 counted per client (art. 11): guessing stays hopeless, only the guesser is refused, and a
// refusal tells nothing.
import assert from 'node:assert/strict';
import {
  CODE_ATTEMPT_LIMITS,
  countedClient,
  createCodeAttempts,
} from '../../domain/evaluation/code-attempts.ts';

describe('wrong 评价码 counted (issue 5, art. 11)', () => {
  const limits = { maxPerRecord: 3, maxPerClient: 5, maxPerNetwork: 8, windowMs: 60_000, maxKeys: 1_000 };
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 27, 8, 0, seconds));

  it('given the shipped limits, then in 15 minutes ten wrong codes for a 办件 and three hundred in all from a client, three thousand from an IPv6 /48', () => {
    assert.deepEqual(
      { ...CODE_ATTEMPT_LIMITS, maxKeys: undefined },
      { maxPerRecord: 10, maxPerClient: 300, maxPerNetwork: 3000, windowMs: 900_000, maxKeys: undefined },
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
    assert.equal(attempts.blocked('SR-new', '::ffff:203.0.113.7', at(6)), true, 'the same client, mapped');
    assert.equal(attempts.blocked('SR-new', '203.0.113.8', at(6)), false, 'another client is not');
  });

  it('given client addresses in their written forms, then one client is counted as one, IPv6 by its /64 and /48', () => {
    assert.deepEqual(countedClient('2001:db8:0:1:aaaa::1'), {
      client: '2001:db8:0:1::/64',
      network: '2001:db8:0::/48',
    });
    assert.deepEqual(countedClient('2001:0DB8:0000:0001:ffff:0:0:2').client, '2001:db8:0:1::/64');
    assert.deepEqual(
      countedClient('1::5:6:7:1.2.3.4').client,
      '1:0:0:5::/64',
      'an embedded IPv4 is two groups',
    );
    assert.deepEqual(countedClient('fe80::1%eth0').client, 'fe80:0:0:0::/64', 'without its zone');
    for (const mapped of [
      '::ffff:1.2.3.4',
      '::FFFF:1.2.3.4',
      '::ffff:102:304',
      '64:ff9b::1.2.3.4',
      '::1.2.3.4',
    ]) {
      assert.deepEqual(countedClient(mapped), { client: '1.2.3.4' }, mapped);
    }
    assert.deepEqual(countedClient('203.0.113.7'), { client: '203.0.113.7' });
    assert.deepEqual(countedClient('not an address'), { client: 'not an address' });
  });

  it('given IPv6 clients of one /48, then each /64 has its own count and the /48 has one over them all', () => {
    const attempts = createCodeAttempts(limits);
    for (let n = 0; n < 5; n++) attempts.failed(`SR-${n}`, `2001:db8:0:1::${n + 1}`, at(n));
    assert.equal(attempts.blocked('SR-new', '2001:db8:0:1:ffff::9', at(6)), true, 'one /64 is one client');
    assert.equal(attempts.blocked('SR-new', '2001:db8:0:2::1', at(6)), false, 'another /64 is not');
    for (let n = 0; n < 3; n++) attempts.failed(`SR-x${n}`, `2001:db8:0:${n + 2}::1`, at(7));
    assert.equal(attempts.blocked('SR-new', '2001:db8:0:99::1', at(8)), true, 'the /48 at its limit');
    assert.equal(attempts.blocked('SR-new', '2001:db8:1:99::1', at(8)), false, 'another /48 is not');
  });

  it('given more counts than it keeps, then counts under their limit are forgotten oldest first, and one at its limit is kept through a flood', () => {
    const attempts = createCodeAttempts({ ...limits, maxPerRecord: 2, maxKeys: 50 });
    attempts.failed('SR-target', 'guesser', at(0));
    attempts.failed('SR-target', 'guesser', at(1));
    assert.equal(attempts.blocked('SR-target', 'guesser', at(2)), true);
    for (let n = 0; n < 500; n++) attempts.failed(`SR-filler-${n}`, `filler-${n}`, at(3));
    assert.equal(attempts.blocked('SR-target', 'guesser', at(4)), true, 'not flushed out');
    attempts.failed('SR-once', 'another', at(5));
    for (let n = 0; n < 500; n++) attempts.failed(`SR-more-${n}`, `more-${n}`, at(6));
    attempts.failed('SR-once', 'another', at(7));
    assert.equal(
      attempts.blocked('SR-once', 'another', at(8)),
      false,
      'a count under its limit was forgotten',
    );
  });
});
