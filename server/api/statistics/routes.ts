// GET /api/public/statistics?month=YYYY-MM: the month's published figures (art. 25) and the ranking of units
// with each unit's rank the month before (art. 26–28), for anyone: counts and shares, never a rating or a
// rater. No month: the current one, to the minute (asOf). Statistics honour every decision about a rating
// (counted_ratings), and are computed from the ledger each time, never stored where they could be edited.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { monthPeriod } from '../../../domain/statistics/period.ts';
import type { FiguresOfMonth } from './published-figures.ts';

/** Other parameters (a cache-buster's `_`) are no concern of the figures; an empty month is the current one. */
const statisticsQuery = z.object({
  month: z
    .string()
    .max(16)
    .optional()
    .transform((month) => (month?.trim() ? month : undefined)),
});

/** The month asked for; a month given twice or far too long is as bad a month as any other (statistics.bad_month). */
export function monthQuery(query: unknown): { month: string | undefined } {
  const parsed = statisticsQuery.safeParse(query);
  if (!parsed.success) throw new DomainError('statistics.bad_month', { month: null });
  return parsed.data;
}

/** The public may ask as often as it likes: a minute's cache keeps the ledger's readers few. */
export const PUBLIC_FIGURES_CACHE = 'public, max-age=60';

export function statisticsRoutes({ figures, clock }: { figures: FiguresOfMonth; clock: () => Date }): Router {
  const router = Router();
  router.get('/public/statistics', async (request, response) => {
    const query = monthQuery(request.query);
    const now = clock();
    const answer = await figures(monthPeriod(query.month, now), now);
    response.set('cache-control', PUBLIC_FIGURES_CACHE).json(answer);
  });
  return router;
}
