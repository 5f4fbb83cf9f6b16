// Signed-in staff for tests: a session cookie and its CSRF token, per user, cached per server.
import { DEMO_PASSWORD, USERS } from '../../infra/seed/demo-data.ts';
import { getJson, postJson } from './fixtures.ts';
import type { Db } from '../../infra/db.ts';

export interface StaffSession {
  userId: string;
  /** cookie + x-csrf-token: pass to getJson / postJson / fetch. */
  headers: Record<string, string>;
  get(path: string): ReturnType<typeof getJson>;
  post(path: string, body: unknown): ReturnType<typeof postJson>;
}

export async function signIn(
  baseUrl: string,
  userId: string,
  password = DEMO_PASSWORD,
): Promise<StaffSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password }),
  });
  const body = (await response.json()) as { csrfToken?: string; error?: unknown };
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie || !body.csrfToken) {
    throw new Error(`sign-in of ${userId} refused: ${response.status} ${JSON.stringify(body)}`);
  }
  const headers = { cookie, 'x-csrf-token': body.csrfToken };
  return {
    userId,
    headers,
    get: (path) => getJson(baseUrl, path, headers),
    post: (path, payload) => postJson(baseUrl, path, payload, headers),
  };
}

const sessions = new Map<string, Promise<StaffSession>>();

/** One session per server and user for a whole test run (sessions last 30 idle minutes). */
export function staff(baseUrl: string, userId: string): Promise<StaffSession> {
  const key = `${baseUrl} ${userId}`;
  let session = sessions.get(key);
  if (!session) {
    session = signIn(baseUrl, userId);
    sessions.set(key, session);
    session.catch(() => sessions.delete(key)).catch(() => undefined);
  }
  return session;
}

/** The test user who works a department's tasks: the first demo user at home there (infra/seed/demo-data.ts). */
export function staffOfDepartment(baseUrl: string, departmentId: string): Promise<StaffSession> {
  const user = USERS.find((candidate) => candidate.department_id === departmentId);
  if (!user) throw new Error(`no test user works for ${departmentId}`);
  return staff(baseUrl, user.id);
}

/**
 * A staff account beside the demo ones (e.g. a district supervisor), signing in with the demo password: its
 * credential is copied from a demo user's. Adding it again changes nothing.
 */
export async function addStaffMember(
  db: Db,
  member: { id: string; name: string; role: string; departmentId: string },
): Promise<void> {
  const template = await db('users').where({ id: 'sun.li' }).first();
  await db('users')
    .insert({
      ...template,
      id: member.id,
      name: member.name,
      role: member.role,
      department_id: member.departmentId,
      // Their own address: a notice sent to them is theirs alone.
      email: `${member.id}@staff.test.example`,
    })
    .onConflict('id')
    .ignore();
  await db('user_departments')
    .insert({ user_id: member.id, department_id: member.departmentId })
    .onConflict(['user_id', 'department_id'])
    .ignore();
  const credential = await db('user_credentials').where({ user_id: 'sun.li' }).first();
  await db('user_credentials')
    .insert({ ...credential, user_id: member.id })
    .onConflict('user_id')
    .ignore();
}

/** A supervisor of 雁塔区 (yt-approval's region): outside the city units' jurisdiction. */
export const DISTRICT_SUPERVISOR = {
  id: 'yt.supervisor',
  name: '雁塔监督员',
  role: 'supervisor',
  departmentId: 'yt-approval',
};
