import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApi, type TestApi, DEMO_PASSWORD } from '../setup/api.js';

describe('authentication', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('signs in a demo user and tells who they are', async () => {
    const res = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'office', password: DEMO_PASSWORD })
      .expect(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.refreshToken).toMatch(/^[0-9a-f-]{36}\..+/);
    expect(res.body.user).toMatchObject({ username: 'office', roles: ['office'] });
    const me = await api.http().get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.displayName).toBe('领导小组办公室（赣州市）');
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    const wrong = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'office', password: 'nope12345' })
      .expect(401);
    const unknown = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'nope12345' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('locks an account after repeated failures and opens it again after the lock period', async () => {
    for (let i = 0; i < api.env.LOGIN_MAX_FAILURES; i++) {
      await api.http().post('/api/auth/login').send({ username: 'gz-kx', password: 'wrong-pass1' }).expect(401);
    }
    // Locked: even the right password gets the answer of a wrong one (see security-auth.e2e-spec.ts).
    const locked = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-kx', password: DEMO_PASSWORD })
      .expect(401);
    expect(locked.body.message).toContain('锁定');
    api.clock.advance(api.env.LOGIN_LOCK_MINUTES * 60_000 + 1000);
    await api.http().post('/api/auth/login').send({ username: 'gz-kx', password: DEMO_PASSWORD }).expect(200);
  });

  it('rotates refresh tokens and revokes the family when an old one is replayed', async () => {
    const first = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-kjj', password: DEMO_PASSWORD })
      .expect(200);
    const second = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    const replay = await api
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.body.refreshToken })
      .expect(401);
    expect(replay.body.message).toContain('退出所有会话');
    await api.http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
  });

  it('refuses expired access tokens by the platform clock', async () => {
    const res = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'leader', password: DEMO_PASSWORD })
      .expect(200);
    const bearer = `Bearer ${res.body.accessToken}`;
    await api.http().get('/api/auth/me').set('Authorization', bearer).expect(200);
    api.clock.advance((api.env.JWT_ACCESS_TTL_SECONDS + 5) * 1000);
    await api.http().get('/api/auth/me').set('Authorization', bearer).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(200);
  });

  it('logs out: the refresh token no longer works', async () => {
    const res = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-gxj', password: DEMO_PASSWORD })
      .expect(200);
    await api
      .http()
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .send({ refreshToken: res.body.refreshToken })
      .expect(204);
    await api.http().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(401);
  });

  it('changes the own password and voids older sessions', async () => {
    const res = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-czj', password: DEMO_PASSWORD })
      .expect(200);
    const bearer = `Bearer ${res.body.accessToken}`;
    const weak = await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', bearer)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(weak.body.details).toEqual([{ field: 'newPassword', reason: '密码至少 8 位' }]);
    await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', bearer)
      .send({ currentPassword: 'wrong-pass1', newPassword: 'NewPass2023' })
      .expect(400);
    api.clock.advance(1000);
    await api
      .http()
      .post('/api/auth/change-password')
      .set('Authorization', bearer)
      .send({ currentPassword: DEMO_PASSWORD, newPassword: 'NewPass2023' })
      .expect(204);
    api.clock.advance(1000);
    await api.http().get('/api/auth/me').set('Authorization', bearer).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: res.body.refreshToken }).expect(401);
    await api.http().post('/api/auth/login').send({ username: 'gz-czj', password: 'NewPass2023' }).expect(200);
  });

  it('lets an admin reset a password and disable a user, ending their sessions', async () => {
    const admin = await api.login('admin');
    const victim = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-wjw', password: DEMO_PASSWORD })
      .expect(200);
    const list = await api.http().get('/api/users').query({ q: 'gz-wjw' }).set('Authorization', admin).expect(200);
    const id = list.body.items[0].id;
    api.clock.advance(1000);
    await api
      .http()
      .post(`/api/users/${id}/reset-password`)
      .set('Authorization', admin)
      .send({ password: 'Reset2023x' })
      .expect(204);
    api.clock.advance(1000);
    await api.http().get('/api/auth/me').set('Authorization', `Bearer ${victim.body.accessToken}`).expect(401);
    const again = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-wjw', password: 'Reset2023x' })
      .expect(200);
    await api.http().patch(`/api/users/${id}`).set('Authorization', admin).send({ active: false }).expect(200);
    api.clock.advance(1000);
    await api.http().get('/api/auth/me').set('Authorization', `Bearer ${again.body.accessToken}`).expect(401);
    const refused = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-wjw', password: 'Reset2023x' })
      .expect(401);
    expect(refused.body.message).toContain('停用');
  });
});
