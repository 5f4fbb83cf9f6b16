// Keys of rating channels (window devices, partner systems, the SMS gateway): stored as SHA-256 hex,
// compared in constant time so the time of a refusal says nothing about how much of a key was right.
import { createHash, timingSafeEqual } from 'node:crypto';

export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when `presented` hashes to `storedHash`; an absent key or stored hash is never a match. */
export function keyMatches(presented: string | undefined, storedHash: string | undefined): boolean {
  // Hash even when nothing is stored, so an unknown device takes as long as a wrong key.
  const presentedHash = Buffer.from(keyHash(presented ?? ''), 'hex');
  const stored = Buffer.from(storedHash ?? '', 'hex');
  const equal = timingSafeEqual(presentedHash, stored.length === 32 ? stored : Buffer.alloc(32));
  return equal && presented !== undefined && presented !== '' && stored.length === 32;
}
