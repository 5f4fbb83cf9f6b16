// POST /api/evaluations/:id/reveal-contact: a rater's name and phone in the clear (art. 24), and the text they
// wrote as written (numbers typed into it are masked in every other answer), for a user
// whose role needs them (supervisor, 12345 operator) and with a stated reason; every reveal leaves an
// audit row (contact_reveals) in the same transaction. Every other answer shows masks only.
// The caller is the signed-in user (a session); the role that may see contacts is checked by the store.
import { Router } from 'express';
import { z } from 'zod';
import { revealContact } from '../../../infra/stores/contact-reveal-store.ts';
import { currentUser } from '../../auth/middleware.ts';
import { parseBody, ratingIdParam } from '../../request-parsing.ts';
import type { Db } from '../../../infra/db.ts';

const revealBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export function revealContactRoutes({
  db,
  protector,
  clock,
}: {
  db: Db;
  protector: { decrypt(stored: string): string };
  clock: () => Date;
}): Router {
  const router = Router();
  router.post('/evaluations/:id/reveal-contact', async (request, response) => {
    const user = currentUser(response);
    const body = parseBody(revealBody, request.body, 'reason', 'contact.reason_required');
    const revealed = await revealContact(db, (stored) => protector.decrypt(stored), {
      evaluationId: ratingIdParam(request.params.id),
      userId: user.id,
      reason: body.reason,
      at: clock(),
    });
    response.set('cache-control', 'no-store');
    response.json({
      evaluationId: revealed.evaluationId,
      rater: { name: revealed.name, phone: revealed.phone },
      text: revealed.text,
      audit: {
        id: revealed.auditId,
        userId: revealed.userId,
        role: revealed.role,
        reason: revealed.reason,
        revealedAt: revealed.revealedAt.toISOString(),
      },
    });
  });
  return router;
}
