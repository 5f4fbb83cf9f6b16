// The figures of a month as the public reads them (art. 25) and units are ranked by (art. 26–28): one answer
// for the API and the page. Counts and shares only, never a rating, a rater or a text.
import { LEVEL_LABELS } from '../../../domain/evaluation/levels.ts';
import { ratingChannelLabel, SUBJECT_KIND_LABELS } from '../../../domain/evaluation/subject-ledger.ts';
import { OUTCOME_LABELS } from '../../../domain/case/messages.ts';
import {
  rankUnits,
  ratingShares,
  share,
  MIN_RATINGS_TO_RANK,
} from '../../../domain/statistics/indicators.ts';
import { previousPeriod, type StatisticsPeriod } from '../../../domain/statistics/period.ts';
import { caseCounts, invitationCounts, ratingCounts } from '../../../infra/stores/statistics-store.ts';
import { levelCounts, unitCounts, type RatingCountRow } from '../../../domain/statistics/rating-counts.ts';
import type { Db } from '../../../infra/db.ts';

/** Where a rating was given, for the channel analysis: 现场 (at the hall), 网上, or the two kinds without a 办件. */
const KIND_LABELS: Record<string, string> = {
  'on-site': '现场评价',
  online: '网上评价',
  ...SUBJECT_KIND_LABELS,
};

function grouped(rows: readonly RatingCountRow[], key: (row: RatingCountRow) => string) {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + row.count);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export async function publishedFigures(db: Db, period: StatisticsPeriod, asOf: Date) {
  const before = previousPeriod(period);
  const [rows, previousRows, invitations, cases] = await Promise.all([
    ratingCounts(db, period),
    ratingCounts(db, before),
    invitationCounts(db, period),
    caseCounts(db, period, asOf),
  ]);
  const shares = ratingShares(levelCounts(rows));
  // A 办件 rated only fraudulently was never rated by its rater: it counts with the 未评.
  const notRated = invitations.unrated + invitations.ratedFraudulently;
  const decided = invitations.rated + notRated;
  const rectifyJudged = cases.rectifyMet + cases.rectifyMissed + cases.rectifyOverdue;
  return {
    period: {
      month: period.month,
      label: period.label,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
    },
    previousPeriod: { month: before.month, label: before.label },
    asOf: asOf.toISOString(),
    ratings: {
      total: shares.total,
      goodRate: shares.goodRate,
      badReviews: shares.badReviews,
      badRate: shares.badRate,
      levels: shares.levels.map((entry) => ({ ...entry, label: LEVEL_LABELS[entry.level] })),
      channels: grouped(rows, (row) => row.channel).map(([channel, count]) => ({
        channel,
        label: ratingChannelLabel(channel),
        count,
        share: share(count, shares.total),
      })),
      kinds: grouped(rows, (row) => row.kind).map(([kind, count]) => ({
        kind,
        label: KIND_LABELS[kind] ?? kind,
        count,
        share: share(count, shares.total),
      })),
    },
    invitations: {
      completed: invitations.completed,
      rated: invitations.rated,
      unrated: invitations.unrated,
      ratedFraudulently: invitations.ratedFraudulently,
      waiting: invitations.completed - decided,
      unratedRate: share(notRated, decided),
    },
    cases: {
      opened: cases.opened,
      closed: cases.closed,
      open: cases.opened - cases.closed,
      outcomes: cases.outcomes.map(({ outcome, count }) => ({
        outcome,
        label: (OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome,
        count,
      })),
      answered: cases.answered,
      answerRate: share(cases.answered, cases.needingAnswer),
      rectifyOnTime: cases.rectifyMet,
      rectifyLate: cases.rectifyMissed + cases.rectifyOverdue,
      rectifyOnTimeRate: share(cases.rectifyMet, rectifyJudged),
      returnVisitsDue: cases.returnVisitsDue,
      returnVisited: cases.returnVisited,
      returnVisitRate: share(cases.returnVisited, cases.returnVisitsDue),
      returnVisits: cases.returnVisits,
      returnVisitSatisfiedRate: share(cases.returnVisitsSatisfied, cases.returnVisits),
    },
    units: {
      minRatingsToRank: MIN_RATINGS_TO_RANK,
      ranking: rankUnits(unitCounts(rows), unitCounts(previousRows)),
    },
  };
}

export type PublishedFigures = Awaited<ReturnType<typeof publishedFigures>>;

/** How long a month's figures are served before they are computed again ("real-time", art. 25, to the minute). */
const FIGURES_TTL_MS = 60_000;

export type FiguresOfMonth = (period: StatisticsPeriod, now: Date) => Promise<PublishedFigures>;

/**
 * The figures of each month computed at most once a minute per process, however many ask: anyone may ask,
 * and a month's figures read all of its ratings. Months run from 2019 to now (domain/statistics/period.ts),
 * so the entries stay few. A failed computation is not kept.
 */
export function cachedFigures(compute: FiguresOfMonth, ttlMs = FIGURES_TTL_MS): FiguresOfMonth {
  const cache = new Map<string, { until: number; figures: Promise<PublishedFigures> }>();
  return (period, now) => {
    const hit = cache.get(period.month);
    if (hit && hit.until > now.getTime()) return hit.figures;
    const figures = compute(period, now);
    cache.set(period.month, { until: now.getTime() + ttlMs, figures });
    // Only its own entry: a computation that outlived its minute must not evict the one that followed it.
    figures.catch(() => {
      if (cache.get(period.month)?.figures === figures) cache.delete(period.month);
    });
    return figures;
  };
}
