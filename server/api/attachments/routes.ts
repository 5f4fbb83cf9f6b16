// Evidence files of a case (art. 19: an appeal comes with evidence):
//   POST /api/cases/:id/attachments   upload one file (multipart field `file`; PDF, JPEG or PNG; ≤ 10 MB)
//   GET  /api/cases/:id/attachments   the case's files, without their content
//   GET  /api/attachments/:id         download one
// A refused upload stores nothing: every check runs before the single insert.
import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import { DomainError } from '../../../domain/errors.ts';
import {
  cleanFileName,
  declaredTypeAgrees,
  detectContentType,
} from '../../../domain/attachments/file-types.ts';
import {
  findAttachmentWithContent,
  insertAttachment,
  listAttachments,
} from '../../../infra/stores/attachment-store.ts';
import { contentDisposition, presentAttachment } from './presenter.ts';
import { attachmentParams } from './schema.ts';
import { receiveUpload } from '../../file-upload.ts';
import { currentUser, requireUser } from '../../auth/middleware.ts';
import { canSeeCase, visibleCaseId } from '../../auth/case-access.ts';
import type { Db } from '../../../infra/db.ts';
import type { EngineClient } from '../../../infra/engine-rest.ts';
import type { SessionUser } from '../../auth/session-user.ts';

async function caseStatus(
  deps: { db: Db; engine: EngineClient },
  user: SessionUser,
  rawId: unknown,
): Promise<{ id: string; status: string }> {
  const id = await visibleCaseId(deps, user, rawId);
  const found = await deps
    .db('cases')
    .where({ id })
    .first<{ id: string; status: string } | undefined>('id', 'status');
  if (!found) throw new DomainError('case.not_found', { id });
  return found;
}

export function attachmentRoutes({
  db,
  engine,
  clock,
}: {
  db: Db;
  engine: EngineClient;
  clock: () => Date;
}): Router {
  const router = Router();
  router.use(['/cases/:id/attachments', '/attachments'], requireUser);

  router.post('/cases/:id/attachments', async (request, response) => {
    // The body is read first, whatever follows: answering before it is consumed breaks the client's send.
    const file = await receiveUpload(request, response);
    const user = currentUser(response);
    const found = await caseStatus({ db, engine }, user, request.params.id);
    if (found.status === 'closed') throw new DomainError('attachment.case_closed', { caseId: found.id });
    if (!file || file.size === 0) throw new DomainError('attachment.file_required');
    const detected = detectContentType(file.buffer);
    if (!detected || !declaredTypeAgrees(file.mimetype, detected)) {
      throw new DomainError('attachment.type_not_allowed', {
        fileName: file.originalname,
        declaredType: file.mimetype,
        detectedType: detected ?? null,
      });
    }
    const row = await insertAttachment(db, {
      id: randomUUID(),
      caseId: found.id,
      fileName: cleanFileName(file.originalname),
      contentType: detected,
      content: file.buffer,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      uploadedBy: user.id,
      uploadedAt: clock(),
    });
    response.status(201).json(presentAttachment({ ...row, uploader_name: user.name }));
  });

  router.get('/cases/:id/attachments', async (request, response) => {
    const found = await caseStatus({ db, engine }, currentUser(response), request.params.id);
    response.json({ attachments: (await listAttachments(db, found.id)).map(presentAttachment) });
  });

  router.get('/attachments/:id', async (request, response) => {
    const parsed = attachmentParams.safeParse(request.params);
    const found = parsed.success ? await findAttachmentWithContent(db, parsed.data.id) : undefined;
    // Another unit's file answers like a missing one: a guessed id reveals nothing.
    if (!found || !(await canSeeCase({ db, engine }, currentUser(response), found.case_id))) {
      throw new DomainError('attachment.not_found', { id: request.params.id });
    }
    response
      .status(200)
      .set({
        'content-type': found.content_type,
        'content-length': String(found.content.length),
        'content-disposition': contentDisposition(found.file_name),
        // Served as a download of the type its bytes were checked to be, never sniffed into HTML.
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .end(found.content);
  });

  return router;
}
