// Evidence files as a unit would upload them, and the upload itself (multipart, as a browser sends it), which
// the imports' workbooks use too.
import { staff } from './staff.ts';

/** A small but well-formed PDF: header, one empty page, trailer. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows program (MZ header, DOS stub): what a renamed .exe really is. */
export const WINDOWS_PROGRAM = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
]);

/** A PDF one byte over the limit. */
export function oversizedPdf(limit = 10 * 1024 * 1024): Buffer {
  const content = Buffer.alloc(limit + 1, 0x20);
  SAMPLE_PDF.copy(content);
  return content;
}

export interface Upload {
  content: Buffer;
  fileName: string;
  type: string;
  /** The signed-in user who uploads (a demo user id); none: no session. */
  uploadedBy?: string;
  field?: string;
}

export async function uploadEvidence(baseUrl: string, caseId: string, upload: Upload) {
  return postMultipart(baseUrl, `/api/cases/${caseId}/attachments`, {
    file: { content: upload.content, fileName: upload.fileName, type: upload.type },
    field: upload.field,
    userId: upload.uploadedBy,
  });
}

/**
 * A multipart POST as a browser sends it: one file (none: a form without it) under `field` (default `file`),
 * `fields` beside it, signed in as `userId` (none: no session).
 */
export async function postMultipart(
  baseUrl: string,
  path: string,
  upload: {
    file?: { content: Buffer; fileName: string; type: string } | undefined;
    field?: string | undefined;
    fields?: Record<string, string>;
    userId?: string | undefined;
  },
) {
  const form = new FormData();
  const { file } = upload;
  if (file) form.set(upload.field ?? 'file', new Blob([file.content], { type: file.type }), file.fileName);
  for (const [name, value] of Object.entries(upload.fields ?? {})) form.set(name, value);
  const headers = upload.userId === undefined ? {} : (await staff(baseUrl, upload.userId)).headers;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
