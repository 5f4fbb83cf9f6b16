// Signing between us and the 12345 hotline (docs/hotline-contract.md): HMAC-SHA256 with the shared
// secret over "<timestamp>.<raw body>". The timestamp is signed so a captured request cannot be replayed
// later: the receiver also refuses one outside its time window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-hcp-timestamp';
export const SIGNATURE_HEADER = 'x-hcp-signature';
/** How far a request's timestamp may be from the receiver's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export function sign(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The two headers for a request with this body, timestamped now (Unix seconds). */
export function signatureHeaders(
  secret: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(secret, timestamp, body) };
}

export type SignatureCheck = 'valid' | 'bad-signature' | 'stale-timestamp';

/**
 * Checks a received request. The signature is checked first (a forged request learns nothing about our
 * clock), in constant time; then the timestamp window.
 */
export function verifySignature({
  secret,
  timestamp,
  signature,
  body,
  now,
  windowMs = SIGNATURE_WINDOW_MS,
}: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string | Buffer;
  now: Date;
  windowMs?: number;
}): SignatureCheck {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) {
    return 'bad-signature';
  }
  const expected = Buffer.from(sign(secret, timestamp, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'bad-signature';
  const skew = Math.abs(now.getTime() - Number(timestamp) * 1000);
  return skew <= windowMs ? 'valid' : 'stale-timestamp';
}
