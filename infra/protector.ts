// Encryption at rest for raters' phone and ID numbers (art. 24): AES-256-GCM with a key from
// configuration. Stored form: "v1:" + base64(iv | tag | ciphertext); the version prefix leaves room
// for key rotation (docs/privacy.md).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

export function createProtector(keyHex: string) {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes (64 hex characters)');
  return {
    encrypt(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored: string): string {
      const [version, payload] = stored.split(':', 2);
      if (version !== VERSION || !payload) throw new Error(`unknown protected-value version: ${version}`);
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

export type Protector = ReturnType<typeof createProtector>;
