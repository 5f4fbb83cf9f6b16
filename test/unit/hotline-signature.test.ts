// The signature between us and the 12345 hotline (docs/hotline-contract.md): only the holder of the
// shared secret can produce a request we accept, for exactly this body, at about this time.
import assert from 'node:assert/strict';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  sign,
  signatureHeaders,
  verifySignature,
} from '../../infra/hotline/signature.ts';

const SECRET = 'a-shared-secret-of-the-city';
const NOW = new Date('2026-11-26T02:00:00Z');
const BODY = JSON.stringify({ id: 'evt-1', type: 'return-visit.recorded', data: { result: 'satisfied' } });

function signed(body = BODY, secret = SECRET, at = NOW) {
  const headers = signatureHeaders(secret, body, at);
  return { timestamp: headers[TIMESTAMP_HEADER], signature: headers[SIGNATURE_HEADER] };
}

describe('signing 12345 requests', () => {
  it('given a body signed with the shared secret, when checked now, then it is valid', () => {
    assert.equal(verifySignature({ secret: SECRET, ...signed(), body: BODY, now: NOW }), 'valid');
    assert.equal(
      verifySignature({ secret: SECRET, ...signed(), body: Buffer.from(BODY), now: NOW }),
      'valid',
      'a raw body buffer checks the same as its text',
    );
  });

  it('given a tampered body, then the signature is bad', () => {
    const tampered = BODY.replace('satisfied', 'dissatisfied');
    assert.equal(verifySignature({ secret: SECRET, ...signed(), body: tampered, now: NOW }), 'bad-signature');
  });

  it('given a body signed with another secret, then the signature is bad', () => {
    assert.equal(
      verifySignature({ secret: SECRET, ...signed(BODY, 'someone-else-s-secret'), body: BODY, now: NOW }),
      'bad-signature',
    );
  });

  it('given a signature moved to another timestamp, then it is bad: the timestamp is signed', () => {
    const { signature } = signed();
    const later = String(Math.floor(NOW.getTime() / 1000) + 1);
    assert.equal(
      verifySignature({ secret: SECRET, timestamp: later, signature, body: BODY, now: NOW }),
      'bad-signature',
    );
  });

  it('given missing or malformed headers, then the signature is bad', () => {
    const { timestamp, signature } = signed();
    for (const headers of [
      { timestamp: undefined, signature },
      { timestamp, signature: undefined },
      { timestamp, signature: 'not-hex' },
      { timestamp: '2026-11-26T02:00:00Z', signature },
    ]) {
      assert.equal(verifySignature({ secret: SECRET, ...headers, body: BODY, now: NOW }), 'bad-signature');
    }
  });

  it('given a well-signed request from more than 5 minutes ago or ahead, then its timestamp is stale', () => {
    const sixMinutes = 6 * 60_000;
    const old = signed(BODY, SECRET, new Date(NOW.getTime() - sixMinutes));
    const ahead = signed(BODY, SECRET, new Date(NOW.getTime() + sixMinutes));
    const fourMinutesAgo = signed(BODY, SECRET, new Date(NOW.getTime() - 4 * 60_000));
    assert.equal(verifySignature({ secret: SECRET, ...old, body: BODY, now: NOW }), 'stale-timestamp');
    assert.equal(verifySignature({ secret: SECRET, ...ahead, body: BODY, now: NOW }), 'stale-timestamp');
    assert.equal(verifySignature({ secret: SECRET, ...fourMinutesAgo, body: BODY, now: NOW }), 'valid');
  });

  it('given the example in docs/hotline-contract.md, then the signature is HMAC-SHA256 over "timestamp.body" in hex', () => {
    assert.equal(
      sign('secret', '1700000000', '{}'),
      'b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163',
    );
  });
});
