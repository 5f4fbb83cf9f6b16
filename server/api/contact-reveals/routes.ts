// GET /api/contact-reveals?since=…&userId=…&evaluationId=…&limit=…: the audit of revealed contacts (art. 24),
// newest first — who saw which rater's name and phone in the clear, in what role, why and when. For admins
// (who audit the supervisors and 12345 operators that reveal); the contact itself is never in it.
import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../../auth/middleware.ts';
import type { Db } from '../../../infra/db.ts';

const query = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
  userId: z.string().trim().min(1).max(64).optional(),
  evaluationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

interface RevealRow {
  id: string;
  evaluation_id: string | null;
  subject_evaluation_id: string | null;
  user_id: string;
  user_name: string;
  role: string;
  reason: string;
  revealed_at: Date;
}

export function contactRevealRoutes({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/contact-reveals', requireRole('admin'), async (request, response) => {
    const filters = query.parse(request.query);
    const reveals = db('contact_reveals as r')
      .join('users as u', 'u.id', 'r.user_id')
      .orderBy('r.id', 'desc')
      .limit(filters.limit)
      .select<RevealRow[]>(
        'r.id',
        'r.evaluation_id',
        'r.subject_evaluation_id',
        'r.user_id',
        'u.name as user_name',
        'r.role',
        'r.reason',
        'r.revealed_at',
      );
    if (filters.since) reveals.where('r.revealed_at', '>=', new Date(filters.since));
    if (filters.userId) reveals.where('r.user_id', filters.userId);
    if (filters.evaluationId) {
      const id = filters.evaluationId;
      reveals.where((either) => {
        either.where('r.evaluation_id', id).orWhere('r.subject_evaluation_id', id);
      });
    }
    response.json({
      reveals: (await reveals).map((row) => ({
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
