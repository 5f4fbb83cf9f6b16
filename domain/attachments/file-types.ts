// Which files count as evidence: PDF, JPEG and PNG, recognised by their first bytes. The type a browser
// declares comes from the file name, so a renamed program (.exe → .pdf) declares application/pdf; the
// bytes do not lie that easily.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const ALLOWED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export type AttachmentContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

const SIGNATURES: readonly { type: AttachmentContentType; magic: readonly number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The allowed type whose signature the content starts with, or undefined. */
export function detectContentType(content: Uint8Array): AttachmentContentType | undefined {
  return SIGNATURES.find(({ magic }) => magic.every((byte, index) => content[index] === byte))?.type;
}

/**
 * Declared types that do not contradict the bytes: the detected type itself, or the generic types that
 * clients send when they do not know (curl without ;type=, some mobile browsers).
 */
export function declaredTypeAgrees(declared: string, detected: AttachmentContentType): boolean {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') return true;
  return type === detected || (detected === 'image/jpeg' && type === 'image/pjpeg');
}

/**
 * The name to keep and to offer on download: the last path segment, without control characters, at most
 * 200 characters (keeping the extension). Empty names become 附件.
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (printable === '' || printable === '.' || printable === '..') return '附件';
  if (printable.length <= 200) return printable;
  const dot = printable.lastIndexOf('.');
  const extension = dot > 0 && printable.length - dot <= 10 ? printable.slice(dot) : '';
  return printable.slice(0, 200 - extension.length) + extension;
}
