// Calling our 12345 webhook as the hotline does (signed), or as someone who gets the signing wrong.
import { randomUUID } from 'node:crypto';
import { signatureHeaders } from '../../infra/hotline/signature.ts';

export function webhookEvent(
  type: 'work-order.status' | 'return-visit.recorded',
  data: Record<string, unknown>,
): Record<string, unknown> {
  return { id: `evt-${randomUUID()}`, type, occurredAt: new Date().toISOString(), data };
}

/** Posts a body (an object is sent as JSON) to /api/hotline/webhook, signed with `secret` at `at`. */
export async function postSigned(
  baseUrl: string,
  body: unknown,
  {
    secret,
    at = new Date(),
    tamper = (signed: string) => signed,
  }: { secret: string; at?: Date; tamper?: (body: string) => string },
) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${baseUrl}/api/hotline/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, text, at) },
    body: tamper(text),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
