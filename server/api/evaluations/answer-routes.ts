// GET /api/evaluations/:id/answer: the answers to a 差评, for its rater, without signing in. The key is the
// rating's id, a random UUID that POST /api/evaluations returns to the rater alone (the QR rating page links
// to /rate/answer?id=… on its thank-you screen). An unknown id, or a rating that is no 差评: 404.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { answersOfRating } from '../../../infra/stores/rater-answer-store.ts';
import { presentRaterAnswers } from './answer-presenter.ts';
import type { Db } from '../../../infra/db.ts';

/** The answers of a 差评 by its rating's id; undefined for any other id (no such rating, no 差评, no UUID). */
export async function findRaterAnswers(db: Db, rawId: string) {
  const id = z.uuid().safeParse(rawId);
  const found = id.success ? await answersOfRating(db, id.data) : undefined;
  return id.success && found ? presentRaterAnswers(id.data, found) : undefined;
}

export function raterAnswerRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/evaluations/:id/answer', async (request, response) => {
    const answers = await findRaterAnswers(db, request.params.id);
    if (!answers) throw new DomainError('evaluation.answer_not_found', { id: request.params.id });
    response.set('cache-control', 'no-store').json(answers);
  });
  return router;
}
