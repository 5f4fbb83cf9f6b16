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
import { attachmentParams, caseParams, uploadedByHeader } from './schema.ts';
import { receiveUpload } from './upload.ts';
import type { Db } from '../../../infra/db.ts';

async function caseStatus(db: Db, rawId: unknown): Promise<{ id: string; status: string }> {
  const parsed = caseParams.safeParse({ id: rawId });
  const found = parsed.success
    ? await db('cases')
        .where({ id: parsed.data.id })
        .first<{ id: string; status: string } | undefined>('id', 'status')
    : undefined;
  if (!found) throw new DomainError('case.not_found', { id: rawId });
  return found;
}

export function attachmentRoutes({ db, clock }: { db: Db; clock: () => Date }): Router {
  const router = Router();

  router.post('/cases/:id/attachments', async (request, response) => {
    // The body is read first, whatever follows: answering before it is consumed breaks the client's send.
    const file = await receiveUpload(request, response);
    const found = await caseStatus(db, request.params.id);
    if (found.status === 'closed') throw new DomainError('attachment.case_closed', { caseId: found.id });
    const uploadedBy = uploadedByHeader.safeParse(request.get('x-hcp-user'));
    if (!uploadedBy.success) throw new DomainError('attachment.uploaded_by_required');
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
      uploadedBy: uploadedBy.data,
      uploadedAt: clock(),
    });
    response.status(201).json(presentAttachment(row));
  });

  router.get('/cases/:id/attachments', async (request, response) => {
    const found = await caseStatus(db, request.params.id);
    response.json({ attachments: (await listAttachments(db, found.id)).map(presentAttachment) });
  });

  router.get('/attachments/:id', async (request, response) => {
    const parsed = attachmentParams.safeParse(request.params);
    const found = parsed.success ? await findAttachmentWithContent(db, parsed.data.id) : undefined;
    if (!found) throw new DomainError('attachment.not_found', { id: request.params.id });
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
