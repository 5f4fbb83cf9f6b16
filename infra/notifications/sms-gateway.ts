// SMS through an HTTP gateway. This is the one file to adapt when a real provider is connected (a
// carrier's or a government SMS platform's API): the dispatcher only needs `send` to resolve once
// the gateway has accepted the message and to throw otherwise.
//
// The contract this adapter speaks (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN):
//   POST <SMS_GATEWAY_URL>
//   Authorization: Bearer <SMS_GATEWAY_TOKEN>      (omitted when no token is configured)
//   Content-Type: application/json
//   Idempotency-Key: <the notification's idempotency key>   (a gateway that honours it drops repeats)
//   { "to": "13812345678", "text": "您好，…" }
// Any 2xx means accepted; anything else (or no answer within the timeout) is a failure to retry.
// The signature 【…】 that Chinese carriers require is the gateway's to add, not ours.
import { redactContact } from '../../domain/evaluation/masking.ts';

export interface OutgoingSms {
  to: string;
  text: string;
  idempotencyKey: string;
}

export interface SmsGateway {
  send(sms: OutgoingSms): Promise<void>;
}

export class SmsGatewayError extends Error {}

export function createSmsGateway({
  url,
  token,
  timeoutMs = 10_000,
}: {
  url: string;
  token: string | undefined;
  timeoutMs?: number;
}): SmsGateway {
  return {
    async send(sms) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': sms.idempotencyKey,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: sms.to, text: sms.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        // Only the status and the start of the answer: the stored error must not grow without bound. The
        // recipient's number masked before the cut, which could leave part of it unmatched.
        const answer = redactContact(await response.text().catch(() => ''), { phone: sms.to }).slice(0, 200);
        throw new SmsGatewayError(`SMS gateway answered ${response.status}: ${answer}`);
      }
    },
  };
}
