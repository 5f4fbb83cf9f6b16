// Staff accounts (issue 6) against a real PostgreSQL: argon2id hashes, lockout after five wrong passwords,
// idle and absolute session timeouts, the CSRF token, and 401/403 before any staff route runs.
import assert from 'node:assert/strict';
import { startRatingApi, type RatingApi } from '../support/rating-api.ts';
import { getJson, postJson } from '../support/fixtures.ts';
import { signIn } from '../support/staff.ts';
import { DEMO_PASSWORD } from '../../infra/seed/demo-data.ts';

const MINUTE = 60_000;

describe('staff accounts: passwords, lockout, sessions, CSRF (issue 6)', () => {
  let world: RatingApi;
  let now = Date.now();

  before(async () => {
    world = await startRatingApi('hcp_test_db_auth', { sessionClock: () => new Date(now) });
  });
  after(() => world.stop());

  const login = (userId: string, password: string) =>
    postJson(world.api, '/api/auth/login', { userId, password });

  it('given the right password, then a session cookie (HttpOnly, SameSite=Strict) and the user with all their departments', async () => {
    const response = await fetch(`${world.api}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'wang.fang', password: DEMO_PASSWORD }),
    });
    assert.equal(response.status, 200);
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^hcp_session=[\w-]{40,};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const body = (await response.json()) as any;
    assert.equal(body.user.name, '王芳');
    assert.deepEqual(body.user.departmentIds, ['xa-housing', 'xa-market']);
    const me = await getJson(world.api, '/api/auth/me', { cookie: cookie.split(';')[0]! });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, 'wang.fang');
    assert.equal(me.body.csrfToken, body.csrfToken);
  });

  it('given stored accounts, then passwords are argon2id hashes and sessions keep only a hash of the cookie', async () => {
    const credentials = await world.db('user_credentials').where({ user_id: 'wang.fang' }).first();
    assert.match(credentials.password_hash, /^\$argon2id\$/);
    const session = await signIn(world.api, 'li.qiang');
    const token = session.headers.cookie!.split('=')[1]!;
    assert.equal((await world.db('sessions').where({ token_hash: token })).length, 0);
    assert.equal((await world.db('sessions').where({ user_id: 'li.qiang' })).length, 1);
  });

  it('given a wrong password or an unknown user, then the same 401 auth.invalid_credentials, and every attempt is logged', async () => {
    const wrong = await login('chen.jing', 'not-the-password');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.id, 'auth.invalid_credentials');
    assert.equal(wrong.body.error.message, '用户名或密码不正确。');
    assert.equal(wrong.body.error.details.attemptsLeft, 4);
    const unknown = await login('no.such.user', 'whatever');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.id, 'auth.invalid_credentials');
    const logged = await world.db('sign_in_events').whereIn('user_id', ['chen.jing', 'no.such.user']);
    assert.deepEqual(logged.map((event) => event.outcome).sort(), ['unknown-user', 'wrong-password']);
  });

  it('given five wrong passwords in a row, then the account locks for 15 minutes, even against the right password, and opens after', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      assert.equal((await login('he.ping', `wrong-${attempt}`)).status, 401);
    }
    const locked = await login('he.ping', 'wrong-5');
    assert.equal(locked.status, 423);
    assert.equal(locked.body.error.id, 'auth.locked');
    assert.match(locked.body.error.message, /锁定/);
    const stillLocked = await login('he.ping', DEMO_PASSWORD);
    assert.equal(stillLocked.status, 423, 'the right password does not open a locked account');
    now += 16 * MINUTE;
    assert.equal((await login('he.ping', DEMO_PASSWORD)).status, 200);
  });

  it('given a session idle for more than 30 minutes, then 401 auth.session_expired; used every 20 minutes it lasts, but never beyond 12 hours', async () => {
    const idle = await signIn(world.api, 'zhao.min');
    now += 31 * MINUTE;
    const expired = await idle.get('/api/auth/me');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.id, 'auth.session_expired');
    assert.equal(expired.body.error.message, '登录已超时，请重新登录。');

    const busy = await signIn(world.api, 'liu.yang');
    for (let step = 0; step < 35; step += 1) {
      now += 20 * MINUTE; // 11 h 40 min after 35 steps
      assert.equal((await busy.get('/api/auth/me')).status, 200, `alive after ${(step + 1) * 20} minutes`);
    }
    now += 21 * MINUTE; // 12 h 1 min
    assert.equal((await busy.get('/api/auth/me')).body.error.id, 'auth.session_expired');
  });

  it('given a session, when a POST comes without or with a wrong CSRF token, then 403 auth.csrf_invalid and the session stays; with it, logout ends the session', async () => {
    const session = await signIn(world.api, 'sun.li');
    const cookie = { cookie: session.headers.cookie! };
    const noToken = await postJson(world.api, '/api/auth/logout', {}, cookie);
    assert.equal(noToken.status, 403);
    assert.equal(noToken.body.error.id, 'auth.csrf_invalid');
    const wrongToken = await postJson(
      world.api,
      '/api/auth/logout',
      {},
      { ...cookie, 'x-csrf-token': 'x'.repeat(32) },
    );
    assert.equal(wrongToken.status, 403);
    assert.equal((await session.get('/api/auth/me')).status, 200);
    const out = await fetch(`${world.api}/api/auth/logout`, { method: 'POST', headers: session.headers });
    assert.equal(out.status, 204);
    assert.equal((await session.get('/api/auth/me')).status, 401);
  });

  it('given a live session in the browser, when another person signs in there (a shared counter PC), then it succeeds without a CSRF token and the old session ends', async () => {
    const first = await signIn(world.api, 'wang.fang');
    const next = await postJson(
      world.api,
      '/api/auth/login',
      { userId: 'li.qiang', password: DEMO_PASSWORD },
      { cookie: first.headers.cookie! },
    );
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.equal(next.body.user.id, 'li.qiang');
    assert.equal((await first.get('/api/auth/me')).status, 401, 'the session before it is over');
  });

  it('given no session, then every staff route answers 401 auth.required in Chinese', async () => {
    for (const path of [
      '/api/tasks',
      '/api/cases/00000000-0000-4000-8000-000000000000',
      '/api/fraud-flags',
      '/api/notifications',
      '/api/colleagues?taskId=x',
    ]) {
      const response = await getJson(world.api, path);
      assert.equal(response.status, 401, path);
      assert.equal(response.body.error.id, 'auth.required', path);
      assert.equal(response.body.error.message, '请先登录。');
    }
  });

  it('given a session cookie that is no valid percent-encoding, then it is no session (401 auth.session_expired), not a 500', async () => {
    for (const value of ['%E0%A4%A', '%', '%zz']) {
      const response = await getJson(world.api, '/api/auth/me', { cookie: `hcp_session=${value}` });
      assert.equal(response.status, 401, value);
      assert.equal(response.body.error.id, 'auth.session_expired', value);
    }
  });
});
