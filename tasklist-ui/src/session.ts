// Who is signed in. The session itself is the server's (an HttpOnly cookie); the UI keeps the user and
// the CSRF token that unsafe requests must carry.
import { dropDraftsExcept } from './forms/draft.ts';
import { reactive } from 'vue';
import { request, post, setCsrfToken, ApiError } from './api.ts';
import { watchesCases, worksCases } from '../../domain/organisation/roles.ts';
import type { Role, Session, User } from './types.ts';

export const session = reactive<{ user: User | null; loaded: boolean; idleMinutes: number }>({
  user: null,
  loaded: false,
  idleMinutes: 30,
});

function adopt(answer: Session): void {
  session.user = answer.user;
  session.idleMinutes = answer.idleMinutes;
  session.loaded = true;
  setCsrfToken(answer.csrfToken);
}

export function forget(): void {
  session.user = null;
  session.loaded = true;
  setCsrfToken('');
}

/** Asks the server once whether a session is open (a reload keeps the cookie). */
export async function loadSession(): Promise<User | null> {
  if (session.loaded) return session.user;
  try {
    // No session yet is not an error here: the guard shows the login screen without a warning.
    adopt(await request<Session>('GET', '/auth/me', undefined, { quietUnauthorized: true }));
  } catch (error: unknown) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    forget();
  }
  return session.user;
}

export async function signIn(userId: string, password: string): Promise<User> {
  const answer = await post<Session>('/auth/login', { userId, password }, { quietUnauthorized: true });
  // Someone else's unfinished forms are not theirs to see; the same person's, back after a timeout, are.
  dropDraftsExcept(answer.user.id);
  adopt(answer);
  return answer.user;
}

export async function signOut(): Promise<void> {
  try {
    await post('/auth/logout');
  } finally {
    dropDraftsExcept();
    forget();
  }
}

export function hasRole(...roles: Role[]): boolean {
  return !!session.user && roles.includes(session.user.role);
}

/** Claims, completes and transfers tasks: the server's own rule (domain/organisation/roles.ts). */
export function mayWorkCases(): boolean {
  return !!session.user && worksCases(session.user.role);
}

/** Looks at tasks and urges them (催办) without working them: supervisors and admins. */
export function mayWatchCases(): boolean {
  return !!session.user && watchesCases(session.user.role);
}
