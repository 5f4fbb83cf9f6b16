// GET /api/contact-reveals?since=…&userId=…&evaluationId=…&limit=…: the audit of revealed contacts (art. 24),
// newest first — who saw which rater's name and phone in the clear, in what role, why and when. For admins
// (who audit the supervisors and 12345 operators that reveal); the contact itself is never in it.
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../auth/middleware.ts';
import { listContactReveals } from '../../../infra/stores/contact-reveal-store.ts';
import { recentListQuery } from '../list-query.ts';
import type { Db } from '../../../infra/db.ts';

const query = z.strictObject({
  ...recentListQuery,
  userId: z.string().trim().min(1).max(64).optional(),
  evaluationId: z.uuid().optional(),
});

export function contactRevealRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/contact-reveals', requireRole('admin'), async (request, response) => {
    const filters = query.parse(request.query);
    const rows = await listContactReveals(db, {
      ...filters,
      since: filters.since ? new Date(filters.since) : undefined,
    });
    response.json({
      reveals: rows.map((row) => ({
        id: String(row.id),
        evaluationId: row.evaluation_id ?? row.subject_evaluation_id,
        ledger: row.evaluation_id ? 'evaluations' : 'subject_evaluations',
        user: { id: row.user_id, name: row.user_name },
        role: row.role,
        reason: row.reason,
        revealedAt: row.revealed_at.toISOString(),
      })),
    });
  });
  return router;
}
