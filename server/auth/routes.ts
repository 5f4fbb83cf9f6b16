// POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me.
import { Router } from 'express';
import { z } from 'zod';
import { AUTH_POLICY } from './policy.ts';
import { checkPassword, logSignInEvent } from './sign-in.ts';
import { endSession, openSession } from './session-store.ts';
import { loadSessionUser } from './session-user.ts';
import { currentUser, LOGIN_PATH, readCookie } from './middleware.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';

const loginBody = z.strictObject({
  userId: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export function authRoutes({
  db,
  clock,
  secureCookies,
}: {
  db: Db;
  clock: () => Date;
  secureCookies: boolean;
}) {
  const router = Router();
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: secureCookies,
    path: '/',
  };

  router.post(LOGIN_PATH, async (request, response) => {
    const parsed = loginBody.safeParse(request.body ?? {});
    if (!parsed.success) throw new DomainError('auth.invalid_credentials');
    const now = clock();
    const userId = await checkPassword(db, { ...parsed.data, ip: request.ip, now });
    const user = await loadSessionUser(db, userId);
    if (!user) throw new DomainError('auth.invalid_credentials');
    // The session this browser held until now ends: one browser, one person signed in.
    const previous = readCookie(request, AUTH_POLICY.cookieName);
    if (previous) await endSession(db, previous, now);
    const { token, csrfToken } = await openSession(db, userId, now);
    await logSignInEvent(db, userId, 'signed-in', request.ip, now);
    response.cookie(AUTH_POLICY.cookieName, token, cookieOptions);
    response.json({ user, csrfToken, idleMinutes: AUTH_POLICY.idleMinutes });
  });

  router.post('/auth/logout', async (request, response) => {
    const user = currentUser(response);
    const token = readCookie(request, AUTH_POLICY.cookieName);
    const now = clock();
    if (token) await endSession(db, token, now);
    await logSignInEvent(db, user.id, 'signed-out', request.ip, now);
    response.clearCookie(AUTH_POLICY.cookieName, cookieOptions);
    response.status(204).end();
  });

  router.get('/auth/me', (_request, response) => {
    const user = currentUser(response);
    response.json({ user, csrfToken: response.locals.csrfToken, idleMinutes: AUTH_POLICY.idleMinutes });
  });

  return router;
}
