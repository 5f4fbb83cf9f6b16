// The figures published (art. 25: rating data, level ratios, channel analysis, rectification status) and the
// ranking of units (art. 26–28), computed from counts the store reads. Ratings count as statistics read them:
// a rating not adopted after appeal, or confirmed fraudulent, is not counted (counted_ratings).
//
// 好评 are the three levels that are no 差评 (非常满意, 满意, 基本满意); 差评 are 不满意 and 非常不满意 (art. 8).
// Every level's own share is published beside them, so the definition hides nothing.
import { EVALUATION_LEVELS, isBadReview, type EvaluationLevel } from '../evaluation/levels.ts';

export type LevelCounts = Record<EvaluationLevel, number>;

export const emptyLevelCounts = (): LevelCounts =>
  Object.fromEntries(EVALUATION_LEVELS.map((level) => [level, 0])) as LevelCounts;

/** A share of `whole`, to four decimals (0.9986 = 99.86 %); null when there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

function totalOf(levels: LevelCounts): number {
  return EVALUATION_LEVELS.reduce((sum, level) => sum + levels[level], 0);
}

function badReviewsOf(levels: LevelCounts): number {
  return EVALUATION_LEVELS.filter(isBadReview).reduce((sum, level) => sum + levels[level], 0);
}

export interface RatingShares {
  total: number;
  goodRate: number | null;
  badReviews: number;
  badRate: number | null;
  levels: { level: EvaluationLevel; count: number; share: number | null }[];
}

export function ratingShares(levels: LevelCounts): RatingShares {
  const total = totalOf(levels);
  const bad = badReviewsOf(levels);
  return {
    total,
    goodRate: share(total - bad, total),
    badReviews: bad,
    badRate: share(bad, total),
    levels: EVALUATION_LEVELS.map((level) => ({
      level,
      count: levels[level],
      share: share(levels[level], total),
    })),
  };
}

/** A unit's ratings in a period, for the ranking. */
export interface UnitCounts {
  departmentId: string;
  departmentName: string;
  levels: LevelCounts;
}

/** Fewer ratings than this in a period: listed, but not ranked (one 差评 of three is no basis for a rank). */
export const MIN_RATINGS_TO_RANK = 20;

export interface RankedUnit {
  departmentId: string;
  departmentName: string;
  total: number;
  goodRate: number | null;
  badReviews: number;
  /** 1 = best; null when the unit had too few ratings to rank. */
  rank: number | null;
  previousRank: number | null;
  /** Last of those ranked in this period and the one before (art. 28: must rectify). */
  lastTwice: boolean;
}

function ranks(units: readonly UnitCounts[]): Map<string, { rank: number; last: boolean }> {
  const ranked = units
    .map((unit) => ({ unit, total: totalOf(unit.levels), bad: badReviewsOf(unit.levels) }))
    .filter(({ total }) => total >= MIN_RATINGS_TO_RANK)
    // By 好评率, then by more ratings (listed first among equals); an equal 好评率 is an equal rank.
    .map((entry) => ({ ...entry, rate: (entry.total - entry.bad) / entry.total }))
    .sort(
      (a, b) =>
        b.rate - a.rate || b.total - a.total || a.unit.departmentId.localeCompare(b.unit.departmentId),
    );
  const result = new Map<string, { rank: number; last: boolean }>();
  ranked.forEach((entry, index) => {
    const tied = index > 0 && entry.rate === ranked[index - 1]!.rate;
    const rank = tied ? result.get(ranked[index - 1]!.unit.departmentId)!.rank : index + 1;
    result.set(entry.unit.departmentId, { rank, last: false });
  });
  const lastRank = Math.max(0, ...[...result.values()].map((entry) => entry.rank));
  // Only a ranking with someone ahead names a last place: units all tied share the first, none is last.
  if (lastRank > 1) for (const entry of result.values()) entry.last = entry.rank === lastRank;
  return result;
}

/** The units of a period ranked by 好评率, beside their rank in the period before. */
export function rankUnits(current: readonly UnitCounts[], previous: readonly UnitCounts[]): RankedUnit[] {
  const now = ranks(current);
  const before = ranks(previous);
  return current
    .map((unit) => {
      const total = totalOf(unit.levels);
      const bad = badReviewsOf(unit.levels);
      const here = now.get(unit.departmentId);
      const there = before.get(unit.departmentId);
      return {
        departmentId: unit.departmentId,
        departmentName: unit.departmentName,
        total,
        goodRate: share(total - bad, total),
        badReviews: bad,
        rank: here?.rank ?? null,
        previousRank: there?.rank ?? null,
        lastTwice: Boolean(here?.last && there?.last),
      };
    })
    .sort(
      (a, b) =>
        (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
        b.total - a.total ||
        a.departmentId.localeCompare(b.departmentId),
    );
}
