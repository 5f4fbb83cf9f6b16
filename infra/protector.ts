// Encryption at rest for raters' phone and ID numbers (art. 24): AES-256-GCM with keys from
// configuration. Stored form: "<version>:" + base64(iv | tag | ciphertext). A keyring holds several
// versions, newest first: new values are encrypted with the newest, old ones still decrypt by their
// prefix (key rotation, docs/privacy.md).
//
// lookupHash: the fraud rules compare phones without decrypting them, by HMAC-SHA256 under a lookup
// key derived (HKDF-SHA256) from the oldest key of the ring. It must stay the same while hashes made
// with it are compared: retiring that key means recomputing the stored hashes (docs/privacy.md).
//
// ratingCode: the 评价码 printed on a 办件's receipt beside its number (art. 11: only the one served rates it);
// smsRatingCode: the one the reminder SMS's link carries, so a rating by that link is stored as by SMS. Keyed
// by other keys derived from the oldest key, so codes given out before a rotation stay valid.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { RATING_CODE_DIGITS, normalizeRatingCode } from '../domain/evaluation/rating-code.ts';

export interface KeyVersion {
  /** "v1", "v2", …: the prefix of every value encrypted with it. */
  version: string;
  keyHex: string;
}

const LOOKUP_KEY_INFO = 'hcp phone lookup v1';
const RATING_CODE_KEY_INFO = 'hcp rating code v1';
const SMS_RATING_CODE_KEY_INFO = 'hcp sms rating code v1';

/** Which 评价码 a rater gave: the one printed on the receipt, or the one in the reminder SMS's link. */
export type RatingCodeSource = 'receipt' | 'sms';
const RATING_CODE_MODULUS = 10n ** BigInt(RATING_CODE_DIGITS);

/** HCP_ENCRYPTION_KEYS: "v2:<64 hex>,v1:<64 hex>", newest first. Throws on a malformed ring. */
export function parseKeyring(value: string): KeyVersion[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(v[0-9]+):([0-9a-fA-F]{64})$/.exec(entry);
      if (!match) throw new Error('each key must be written v<N>:<64 hex characters>');
      return { version: match[1]!, keyHex: match[2]! };
    });
  if (keys.length === 0) throw new Error('the keyring is empty');
  if (new Set(keys.map((key) => key.version)).size !== keys.length) throw new Error('a version repeats');
  // Newest first: read the other way, new values would stay under the old key and every 评价码 and lookup
  // hash would change (they come from the last, oldest key) — a rotation gone wrong without a word.
  const numbers = keys.map((key) => Number(key.version.slice(1)));
  if (numbers.some((number, index) => index > 0 && number >= numbers[index - 1]!)) {
    throw new Error('the keys must be listed newest first, by falling version number (v2:…,v1:…)');
  }
  return keys;
}

function keyBytes(keyHex: string): Buffer {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes (64 hex characters)');
  return key;
}

const IV_BYTES = 12;
const IV_POOL_BYTES = IV_BYTES * 1024;

/**
 * Fresh random 96-bit GCM nonces, cut from a pool filled by one call to the system's random source per 1,024
 * nonces: a call per nonce cost more than the encryption itself in bulk imports (bench/bulk-import.ts).
 * Each nonce is used once; random 96-bit nonces are the construction NIST SP 800-38D allows for this volume.
 */
function createNonceSource(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + IV_BYTES > pool.length) {
      pool = randomBytes(IV_POOL_BYTES);
      offset = 0;
    }
    const iv = pool.subarray(offset, offset + IV_BYTES);
    offset += IV_BYTES;
    return iv;
  };
}

/** One key (taken as v1, as before keyrings existed) or a keyring, newest first. */
export function createProtector(keys: string | readonly KeyVersion[]) {
  const ring = typeof keys === 'string' ? [{ version: 'v1', keyHex: keys }] : keys;
  if (ring.length === 0) throw new Error('the keyring is empty');
  const byVersion = new Map(ring.map(({ version, keyHex }) => [version, keyBytes(keyHex)]));
  const current = ring[0]!.version;
  const currentKey = byVersion.get(current)!;
  const oldestKey = byVersion.get(ring[ring.length - 1]!.version)!;
  const derivedKey = (info: string) => Buffer.from(hkdfSync('sha256', oldestKey, Buffer.alloc(0), info, 32));
  const lookupKey = derivedKey(LOOKUP_KEY_INFO);
  const ratingCodeKeys = {
    receipt: derivedKey(RATING_CODE_KEY_INFO),
    sms: derivedKey(SMS_RATING_CODE_KEY_INFO),
  } as const;
  const codeUnder = (source: RatingCodeSource, serviceRecordId: string): string => {
    const digest = createHmac('sha256', ratingCodeKeys[source]).update(serviceRecordId, 'utf8').digest();
    const value = digest.readBigUInt64BE(0) % RATING_CODE_MODULUS;
    return value.toString().padStart(RATING_CODE_DIGITS, '0');
  };
  const sameCode = (a: string, b: string) => timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const nextIv = createNonceSource();
  const protector = {
    /** The version new values are encrypted with. */
    currentVersion: current,
    encrypt(plain: string): string {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${current}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored: string): string {
      const [version, payload] = stored.split(':', 2);
      const key = version === undefined ? undefined : byVersion.get(version);
      if (!key || !payload) throw new Error(`unknown protected-value version: ${version}`);
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    /** True when a stored value is under an older key and should be re-encrypted. */
    isStale(stored: string): boolean {
      return !stored.startsWith(`${current}:`);
    },
    /** Keyed, stable lookup value (hex) for comparing without decrypting; the caller normalises. */
    lookupHash(value: string): string {
      return createHmac('sha256', lookupKey).update(value, 'utf8').digest('hex');
    },
    /** The 评价码 of a 办件 on its receipt: RATING_CODE_DIGITS digits, the same under every rotation. */
    ratingCode: (serviceRecordId: string): string => codeUnder('receipt', serviceRecordId),
    /** The code the reminder SMS's link carries: another one, so that a rating by it is known as by SMS. */
    smsRatingCode: (serviceRecordId: string): string => codeUnder('sms', serviceRecordId),
    /**
     * Where the code given (as typed: spaces and dashes allowed) comes from — the receipt or the reminder SMS —
     * or undefined when it is neither's. Both compared in constant time.
     */
    ratingCodeSource(serviceRecordId: string, given: string): RatingCodeSource | undefined {
      const typed = normalizeRatingCode(given);
      if (typed === undefined) return undefined;
      const receipt = sameCode(typed, codeUnder('receipt', serviceRecordId));
      const sms = sameCode(typed, codeUnder('sms', serviceRecordId));
      return receipt ? 'receipt' : sms ? 'sms' : undefined;
    },
  };
  return protector;
}

export type Protector = ReturnType<typeof createProtector>;
