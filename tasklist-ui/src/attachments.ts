// Evidence files: the same types and size the server accepts (domain/attachments/file-types.ts), checked
// here first so that a wrong file is refused before it is sent.
import { ALLOWED_CONTENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../domain/attachments/file-types.ts';
import { get, request } from './api.ts';
import { session } from './session.ts';
import type { Attachment } from './types.ts';

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png'];

/** Why a file cannot be evidence, or undefined when it may be uploaded. */
export function attachmentProblem(file: File): string | undefined {
  const name = file.name.toLowerCase();
  const typeKnown = (ALLOWED_CONTENT_TYPES as readonly string[]).includes(file.type);
  if (!EXTENSIONS.some((extension) => name.endsWith(extension)) || (file.type !== '' && !typeKnown)) {
    return `“${file.name}”不是 PDF、JPG 或 PNG 文件，不能作为证据上传。`;
  }
  if (file.size === 0) return `“${file.name}”是空文件。`;
  if (file.size > MAX_ATTACHMENT_BYTES) {
    return `“${file.name}”超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，请压缩或拆分后上传。`;
  }
  return undefined;
}

export async function listAttachments(caseId: string): Promise<Attachment[]> {
  const answer = await get<{ attachments: Attachment[] }>(`/cases/${caseId}/attachments`);
  return answer.attachments;
}

export async function uploadAttachment(caseId: string, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file, file.name);
  // The server records the session's user; x-hcp-user is what it asked for before sessions existed.
  const headers: Record<string, string> = session.user
    ? { 'x-hcp-user': encodeURIComponent(session.user.id) }
    : {};
  return request<Attachment>('POST', `/cases/${caseId}/attachments`, body, { headers });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
