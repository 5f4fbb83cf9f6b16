// The rules of signing in, in one place (docs/tasklist-api.md, "Signing in", lists them).
export const AUTH_POLICY = {
  /** Wrong passwords in a row before the account locks. */
  maxFailedAttempts: 5,
  lockMinutes: 15,
  /** A session unused this long ends: the next request must sign in again. */
  idleMinutes: 30,
  /** However busy, a session ends this long after sign-in. */
  absoluteHours: 12,
  cookieName: 'hcp_session',
  csrfHeader: 'x-csrf-token',
} as const;
