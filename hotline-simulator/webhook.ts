// How the simulated hotline calls our webhook: signed like every real call, retried on network errors
// and 5xx with back-off (never on 4xx: our refusal is final), as docs/hotline-contract.md promises.
import { randomUUID } from 'node:crypto';
import { signatureHeaders } from '../infra/hotline/signature.ts';
import { errorMessage } from '../infra/error-message.ts';

export interface HotlineEvent {
  id: string;
  type: 'work-order.status' | 'return-visit.recorded';
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface DeliveryResult {
  /** 0 when our server did not answer at all. */
  status: number;
  body: unknown;
}

export function newEvent(type: HotlineEvent['type'], data: Record<string, unknown>): HotlineEvent {
  return { id: `evt-${randomUUID()}`, type, occurredAt: new Date().toISOString(), data };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliverEvent({
  callbackUrl,
  secret,
  event,
  attempts = 3,
  shouldGiveUp = () => false,
}: {
  callbackUrl: string;
  secret: string;
  event: HotlineEvent;
  attempts?: number;
  shouldGiveUp?: () => boolean;
}): Promise<DeliveryResult> {
  const url = `${callbackUrl.replace(/\/+$/, '')}/api/hotline/webhook`;
  let last: DeliveryResult = { status: 0, body: 'not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // Signed at each attempt: a retry later than the window would otherwise be refused as stale.
    const body = JSON.stringify(event);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body) },
        body,
        signal: AbortSignal.timeout(3000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      last = { status: response.status, body: parsed };
      if (response.status < 500) return last;
    } catch (error: unknown) {
      last = { status: 0, body: errorMessage(error) };
    }
    if (attempt < attempts && !shouldGiveUp()) await sleep(300 * 2 ** (attempt - 1));
    if (shouldGiveUp()) break;
  }
  return last;
}

/** One line for the operator's page. */
export function describeDelivery(result: DeliveryResult): string {
  if (result.status >= 200 && result.status < 300) return '已回传';
  if (result.status === 0) return `回传失败（系统无应答）`;
  const error = (result.body as { error?: { id?: string; message?: string } } | null)?.error;
  return `回传被拒绝（${result.status} ${error?.id ?? ''}${error?.message ? `：${error.message}` : ''}）`;
}
