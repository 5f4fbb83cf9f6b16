// Evidence files of a case (table attachments, append-only). Listing never reads the bytes.
import type { Executor } from '../db.ts';
import type { AttachmentContentType } from '../../domain/attachments/file-types.ts';

export interface NewAttachment {
  id: string;
  caseId: string;
  fileName: string;
  contentType: AttachmentContentType;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface AttachmentRow {
  id: string;
  case_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
  /** The uploader's name, where listed (the case's attachments). */
  uploader_name?: string | null;
}

const LISTED_COLUMNS = [
  'id',
  'case_id',
  'file_name',
  'content_type',
  'size',
  'sha256',
  'uploaded_by',
  'uploaded_at',
] as const;

export async function insertAttachment(db: Executor, attachment: NewAttachment): Promise<AttachmentRow> {
  const [row] = await db('attachments')
    .insert({
      id: attachment.id,
      case_id: attachment.caseId,
      file_name: attachment.fileName,
      content_type: attachment.contentType,
      size: attachment.content.length,
      sha256: attachment.sha256,
      content: attachment.content,
      uploaded_by: attachment.uploadedBy,
      uploaded_at: attachment.uploadedAt,
    })
    .returning<AttachmentRow[]>([...LISTED_COLUMNS]);
  return row!;
}

export async function listAttachments(db: Executor, caseId: string): Promise<AttachmentRow[]> {
  return db('attachments as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .where({ 'a.case_id': caseId })
    .orderBy([{ column: 'a.uploaded_at' }, { column: 'a.id' }])
    .select<AttachmentRow[]>([...LISTED_COLUMNS.map((column) => `a.${column}`), 'u.name as uploader_name']);
}

export async function findAttachmentWithContent(
  db: Executor,
  id: string,
): Promise<(AttachmentRow & { content: Buffer }) | undefined> {
  return db('attachments')
    .where({ id })
    .first<(AttachmentRow & { content: Buffer }) | undefined>([...LISTED_COLUMNS, 'content']);
}

/** The ids among `ids` that are not attachments of this case (unknown, or another case's). */
export async function attachmentsNotOfCase(
  db: Executor,
  caseId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db('attachments')
    .where({ case_id: caseId })
    .whereIn('id', [...ids])
    .select<{ id: string }[]>('id');
  const found = new Set(rows.map((row) => row.id));
  return ids.filter((id) => !found.has(id));
}
