// A signed-in staff member talking to the HTTP API as the modeler does: session cookie + CSRF header.
export const DEMO_PASSWORD = 'hcp-demo-2026';

export interface StaffSession {
  userId: string;
  cookie: string;
  csrfToken: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function signIn(api: string, userId: string, password = DEMO_PASSWORD): Promise<StaffSession> {
  const response = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in of ${userId}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    userId,
    cookie,
    csrfToken,
    async call(method, path, body) {
      const headers: Record<string, string> = { cookie, 'x-csrf-token': csrfToken };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const answer = await fetch(`${api}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
