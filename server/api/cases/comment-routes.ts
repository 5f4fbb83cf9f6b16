// GET/POST /api/cases/:id/comments: what the people working a case say to each other (append-only).
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { currentUser } from '../../auth/middleware.ts';
import { visibleCaseId } from '../../auth/case-access.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';

const commentBody = z.strictObject({ text: z.string().trim().min(1).max(2000) });

function presentComment(row: Record<string, unknown>) {
  return {
    id: row.id,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

export function caseCommentRoutes(deps: { db: Db; engine: EngineClient; clock: () => Date }): Router {
  const { db } = deps;
  const router = Router();

  router.get('/cases/:id/comments', async (request, response) => {
    const caseId = await visibleCaseId(deps, currentUser(response), request.params.id);
    const rows = await db('case_comments as c')
      .join('users as u', 'u.id', 'c.author_id')
      .where('c.case_id', caseId)
      .orderBy([{ column: 'c.created_at' }, { column: 'c.id' }])
      .select('c.id', 'c.author_id', 'u.name as author_name', 'c.text', 'c.created_at');
    response.json({ comments: rows.map(presentComment) });
  });

  router.post('/cases/:id/comments', async (request, response) => {
    const user = currentUser(response);
    const caseId = await visibleCaseId(deps, user, request.params.id);
    const parsed = commentBody.safeParse(request.body ?? {});
    if (!parsed.success) throw new DomainError('comment.invalid');
    const row = {
      id: randomUUID(),
      case_id: caseId,
      author_id: user.id,
      text: parsed.data.text,
      created_at: deps.clock(),
    };
    await db('case_comments').insert(row);
    response.status(201).json(presentComment({ ...row, author_name: user.name }));
  });

  return router;
}
