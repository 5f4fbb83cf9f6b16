// Who is calling: the session cookie makes response.locals.user; unsafe methods under a session must carry
// the session's CSRF token in x-csrf-token (the cookie is SameSite=Strict as well).
import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { AUTH_POLICY } from './policy.ts';
import { findLiveSession } from './session-store.ts';
import { loadSessionUser, type SessionUser, type UserRole } from './session-user.ts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../infra/db.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie's value as sent; one that is no valid percent-encoding is kept as it is (it matches no session). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The sign-in route (server/auth/routes.ts), as the API router sees it. */
export const LOGIN_PATH = '/auth/login';

export function sessionMiddleware({ db, clock }: { db: Db; clock: () => Date }): RequestHandler {
  return async (request, response, next) => {
    const token = readCookie(request, AUTH_POLICY.cookieName);
    if (!token) return next();
    const session = await findLiveSession(db, token, clock());
    if (!session) {
      response.locals.sessionExpired = true;
      return next();
    }
    // Signing in anew (another person at a shared counter PC, a second tab) acts as nobody: the login route
    // ends the session the cookie held. The login page has no CSRF token to send, so none is asked for.
    if (request.method === 'POST' && request.path === LOGIN_PATH) return next();
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.get(AUTH_POLICY.csrfHeader), session.csrfToken)
    ) {
      throw new DomainError('auth.csrf_invalid');
    }
    const user = await loadSessionUser(db, session.userId);
    if (user) {
      response.locals.user = user;
      response.locals.csrfToken = session.csrfToken;
    }
    next();
  };
}

/** The signed-in user, or 401 (auth.session_expired when the cookie was there but the session is over). */
export function currentUser(response: Response): SessionUser {
  const user = response.locals.user as SessionUser | undefined;
  if (!user) throw new DomainError(response.locals.sessionExpired ? 'auth.session_expired' : 'auth.required');
  return user;
}

export function optionalUser(response: Response): SessionUser | undefined {
  return response.locals.user as SessionUser | undefined;
}

export function requireUser(_request: Request, response: Response, next: NextFunction): void {
  currentUser(response);
  next();
}

export function requireRole(...roles: UserRole[]): RequestHandler {
  return (_request, response, next) => {
    const user = currentUser(response);
    if (!roles.includes(user.role)) throw new DomainError('auth.forbidden', { need: roles });
    next();
  };
}

/** art. 11: nothing a staff account submits counts as a rater's rating. */
export function assertNotStaff(response: Response): void {
  if (response.locals.user || response.locals.sessionExpired) {
    throw new DomainError('evaluation.staff_cannot_rate', { via: 'staff-session' });
  }
}
