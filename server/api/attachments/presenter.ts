// An attachment as clients see it: its facts and where to download it, never the bytes in a list.
import type { AttachmentRow } from '../../../infra/stores/attachment-store.ts';

export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploaderName: row.uploader_name ?? null,
    uploadedAt: new Date(row.uploaded_at).toISOString(),
    href: `/api/attachments/${row.id}`,
  };
}

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name (附件 names are usually Chinese). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
