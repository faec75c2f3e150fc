import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import bcrypt from 'bcryptjs';
import { firstUserWithRole, passwordHashOf, queueBoardPasses } from '../factories/identity.js';
import { DEMO_PASSWORD, startApi, type TestApi } from '../setup/api.js';

// Issue #11: how access tokens are signed, verified and revoked; login lockout; password rules.

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT made by hand, so a test can forge what a library would refuse to produce. */
function jwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: string | null,
  hmac = 'sha256',
): string {
  const signed = `${b64(header)}.${b64(payload)}`;
  return `${signed}.${key === null ? '' : createHmac(hmac, key).update(signed).digest('base64url')}`;
}

const claimsOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

const login = (api: TestApi, username: string, password = DEMO_PASSWORD) =>
  api.http().post('/api/auth/login').send({ username, password });

async function signIn(
  api: TestApi,
  username: string,
  password = DEMO_PASSWORD,
): Promise<{ bearer: string; accessToken: string; refreshToken: string }> {
  const res = await login(api, username, password).expect(200);
  return {
    bearer: `Bearer ${res.body.accessToken}`,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

const me = (api: TestApi, bearer: string) => api.http().get('/api/auth/me').set('Authorization', bearer);

describe('access tokens: only our own, complete, HS256 tokens are accepted', () => {
  let api: TestApi;
  let issued: string;
  beforeAll(async () => {
    api = await startApi();
    issued = (await signIn(api, 'admin')).accessToken;
  });
  afterAll(async () => {
    await api.close();
  });

  it('accepts the token it issued, which names its session, issuer and audience and expires', async () => {
    await me(api, `Bearer ${issued}`).expect(200);
    const claims = claimsOf(issued);
    expect(claims).toMatchObject({ iss: api.env.PUBLIC_URL, aud: 'kechuang-api', sid: expect.any(String) });
    expect(claims.exp).toBe((claims.iat as number) + api.env.JWT_ACCESS_TTL_SECONDS);
    expect(JSON.parse(Buffer.from(issued.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
  });

  it('refuses an admin token signed with the key that used to be the development default', async () => {
    const forged = jwt({ alg: 'HS256', typ: 'JWT' }, claimsOf(issued), 'local-development-secret-change-me-0123456789');
    await me(api, `Bearer ${forged}`).expect(401);
    await api.http().get('/api/users').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('checks the signature: the right claims under a garbage signature are refused', async () => {
    const [head, body] = issued.split('.');
    await me(api, `Bearer ${head}.${body}.${randomBytes(32).toString('base64url')}`).expect(401);
    await me(api, `Bearer ${head}.${body}.`).expect(401);
  });

  it.each([
    ['without exp (it would never expire)', { exp: undefined }],
    ['without iss', { iss: undefined }],
    ['from another issuer', { iss: 'https://elsewhere.example' }],
    ['without aud', { aud: undefined }],
    ['for another audience', { aud: 'another-api' }],
    ['without a session', { sid: undefined }],
  ])('refuses a correctly signed token %s', async (_, change) => {
    const claims = { ...claimsOf(issued), ...change };
    const token = jwt({ alg: 'HS256', typ: 'JWT' }, claims, api.env.JWT_SECRET!);
    await me(api, `Bearer ${token}`).expect(401);
  });

  it('refuses alg none and any algorithm but HS256', async () => {
    const claims = claimsOf(issued);
    await me(api, `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims, null)}`).expect(401);
    await me(api, `Bearer ${jwt({ alg: 'HS512', typ: 'JWT' }, claims, api.env.JWT_SECRET!, 'sha512')}`).expect(401);
    await me(api, `Bearer ${jwt({ alg: 'HS384', typ: 'JWT' }, claims, api.env.JWT_SECRET!, 'sha384')}`).expect(401);
  });
});

describe('sessions: ending one stops its tokens at once, not when they expire', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  // No test here moves the clock: every refusal must come from the session, not from expiry.

  it('logout: the next request with the access token is refused, and so is the refresh token', async () => {
    const session = await signIn(api, 'gz-gxj');
    const other = await signIn(api, 'gz-gxj');
    await me(api, session.bearer).expect(200);
    await api.http().post('/api/auth/logout').set('Authorization', session.bearer).send({}).expect(204);
    await me(api, session.bearer).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    // Only that session ended: the user's other sign-in goes on.
    await me(api, other.bearer).expect(200);
  });

  it('a refreshed access token belongs to the same session and ends with it', async () => {
    const first = await signIn(api, 'gz-swj');
    const refreshed = await api.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
    expect(claimsOf(refreshed.body.accessToken).sid).toBe(claimsOf(first.accessToken).sid);
    await api
      .http()
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .send({})
      .expect(204);
    await me(api, first.bearer).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: refreshed.body.refreshToken }).expect(401);
  });

  it('a password change ends every session of the user in the same second', async () => {
    const one = await signIn(api, 'gz-gzw');
    const two = await signIn(api, 'gz-gzw');
    await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', one.bearer)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'Lantern-River-88' })
      .expect(204);
    await me(api, one.bearer).expect(401);
    await me(api, two.bearer).expect(401);
    await signIn(api, 'gz-gzw', 'Lantern-River-88');
  });

  it("an administrator's password reset and disabling end the user's sessions in the same second", async () => {
    const admin = await api.login('admin');
    const list = await api.http().get('/api/users').query({ q: 'gz-jyj' }).set('Authorization', admin).expect(200);
    const id = list.body.items.find((u: { username: string }) => u.username === 'gz-jyj').id;
    const before = await signIn(api, 'gz-jyj');
    await api
      .http()
      .post(`/api/users/${id}/reset-password`)
      .set('Authorization', admin)
      .send({ password: 'Harbour-Lights-61' })
      .expect(204);
    await me(api, before.bearer).expect(401);
    const after = await signIn(api, 'gz-jyj', 'Harbour-Lights-61');
    await api.http().patch(`/api/users/${id}`).set('Authorization', admin).send({ active: false }).expect(200);
    await me(api, after.bearer).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: after.refreshToken }).expect(401);
  });

  describe('the queue-board cookie', () => {
    const BOARD = '/api/admin/queues';
    let boardUser: string;
    beforeAll(async () => {
      // Whoever may open the board: the platform operator where the demo has one, else an administrator.
      boardUser = (await firstUserWithRole(api.db, 'platform')) ?? 'admin';
    });

    async function openBoard(accessToken: string): Promise<string> {
      const opened = await api.http().get(BOARD).query({ access_token: accessToken }).expect(303);
      const cookie = ([] as string[])
        .concat(opened.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('kc_queue_board='));
      expect(cookie).toBeDefined();
      return decodeURIComponent(cookie!.split(';')[0]!.slice('kc_queue_board='.length));
    }

    it('is an opaque value stored only as its hash, not the access token', async () => {
      const { accessToken } = await signIn(api, boardUser);
      const value = await openBoard(accessToken);
      expect(value).not.toBe(accessToken);
      expect(value).not.toContain('.');
      expect(accessToken).not.toContain(value);
      const stored = await queueBoardPasses(api.db);
      expect(stored.map((r) => r.token_hash)).toContain(createHash('sha256').update(value).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(value);
      await api.http().get(`${BOARD}/api/queues`).set('Cookie', `kc_queue_board=${value}`).expect(200);
      // The access token itself is no longer accepted as the cookie.
      await api.http().get(`${BOARD}/api/queues`).set('Cookie', `kc_queue_board=${accessToken}`).expect(401);
    });

    it('stops working when its session is logged out', async () => {
      const session = await signIn(api, boardUser);
      const value = await openBoard(session.accessToken);
      await api.http().get(`${BOARD}/api/queues`).set('Cookie', `kc_queue_board=${value}`).expect(200);
      await api.http().post('/api/auth/logout').set('Authorization', session.bearer).send({}).expect(204);
      await api.http().get(`${BOARD}/api/queues`).set('Cookie', `kc_queue_board=${value}`).expect(401);
    });

    it('lasts one access-token lifetime', async () => {
      const { accessToken } = await signIn(api, boardUser);
      const value = await openBoard(accessToken);
      api.clock.advance(api.env.JWT_ACCESS_TTL_SECONDS * 1000 + 1000);
      await api.http().get(`${BOARD}/api/queues`).set('Cookie', `kc_queue_board=${value}`).expect(401);
    });
  });
});

describe('lockout across API processes', () => {
  let first: TestApi;
  let second: TestApi;
  beforeAll(async () => {
    first = await startApi();
    second = await startApi({ databaseUrl: first.databaseUrl });
    // Real listening servers, so the parallel requests below really are concurrent connections.
    await first.app.listen(0, '127.0.0.1');
    await second.app.listen(0, '127.0.0.1');
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('checks at most LOGIN_MAX_FAILURES passwords of a storm of parallel guesses split between two APIs', async () => {
    const realHash = await passwordHashOf(first.db, 'gz-wjw');
    // A guess was checked exactly when bcrypt compared it with the account's own hash; refused
    // guesses are compared with a dummy hash (same cost, nothing learned) or not at all.
    const compare = jest.spyOn(bcrypt, 'compare');
    const checked = () => compare.mock.calls.filter((call) => call[1] === realHash).length;

    const guesses = Array.from({ length: 40 }, (_, i) => login(i % 2 ? first : second, 'gz-wjw', `wrong-guess-${i}`));
    const answers = await Promise.all(guesses);
    expect(checked()).toBe(first.env.LOGIN_MAX_FAILURES);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(401));

    // Locked now, on either API: the right password is refused without being checked.
    await login(first, 'gz-wjw').expect(401);
    await login(second, 'gz-wjw').expect(401);
    expect(checked()).toBe(first.env.LOGIN_MAX_FAILURES);

    for (const api of [first, second]) api.clock.advance(first.env.LOGIN_LOCK_MINUTES * 60_000 + 1000);
    await login(second, 'gz-wjw').expect(200);
  });
});

describe('login answers do not tell which accounts exist or are locked', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('gives an unknown login, a wrong password and a locked account the same status and body', async () => {
    for (let i = 0; i < api.env.LOGIN_MAX_FAILURES; i++) await login(api, 'gz-rsj', `wrong-${i}-pass`).expect(401);
    const answers = await Promise.all([
      login(api, 'no-such-user', 'wrong-pass-1'),
      login(api, 'gz-jrb', 'wrong-pass-1'),
      login(api, 'gz-rsj', 'wrong-pass-1'),
      login(api, 'gz-rsj', DEMO_PASSWORD),
    ]);
    const [unknown, ...others] = answers.map((a) => ({ status: a.status, body: a.body }));
    expect(unknown!.status).toBe(401);
    expect(unknown!.body.message).toMatch(/[\u4e00-\u9fff]/);
    for (const other of others) expect(other).toEqual(unknown);
  });
});

describe('password policy (NIST SP 800-63B) on change-password', () => {
  let api: TestApi;
  let bearer: string;
  beforeAll(async () => {
    api = await startApi();
    bearer = (await signIn(api, 'gz-zjj')).bearer;
  });
  afterAll(async () => {
    await api.close();
  });

  it.each([
    ['a common password', 'password1', '该密码过于常见，容易被猜中，请换一个'],
    ['a common password in other case', 'Password1', '该密码过于常见，容易被猜中，请换一个'],
    ['the login itself', 'gz-zjj', '密码至少 8 位'],
    ['one containing the login', 'My-GZ-ZJJ-2023', '密码不能包含用户名'],
    ['the current password', DEMO_PASSWORD, '新密码不能与当前密码相同'],
    ['7 characters', 'Kq7#vWx', '密码至少 8 位'],
    ['129 characters', 'kqzvbwtrplm'.repeat(12).slice(0, 129), '密码不能超过 128 位'],
  ])('refuses %s with the field and a Chinese reason', async (_, newPassword, reason) => {
    const res = await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', bearer)
      .send({ currentPassword: DEMO_PASSWORD, newPassword })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'newPassword', reason }]);
  });

  it('asks for no composition (letters only is fine) and accepts Demo@2023', async () => {
    // The refusals above were not counted as failed attempts: the account is not locked.
    await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', bearer)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'lantern river harbour' })
      .expect(204);
    const again = await signIn(api, 'gz-zjj', 'lantern river harbour');
    await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', again.bearer)
      .send({ currentPassword: 'lantern river harbour', newPassword: 'Demo@2023' })
      .expect(204);
    await signIn(api, 'gz-zjj', 'Demo@2023');
  });

  it('applies to an administrator setting a password too', async () => {
    const admin = await api.login('admin');
    const list = await api.http().get('/api/users').query({ q: 'gz-lyj' }).set('Authorization', admin).expect(200);
    const target = list.body.items.find((u: { username: string; unitId: string }) => u.username === 'gz-lyj');
    const reset = await api
      .http()
      .post(`/api/users/${target.id}/reset-password`)
      .set('Authorization', admin)
      .send({ password: 'gz-lyj-2024' })
      .expect(400);
    expect(reset.body.details).toEqual([{ field: 'password', reason: '密码不能包含用户名' }]);
    const created = await api
      .http()
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        username: 'sec-new',
        password: 'iloveyou1',
        displayName: '测试',
        unitId: target.unitId,
        roles: ['liaison'],
      })
      .expect(400);
    expect(created.body.details).toEqual([{ field: 'password', reason: '该密码过于常见，容易被猜中，请换一个' }]);
  });
});

describe('wrong current passwords on change-password count like failed logins', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const change = (bearer: string, currentPassword: string) =>
    api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', bearer)
      .send({ currentPassword, newPassword: 'Quiet-Meadow-47' });

  it('locks the account after LOGIN_MAX_FAILURES wrong current passwords', async () => {
    const { bearer } = await signIn(api, 'gz-fgw');
    for (let i = 0; i < api.env.LOGIN_MAX_FAILURES; i++) {
      const res = await change(bearer, `not-it-${i}-x`).expect(400);
      expect(res.body.details).toEqual([{ field: 'currentPassword', reason: '当前密码不正确' }]);
    }
    const locked = await change(bearer, DEMO_PASSWORD).expect(429);
    expect(locked.body.message).toContain('锁定');
    await login(api, 'gz-fgw').expect(401);
    // After the lock (and the access token's lifetime) the right password works again.
    api.clock.advance(api.env.LOGIN_LOCK_MINUTES * 60_000 + 1000);
    await change((await signIn(api, 'gz-fgw')).bearer, DEMO_PASSWORD).expect(204);
  });

  it('shares one count with failed logins', async () => {
    const { bearer } = await signIn(api, 'gz-nyncj');
    for (let i = 0; i < api.env.LOGIN_MAX_FAILURES - 1; i++) await login(api, 'gz-nyncj', `not-it-${i}-x`).expect(401);
    await change(bearer, 'not-it-either').expect(400);
    await login(api, 'gz-nyncj').expect(401);
  });
});
