// POST /api/evaluations/:id/reveal-contact: a rater's name and phone in the clear (art. 24), for a user
// whose role needs them (supervisor, 12345 operator) and with a stated reason; every reveal leaves an
// audit row (contact_reveals) in the same transaction. Every other answer shows masks only.
// The caller is the signed-in user (a session); the role that may see contacts is checked by the store.
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { revealContact } from '../../../infra/stores/contact-reveal-store.ts';
import { currentUser } from '../../auth/middleware.ts';
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
    const body = revealBody.safeParse(request.body ?? {});
    if (!body.success) {
      if (body.error.issues.every((issue) => issue.path[0] === 'reason')) {
        throw new DomainError('contact.reason_required');
      }
      throw body.error;
    }
    const id = z.uuid().safeParse(request.params.id);
    if (!id.success) throw new DomainError('evaluation.not_found', { id: request.params.id });
    const revealed = await revealContact(db, (stored) => protector.decrypt(stored), {
      evaluationId: id.data,
      userId: user.id,
      reason: body.data.reason,
      at: clock(),
    });
    response.set('cache-control', 'no-store');
    response.json({
      evaluationId: revealed.evaluationId,
      rater: { name: revealed.name, phone: revealed.phone },
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
