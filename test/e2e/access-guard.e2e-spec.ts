import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Public } from '../../apps/api/src/auth/access.decorators.js';
import { startApi, type TestApi } from '../setup/api.js';
import { unitByCode } from '../setup/lookups.js';
import { auditActorsOfRequest } from '../factories/audit.js';

/** Routes of this spec's own, under the API's one global guard: what no real route of the API shows. */
@Controller('api/guard-probe')
class GuardProbeController {
  /** A handler whose author forgot the access decorator: the guard must keep it closed to everyone. */
  @Get('undeclared')
  undeclared(): { reached: boolean } {
    return { reached: true };
  }

  @Public()
  @Get('public')
  open(): { reached: boolean } {
    return { reached: true };
  }
}

interface Me {
  userId: string;
  displayName: string;
  cityId?: string;
}

/**
 * The access guard itself (apps/api/src/auth/access.guard.ts), beside the access matrix that tries
 * every route family: how it reads the Authorization header, that it fails closed, and what it
 * leaves behind for the handler and the audit trail (the user, their city and their session).
 */
describe('the access guard', () => {
  let api: TestApi;
  const tokens = { admin: '', platform: '' };
  const me = async (authorization: string): Promise<Me> =>
    (await api.http().get('/api/auth/me').set('Authorization', authorization).expect(200)).body;
  /** The audit entries one request caused, by its request id. */
  const auditOf = (requestId: string) => auditActorsOfRequest(api.db, requestId);

  beforeAll(async () => {
    api = await startApi({ controllers: [GuardProbeController] });
    tokens.admin = await api.login('admin');
    tokens.platform = await api.login('platform');
  });
  afterAll(async () => {
    await api.close();
  });

  it('asks to sign in when there is no Bearer token: no header, another scheme, or the scheme alone', async () => {
    const token = tokens.admin.slice('Bearer '.length);
    // "Digest " is as long as "Bearer ": a token under it must not pass for a Bearer token.
    for (const header of [undefined, `Digest ${token}`, `Basic ${token}`, 'Bearer      ']) {
      let req = api.http().get('/api/auth/me');
      if (header !== undefined) req = req.set('Authorization', header);
      const res = await req;
      expect({ header, status: res.status, message: res.body.message }).toEqual({
        header,
        status: 401,
        message: '请先登录',
      });
    }
  });

  it('takes the token after the Bearer scheme with any spaces between them', async () => {
    const token = tokens.admin.slice('Bearer '.length);
    expect(await me(`Bearer    ${token}`)).toEqual(await me(tokens.admin));
  });

  it('says why it refuses: the platform account on a city route, a city role on a route it lacks', async () => {
    const refusal = async (method: 'get' | 'post', path: string, authorization: string) => {
      const res = await api.http()[method](path).set('Authorization', authorization).send({});
      return { status: res.status, message: res.body.message };
    };
    const nanchang = await unitByCode(api.db, 'NC');
    expect(await refusal('get', '/api/units', tokens.platform)).toEqual({
      status: 403,
      message: '平台管理员账号不能访问城市的业务数据',
    });
    expect(await refusal('post', `/api/platform/cities/${nanchang.id}/disable`, tokens.admin)).toEqual({
      status: 403,
      message: '您的角色无权执行此操作',
    });
  });

  it('keeps a handler without an access rule closed to every account, and opens a public one to all', async () => {
    await api.http().get('/api/guard-probe/undeclared').expect(401);
    for (const authorization of [tokens.admin, tokens.platform]) {
      const res = await api.http().get('/api/guard-probe/undeclared').set('Authorization', authorization);
      expect({ status: res.status, body: res.body.reached }).toEqual({ status: 403, body: undefined });
    }
    expect((await api.http().get('/api/guard-probe/public').expect(200)).body).toEqual({ reached: true });
    const signedIn = await api.http().get('/api/guard-probe/public').set('Authorization', 'Bearer not-a-token');
    expect(signedIn.status).toBe(200);
  });

  it('files a city user’s change under the user and their city', async () => {
    const admin = await me(tokens.admin);
    const city = await unitByCode(api.db, 'GZ');
    const res = await api
      .http()
      .post('/api/units')
      .set('Authorization', tokens.admin)
      .send({ code: 'GZ-GUARD', name: '守卫检验单位', kind: 'department', parentId: city.id })
      .expect(201);
    expect(await auditOf(res.headers['x-request-id'] as string)).toEqual([
      { userId: admin.userId, name: admin.displayName, cityId: city.cityId },
    ]);
  });

  it('files a platform change under the platform account, in the city it changed', async () => {
    const platform = await me(tokens.platform);
    const nanchang = await unitByCode(api.db, 'NC');
    const change = (action: 'disable' | 'enable') =>
      api
        .http()
        .post(`/api/platform/cities/${nanchang.id}/${action}`)
        .set('Authorization', tokens.platform)
        .send({ reason: '守卫检验' })
        .expect(200);
    const disabled = await change('disable');
    await change('enable');
    expect(await auditOf(disabled.headers['x-request-id'] as string)).toEqual([
      { userId: platform.userId, name: platform.displayName, cityId: nanchang.id },
    ]);
  });

  it('hands the session to the handler: logging out with an access token ends that session only', async () => {
    const login = async () =>
      `Bearer ${(await api.http().post('/api/auth/login').send({ username: 'office', password: 'Demo@2023' }).expect(200)).body.accessToken}`;
    const [ending, other] = [await login(), await login()];
    await api.http().post('/api/auth/logout').set('Authorization', ending).send({}).expect(204);
    await api.http().get('/api/auth/me').set('Authorization', ending).expect(401);
    await me(other);
  });
});
