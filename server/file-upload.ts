// Reading one uploaded file (multipart field `file`) into memory, at most 10 MB: a case's evidence, an
// import's workbook. Multer's own errors become catalogue errors here, so a refused upload answers like every
// other bad request.
import multer from 'multer';
import { DomainError } from '../domain/errors.ts';
import { MAX_ATTACHMENT_BYTES } from '../domain/attachments/file-types.ts';
import type { Request, Response } from 'express';

const single = multer({
  storage: multer.memoryStorage(),
  // One file and a few small fields (evidence, a workbook): anything more is no upload of ours.
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
  // Browsers send names as UTF-8 (营业执照.pdf); busboy's default reads them as latin1.
  defParamCharset: 'utf8',
}).single('file');

function asDomainError(error: unknown): unknown {
  if (error instanceof multer.MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE')
      return new DomainError('attachment.too_large', { maxBytes: MAX_ATTACHMENT_BYTES });
    return new DomainError('attachment.malformed_upload', { problem: error.code, field: error.field });
  }
  // busboy's parse errors (a cut-off or malformed multipart body) are the client's, not ours.
  if (error instanceof Error && /multipart|boundary|unexpected end of form|malformed/i.test(error.message)) {
    return new DomainError('attachment.malformed_upload', { problem: error.message });
  }
  return error;
}

/** The uploaded file, or undefined when the request carried none (or was not multipart at all). */
export function receiveUpload(
  request: Request,
  response: Response,
): Promise<Express.Multer.File | undefined> {
  return new Promise((resolve, reject) => {
    single(request, response, (error: unknown) => {
      if (error) reject(asDomainError(error));
      else resolve(request.file);
    });
  });
}
