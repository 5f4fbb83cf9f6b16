// The published figures' arithmetic (art. 25) and the ranking of units (art. 26–28): months in Beijing time,
// shares, and ranks with ties, a minimum of ratings, and last place two months running.
import assert from 'node:assert/strict';
import { DomainError } from '../../domain/errors.ts';
import { monthPeriod, previousPeriod } from '../../domain/statistics/period.ts';
import {
  emptyLevelCounts,
  MIN_RATINGS_TO_RANK,
  rankUnits,
  ratingShares,
  share,
  type UnitCounts,
} from '../../domain/statistics/indicators.ts';
import {
  cachedFigures,
  type FiguresOfMonth,
  type PublishedFigures,
} from '../../server/api/statistics/published-figures.ts';

const NOW = new Date('2026-11-27T10:00:00+08:00');

function unit(id: string, good: number, bad: number): UnitCounts {
  const levels = emptyLevelCounts();
  levels.satisfied = good;
  levels.dissatisfied = bad;
  return { departmentId: id, departmentName: `单位${id}`, levels };
}

describe('published figures (issue 5, art. 25–28)', () => {
  it('given a month, then it runs from its first midnight to the next month’s in Beijing time; none: the month now is in', () => {
    const january = monthPeriod('2027-01', new Date('2027-01-01T00:00:00+08:00'));
    assert.equal(january.from.toISOString(), '2026-12-31T16:00:00.000Z');
    assert.equal(january.to.toISOString(), '2027-01-31T16:00:00.000Z');
    assert.equal(january.label, '2027年1月');
    assert.equal(previousPeriod(january).month, '2026-12');
    // 00:30 on 1 December in Beijing is still 30 November in UTC.
    assert.equal(monthPeriod(undefined, new Date('2026-11-30T16:30:00Z')).month, '2026-12');
    assert.equal(monthPeriod(undefined, NOW).month, '2026-11');
  });

  for (const [text, id] of [
    ['2026-1', 'statistics.bad_month'],
    ['2026-00', 'statistics.bad_month'],
    ['2018-12', 'statistics.bad_month'],
    [' 2026-11', 'statistics.bad_month'],
    ['2026-12', 'statistics.future_month'],
  ] as const) {
    it(`given ${JSON.stringify(text)}, then ${id}`, () => {
      assert.throws(
        () => monthPeriod(text, NOW),
        (error: unknown) => error instanceof DomainError && error.id === id,
      );
    });
  }

  it('given counts, then 好评率 takes the three levels that are no 差评, and shares have four decimals; none of nothing', () => {
    const levels = emptyLevelCounts();
    levels['very-satisfied'] = 5;
    levels['basically-satisfied'] = 1;
    levels['very-dissatisfied'] = 1;
    const shares = ratingShares(levels);
    assert.deepEqual(
      [shares.total, shares.badReviews, shares.goodRate, shares.badRate],
      [7, 1, 0.8571, 0.1429],
    );
    assert.equal(share(1, 3), 0.3333);
    assert.equal(share(0, 0), null);
    assert.equal(ratingShares(emptyLevelCounts()).goodRate, null);
  });

  it('given units, then they rank by 好评率 with ties sharing a rank, the few unranked, and last place twice marked', () => {
    const n = MIN_RATINGS_TO_RANK;
    const current = [
      unit('a', n, 0),
      unit('b', n - 2, 2),
      unit('c', n, 0),
      unit('d', n - 5, 5),
      unit('e', 3, 0),
    ];
    const previous = [unit('a', n, 0), unit('d', n - 4, 4), unit('b', n, 0)];
    const ranked = rankUnits(current, previous);
    assert.deepEqual(
      ranked.map((entry) => [entry.departmentId, entry.rank, entry.previousRank, entry.lastTwice]),
      [
        ['a', 1, 1, false],
        ['c', 1, null, false],
        ['b', 3, 1, false],
        ['d', 4, 3, true],
        ['e', null, null, false],
      ],
    );
    assert.equal(ranked[3]!.goodRate, 0.75);
    assert.deepEqual(
      rankUnits([unit('a', n, 1)], [unit('a', n, 3)]).map((entry) => entry.lastTwice),
      [false],
      'a ranking of one names no last place',
    );
    assert.deepEqual(
      rankUnits([unit('x', 50, 0), unit('y', 99, 1)], [unit('x', 40, 0), unit('y', 25, 0)]).map((entry) => [
        entry.departmentId,
        entry.rank,
        entry.previousRank,
        entry.lastTwice,
      ]),
      [
        ['x', 1, 1, false],
        ['y', 2, 1, false],
      ],
      'tied for first the month before is no last place',
    );
    assert.deepEqual(
      rankUnits([unit('x', n, 0), unit('y', n, 0)], [unit('x', n, 0), unit('y', n, 0)]).map(
        (entry) => entry.lastTwice,
      ),
      [false, false],
      'all tied, twice: nobody is last',
    );
  });
});

describe('the figures of a month, computed at most once a minute (cachedFigures)', () => {
  const november = monthPeriod('2026-11', NOW);
  const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

  /** Each computation waits until settled by hand, so a slow one can outlive its minute. */
  function computations() {
    const started: { settle: (figures: PublishedFigures) => void; fail: (error: Error) => void }[] = [];
    const compute: FiguresOfMonth = () =>
      new Promise<PublishedFigures>((resolve, reject) => {
        started.push({ settle: resolve, fail: reject });
      });
    return { started, compute };
  }
  const figures = (label: string) => ({ asOf: label }) as unknown as PublishedFigures;

  it('given asks within the minute, then one computation serves them; after it, a new one starts', async () => {
    const { started, compute } = computations();
    const cached = cachedFigures(compute, 60_000);
    const first = cached(november, at(0));
    const second = cached(november, at(59));
    assert.equal(started.length, 1);
    started[0]!.settle(figures('A'));
    assert.equal((await first).asOf, 'A');
    assert.equal((await second).asOf, 'A');
    void cached(november, at(61));
    assert.equal(started.length, 2);
  });

  it('given a computation that outlived its minute and then failed, then the newer one stays cached', async () => {
    const { started, compute } = computations();
    const cached = cachedFigures(compute, 60_000);
    const slow = cached(november, at(0));
    const newer = cached(november, at(61));
    assert.equal(started.length, 2);
    newer.catch(() => undefined);
    started[0]!.fail(new Error('statement timeout'));
    await assert.rejects(slow, /statement timeout/);
    started[1]!.settle(figures('B'));
    assert.equal((await newer).asOf, 'B');
    assert.equal((await cached(november, at(62))).asOf, 'B');
    assert.equal(started.length, 2, 'the newer computation was not evicted by the older failure');
  });

  it('given a failed computation, then the next ask computes again', async () => {
    const { started, compute } = computations();
    const cached = cachedFigures(compute, 60_000);
    const failed = cached(november, at(0));
    started[0]!.fail(new Error('connection lost'));
    await assert.rejects(failed, /connection lost/);
    void cached(november, at(1));
    assert.equal(started.length, 2);
  });
});
