// Registering the rating channels that authenticate with keys (art. 12–13): window devices and partner
// systems. A key is made here, shown once to the operator who registers the channel, and kept only as its
// hash (infra/channel-keys.ts); a lost key is replaced, never recovered.
import { randomBytes } from 'node:crypto';
import { keyHash } from '../channel-keys.ts';
import type { Db } from '../db.ts';

export type RegistrationOutcome =
  | { kind: 'registered'; key: string }
  | { kind: 'already-registered' }
  | { kind: 'unknown-institution' }
  | { kind: 'unknown-platform' }
  | { kind: 'unknown-channel' };

export function newChannelKey(): string {
  return `hcp_${randomBytes(24).toString('base64url')}`;
}

export async function registerDevice(
  db: Db,
  id: string,
  institutionId: string,
): Promise<RegistrationOutcome> {
  if (!(await db('institutions').where({ id: institutionId }).first('id')))
    return { kind: 'unknown-institution' };
  const key = newChannelKey();
  const inserted = await db('rating_devices')
    .insert({ id, institution_id: institutionId, key_hash: keyHash(key) })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length > 0 ? { kind: 'registered', key } : { kind: 'already-registered' };
}

export async function registerPartner(
  db: Db,
  { id, name, platformId }: { id: string; name: string; platformId: string },
): Promise<RegistrationOutcome> {
  if (!(await db('platforms').where({ id: platformId }).first('id'))) return { kind: 'unknown-platform' };
  const key = newChannelKey();
  const inserted = await db('partner_systems')
    .insert({ id, name, platform_id: platformId, key_hash: keyHash(key) })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length > 0 ? { kind: 'registered', key } : { kind: 'already-registered' };
}

/** A new key for a registered device or partner; the old one stops working at once. */
export async function replaceChannelKey(
  db: Db,
  kind: 'device' | 'partner',
  id: string,
): Promise<RegistrationOutcome> {
  const key = newChannelKey();
  const table = kind === 'device' ? 'rating_devices' : 'partner_systems';
  const updated = await db(table)
    .where({ id })
    .update({ key_hash: keyHash(key) });
  return updated > 0 ? { kind: 'registered', key } : { kind: 'unknown-channel' };
}
