// Sessions in PostgreSQL: the cookie holds a random token, the table its sha256.
import { createHash, randomBytes } from 'node:crypto';
import { AUTH_POLICY } from './policy.ts';
import type { Db } from '../../infra/db.ts';

export interface StoredSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function openSession(db: Db, userId: string, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db('sessions').insert({
    token_hash: tokenHash(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
  });
  return { token, csrfToken };
}

/** last_seen_at is written at most this often: a read of the list is not a write to the database. */
const TOUCH_EVERY_MS = 60_000;

/** The live session of a cookie's token, touched; undefined when unknown, ended or timed out. */
export async function findLiveSession(db: Db, token: string, now: Date): Promise<StoredSession | undefined> {
  const idleCutoff = new Date(now.getTime() - AUTH_POLICY.idleMinutes * 60_000);
  const absoluteCutoff = new Date(now.getTime() - AUTH_POLICY.absoluteHours * 3_600_000);
  const row = await db('sessions')
    .where({ token_hash: tokenHash(token) })
    .whereNull('ended_at')
    .where('last_seen_at', '>', idleCutoff)
    .where('created_at', '>', absoluteCutoff)
    .first('token_hash', 'user_id', 'csrf_token', 'last_seen_at');
  if (!row) return undefined;
  if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await db('sessions').where({ token_hash: row.token_hash }).update({ last_seen_at: now });
  }
  return { tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token };
}

export async function endSession(db: Db, token: string, now: Date): Promise<void> {
  await db('sessions')
    .where({ token_hash: tokenHash(token) })
    .whereNull('ended_at')
    .update({ ended_at: now });
}
