// Checking a password with lockout: five wrong in a row lock the account for fifteen minutes. Every attempt
// is logged in sign_in_events (append-only), and an unknown user costs the same hash time as a known one.
import { DomainError } from '../../domain/errors.ts';
import { AUTH_POLICY } from './policy.ts';
import { decoyPasswordHash, passwordMatches } from '../../infra/passwords.ts';
import type { Db } from '../../infra/db.ts';

type Outcome = 'signed-in' | 'wrong-password' | 'unknown-user' | 'locked' | 'signed-out';

export async function logSignInEvent(
  db: Db,
  userId: string,
  outcome: Outcome,
  ip: string | undefined,
  now: Date,
) {
  await db('sign_in_events').insert({
    user_id: userId.slice(0, 64),
    outcome,
    ip: ip?.slice(0, 64),
    occurred_at: now,
  });
}

/** Resolves with the user id when the password is right; throws auth.invalid_credentials or auth.locked. */
export async function checkPassword(
  db: Db,
  { userId, password, ip, now }: { userId: string; password: string; ip?: string; now: Date },
): Promise<string> {
  const credentials = await db('user_credentials').where({ user_id: userId }).first();
  if (!credentials) {
    await passwordMatches(await decoyPasswordHash(), password);
    await logSignInEvent(db, userId, 'unknown-user', ip, now);
    throw new DomainError('auth.invalid_credentials');
  }
  if (credentials.locked_until && new Date(credentials.locked_until) > now) {
    await logSignInEvent(db, userId, 'locked', ip, now);
    throw new DomainError('auth.locked', { lockedUntil: new Date(credentials.locked_until).toISOString() });
  }
  if (await passwordMatches(credentials.password_hash, password)) {
    await db('user_credentials')
      .where({ user_id: userId })
      .update({ failed_attempts: 0, locked_until: null });
    return userId;
  }
  const failed = await db('user_credentials')
    .where({ user_id: userId })
    .increment('failed_attempts', 1)
    .returning('failed_attempts');
  const attempts = Number(failed[0]?.failed_attempts ?? 0);
  if (attempts >= AUTH_POLICY.maxFailedAttempts) {
    const lockedUntil = new Date(now.getTime() + AUTH_POLICY.lockMinutes * 60_000);
    await db('user_credentials')
      .where({ user_id: userId })
      .update({ failed_attempts: 0, locked_until: lockedUntil });
    await logSignInEvent(db, userId, 'locked', ip, now);
    throw new DomainError('auth.locked', { lockedUntil: lockedUntil.toISOString() });
  }
  await logSignInEvent(db, userId, 'wrong-password', ip, now);
  throw new DomainError('auth.invalid_credentials', {
    attemptsLeft: AUTH_POLICY.maxFailedAttempts - attempts,
  });
}
