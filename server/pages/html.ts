// Server-rendered pages without a framework: every value is escaped where it enters the markup, and the
// page's one style and one script carry a per-response nonce that the Content-Security-Policy requires.
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** No external assets; scripts and styles only with the nonce; requests only to this origin. */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function page({
  title,
  nonce,
  css,
  body,
  script = '',
}: {
  title: string;
  nonce: string;
  css: string;
  body: string;
  script?: string;
}): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${css}</style>
</head>
<body>
${body}
${script ? `<script nonce="${nonce}">${script}</script>` : ''}
</body>
</html>
`;
}

/**
 * Sends a page rendered with a fresh nonce under the policy above; personal pages are never cached
 * (`no-store`), the public figures for a minute.
 */
export function sendPage(
  response: Response,
  status: number,
  render: (nonce: string) => string,
  cacheControl = 'no-store',
): void {
  const nonce = newNonce();
  response
    .status(status)
    .set('content-security-policy', contentSecurityPolicy(nonce))
    .set('cache-control', cacheControl)
    .set('x-content-type-options', 'nosniff')
    .type('html')
    .send(render(nonce));
}
