// What a fraud check reads of the ratings before its subject (domain/fraud/neighbours.ts) is narrower than
// everything before it: only the identifiers a rule compares, each back only as far as its rule looks.
// Narrower, never short: for any ratings, the rules flag the same with the scope's ratings as with all.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fraudFlagsFor } from '../../domain/fraud/evaluate.ts';
import { laterScopes, neighbourScope, type NeighbourScope } from '../../domain/fraud/neighbours.ts';
import { DEFAULT_FRAUD_THRESHOLDS as T, type FraudThresholds } from '../../domain/fraud/thresholds.ts';
import { EVALUATION_LEVELS } from '../../domain/evaluation/levels.ts';
import { EVALUATION_CHANNELS } from '../../domain/evaluation/channels.ts';
import { parseHallNetworks } from '../../domain/fraud/hall-networks.ts';
import type { RatingFacts, StaffPhone } from '../../domain/fraud/types.ts';

const START = Date.parse('2026-11-26T02:00:00Z');
const MINUTE = 60_000;

/** Ratings over 10 days, from few phones, devices, IPs, accounts and windows, so that they collide. */
const ratingsArbitrary = fc
  .array(
    fc.record({
      minutes: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10 * 24 * 60 })),
      level: fc.constantFrom(...EVALUATION_LEVELS),
      channel: fc.constantFrom(...EVALUATION_CHANNELS),
      department: fc.constantFrom('xa-market', 'xa-hrss', 'yt-hrss'),
      institution: fc.option(fc.constantFrom('w1', 'w2'), { nil: null }),
      phone: fc.option(fc.constantFrom('p1', 'p2', 'staff'), { nil: null }),
      device: fc.option(fc.constantFrom('d1', 'd2', 'partner:xa'), { nil: null }),
      ip: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2', '2001:db8:1:2::/64'), { nil: null }),
      account: fc.option(fc.constantFrom('a1', 'a2'), { nil: null }),
      record: fc.integer({ min: 0, max: 30 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((drawn) =>
    drawn.map((rating, n): RatingFacts => ({
      id: `r${n}`,
      ratedAt: new Date(START + rating.minutes * MINUTE),
      level: rating.level,
      channel: rating.channel,
      serviceRecordId: `SR-${rating.record}`,
      occasion: `record:SR-${rating.record}`,
      departmentId: rating.department,
      institutionId: rating.institution,
      phoneHash: rating.phone,
      deviceId: rating.device,
      ip: rating.ip,
      account: rating.account,
    })),
  );

/**
 * Thresholds of any size, any set of shared terminals and of hall networks: the scope must follow them, not the
 * defaults.
 */
const thresholdsArbitrary: fc.Arbitrary<FraudThresholds> = fc.record({
  burst: fc.record({ count: fc.integer({ min: 1, max: 4 }), withinMinutes: fc.integer({ min: 1, max: 60 }) }),
  topRatingRun: fc.record({
    count: fc.integer({ min: 1, max: 5 }),
    withinMinutes: fc.integer({ min: 1, max: 60 }),
  }),
  repeatedBadReviews: fc.record({
    count: fc.integer({ min: 1, max: 4 }),
    withinDays: fc.integer({ min: 1, max: 9 }),
    departments: fc.integer({ min: 1, max: 3 }),
  }),
  sharedTerminalChannels: fc.subarray([...EVALUATION_CHANNELS]),
  hallNetworks: fc.subarray(parseHallNetworks('10.0.0.1, 2001:db8:1::/48')),
});

/** Does `other` fall in the scope: what the statement of infra/fraud/rating-facts.ts reads, as a predicate. */
function inScope(scope: NeighbourScope, other: RatingFacts): boolean {
  const at = other.ratedAt.getTime();
  if (at > scope.until.getTime()) return false;
  const byIdentifier = scope.identifiers.some(
    ({ key, value, from }) => other[key] === value && at > from.getTime(),
  );
  if (byIdentifier) return true;
  const { window } = scope;
  return window !== null && other.institutionId === window.institutionId && at > window.from.getTime();
}

const STAFF = new Map<string, StaffPhone>([['staff', { userId: 'wang.fang', departmentId: 'xa-market' }]]);

describe('what a fraud check reads (domain/fraud/neighbours.ts)', () => {
  it('given any ratings and thresholds, when each is checked with only the ratings in its scope, then it earns exactly the flags it earns with all of them', () => {
    fc.assert(
      fc.property(ratingsArbitrary, fc.oneof(fc.constant(T), thresholdsArbitrary), (ratings, thresholds) => {
        for (const subject of ratings) {
          const scope = neighbourScope(subject, thresholds);
          const narrowed = ratings.filter((other) => inScope(scope, other));
          assert.deepEqual(
            fraudFlagsFor(subject, { recent: narrowed, staffPhones: STAFF, thresholds }),
            fraudFlagsFor(subject, { recent: ratings, staffPhones: STAFF, thresholds }),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('given any ratings and one of them stored late, when a rating after it would flag differently without it, then that rating is among those its check reads again (laterScopes)', () => {
    fc.assert(
      fc.property(ratingsArbitrary, fc.oneof(fc.constant(T), thresholdsArbitrary), (ratings, thresholds) => {
        for (const late of ratings) {
          const scopes = laterScopes(late, thresholds);
          const without = ratings.filter((rating) => rating.id !== late.id);
          for (const after of ratings) {
            if (after.ratedAt.getTime() <= late.ratedAt.getTime()) continue;
            const context = { staffPhones: STAFF, thresholds };
            const changes =
              JSON.stringify(fraudFlagsFor(after, { ...context, recent: ratings })) !==
              JSON.stringify(fraudFlagsFor(after, { ...context, recent: without }));
            if (changes)
              assert.ok(
                scopes.some((scope) => inScope(scope, after)),
                `${late.id} → ${after.id}`,
              );
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('given a window device’s or a partner system’s rating, then its device and IP are not read; a 差评’s phone is read back 7 days, another rating’s 10 minutes', () => {
    const base: RatingFacts = {
      id: 'r1',
      ratedAt: new Date(START),
      level: 'satisfied',
      channel: 'window-device',
      serviceRecordId: 'SR-1',
      occasion: 'record:SR-1',
      departmentId: 'xa-market',
      institutionId: 'w1',
      phoneHash: 'p1',
      deviceId: 'd1',
      ip: '10.0.0.1',
      account: null,
    };
    const keys = (facts: RatingFacts) =>
      neighbourScope(facts, T).identifiers.map((identifier) => identifier.key);
    assert.deepEqual(keys(base), ['phoneHash']);
    assert.deepEqual(keys({ ...base, channel: 'mobile', deviceId: 'partner:xa' }), ['phoneHash', 'ip']);
    const lookback = (facts: RatingFacts) => START - neighbourScope(facts, T).identifiers[0]!.from.getTime();
    assert.equal(lookback(base), 10 * MINUTE);
    assert.equal(lookback({ ...base, level: 'dissatisfied' }), 7 * 24 * 60 * MINUTE);
    assert.equal(neighbourScope(base, T).window, null, 'the window rule counts 非常满意 only');
    assert.equal(neighbourScope({ ...base, level: 'very-satisfied' }, T).window?.institutionId, 'w1');
  });
});
