import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DigestsService, NudgesService, ReminderPlanner } from '@app/notifications';
import { QueueName } from '@app/queue';
import { auditEntriesOf, auditEntriesOutsideCity } from '../factories/audit.js';
import { aSurveyOfCity } from '../factories/funds.js';
import { unitAndRolesOf, userCount } from '../factories/identity.js';
import { inboxCountOfCity, notificationCount } from '../factories/notifications.js';
import { unitCities, unitCount, unitRow, unitsWhere } from '../factories/organisation.js';
import { aPlanOfCity, publishedAt } from '../factories/plans.js';
import { aPeriodOfCity, moveDeadline, periodsOfPlan } from '../factories/reporting.js';
import { DEMO_PASSWORD, startApi, type TestApi } from '../setup/api.js';
import { unitByCode } from '../setup/lookups.js';
import { obliterateQueues } from '../setup/queues.js';

/**
 * One city's users stay in their city, and only the platform works across cities (issue #11):
 * a city root cannot be re-kinded or moved by the city, no null city reads "everything", the
 * platform onboards and disables cities, unit codes are per city, the shared queues are the
 * platform's, and a plan's liaison phone numbers follow the contacts rule.
 */
describe('city scope and the platform', () => {
  let api: TestApi;
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
  let gz: string;
  let nc: string;

  const unitId = async (code: string) => (await unitByCode(api.db, code)).id;
  const as = async (who: string) => api.login(who);
  /** Every unit's city, to compare before and after an attempt. */
  const cityMap = () => unitCities(api.db);
  /** A unit's place in the tree, which decides its scope. */
  const placement = async (id: string) => {
    const { kind, parent_id, path, city_id } = await unitRow(api.db, id);
    return { kind, parent_id, path, city_id };
  };

  beforeAll(async () => {
    // The year-end demo: Nanchang's fund has its satisfaction survey by then.
    api = await startApi({ demo: 'year-end', env: { QUEUE_PREFIX: prefix } });
    gz = await unitId('GZ');
    nc = await unitId('NC');
  });
  afterAll(async () => {
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await api.close();
  });

  /** The attempts of "office becomes province": none may succeed. */
  async function tryToLeaveTheCity(): Promise<{ status: number; body: { message?: string } }[]> {
    const office = await as('office');
    const admin = await as('admin');
    const kjj = await unitId('GZ-KJJ');
    const attempts = [
      () => api.http().patch(`/api/units/${gz}`).set('Authorization', office).send({ kind: 'county' }),
      () => api.http().patch(`/api/units/${gz}`).set('Authorization', admin).send({ kind: 'province' }),
      () => api.http().patch(`/api/units/${gz}`).set('Authorization', office).send({ parentId: kjj }),
      () => api.http().patch(`/api/units/${kjj}`).set('Authorization', admin).send({ kind: 'city' }),
      () =>
        api
          .http()
          .post('/api/units')
          .set('Authorization', admin)
          .send({ code: 'GZ-NEWCITY', name: '新设城市', kind: 'city' }),
      () =>
        api
          .http()
          .post('/api/units')
          .set('Authorization', admin)
          .send({ code: 'GZ-NEWCITY2', name: '新设城市乙', kind: 'city', parentId: gz }),
    ];
    const results = [];
    for (const attempt of attempts) results.push(await attempt());
    return results;
  }

  it("refuses the city office changing its own city root's kind or parent, and changes nothing", async () => {
    const before = await cityMap();
    const rootBefore = await placement(gz);
    const office = await as('office');
    const kind = await api.http().patch(`/api/units/${gz}`).set('Authorization', office).send({ kind: 'county' });
    expect([kind.status, kind.body.message]).toEqual([403, '城市的类型和上级单位只能由平台管理员修改']);
    const parent = await api
      .http()
      .patch(`/api/units/${gz}`)
      .set('Authorization', office)
      .send({ parentId: await unitId('GZ-KJJ') });
    expect(parent.status).toBe(403);
    const both = await api
      .http()
      .patch(`/api/units/${gz}`)
      .set('Authorization', await as('admin'))
      .send({ kind: 'province', name: '赣州' });
    expect(both.status).toBe(403);
    const intoCity = await api
      .http()
      .patch(`/api/units/${await unitId('GZ-KJJ')}`)
      .set('Authorization', office)
      .send({ kind: 'city' });
    expect([intoCity.status, intoCity.body.message]).toEqual([403, '只有平台管理员可以设立城市']);

    expect(await placement(gz)).toEqual(rootBefore);
    expect((await unitRow(api.db, gz)).name).toBe('赣州市');
    expect(await cityMap()).toEqual(before);
    // The city's own changes to its root that decide nothing about scope still work.
    await api
      .http()
      .patch(`/api/units/${gz}`)
      .set('Authorization', office)
      .send({ kind: 'city', aliases: ['赣州市人民政府'] })
      .expect(200);
  });

  it("shows no other city's audit entries, survey results or periods to chase after any such attempt", async () => {
    // Something of Nanchang's in each: an audited change, a survey, a reporting period.
    const ncUnit = await unitId('NC-KJJ');
    await api
      .http()
      .patch(`/api/units/${ncUnit}`)
      .set('Authorization', await as('nc-office'))
      .send({ sortOrder: 7 })
      .expect(200);
    const survey = await aSurveyOfCity(api.db, nc);
    const periodId = await aPeriodOfCity(api.db, nc);
    const ncNotifications = () => notificationCount(api.db, { cityId: nc });
    const notificationsBefore = await ncNotifications();

    const attempts = await tryToLeaveTheCity();

    for (const who of ['admin', 'office']) {
      const bearer = await as(who);
      if (who === 'admin') {
        const trail = await api
          .http()
          .get('/api/audit')
          .query({ entityId: ncUnit })
          .set('Authorization', bearer)
          .expect(200);
        expect(trail.body.total).toBe(0);
        const all = await api
          .http()
          .get('/api/audit')
          .query({ pageSize: 200 })
          .set('Authorization', bearer)
          .expect(200);
        const ids = all.body.items.map((e: { id: string }) => e.id);
        expect(await auditEntriesOutsideCity(api.db, ids, gz)).toEqual([]);
      }
      await api
        .http()
        .get(`/api/fund-projects/${survey.projectId}/surveys/${survey.id}/results`)
        .set('Authorization', bearer)
        .expect(404);
      await api.http().post('/api/notifications/chase').set('Authorization', bearer).send({ periodId }).expect(404);
    }
    expect(await ncNotifications()).toBe(notificationsBefore);
    // Checked last, so that a leak (had an attempt succeeded) is what a regression reports first.
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
  });

  it('lets a platform user onboard a city with its first admin, who then manages only that city', async () => {
    const platform = await as('platform');
    const me = await api.http().get('/api/auth/me').set('Authorization', platform).expect(200);
    expect(me.body).toEqual({
      scope: 'platform',
      userId: expect.any(String),
      username: 'platform',
      displayName: '平台管理员',
      roles: ['platform'],
    });
    expect(await unitAndRolesOf(api.db, 'platform')).toEqual({
      unit_id: null,
      roles: ['platform'],
    });

    const created = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({
        code: 'JJ',
        name: '九江市',
        admin: { username: 'jj-admin', displayName: '系统管理员（九江市）', email: 'admin@jj.example.gov.cn' },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      city: { code: 'JJ', name: '九江市', shortName: '九江市', disabledAt: null, units: 1, users: 1 },
      admin: { username: 'jj-admin', displayName: '系统管理员（九江市）' },
      initialPassword: expect.stringMatching(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/),
    });
    const jj = created.body.city.id as string;
    expect(await placement(jj)).toEqual({
      kind: 'city',
      parent_id: null,
      city_id: jj,
      path: `/${jj}/`,
    });

    const jjAdmin = await api.login('jj-admin', created.body.initialPassword);
    const whoami = await api.http().get('/api/auth/me').set('Authorization', jjAdmin).expect(200);
    expect(whoami.body).toMatchObject({ scope: 'city', roles: ['admin'], unitId: jj, cityId: jj });
    const dept = await api
      .http()
      .post('/api/units')
      .set('Authorization', jjAdmin)
      .send({ code: 'JJ-KJJ', name: '九江市科学技术局', kind: 'department', parentId: jj })
      .expect(201);
    expect(dept.body.cityId).toBe(jj);
    await api
      .http()
      .post('/api/users')
      .set('Authorization', jjAdmin)
      .send({
        username: 'jj-kjj',
        password: 'Jiujiang-kjj-2023',
        displayName: '联络员（九江市科技局）',
        unitId: dept.body.id,
        roles: ['liaison'],
      })
      .expect(201);
    const units = await api.http().get('/api/units').query({ pageSize: 200 }).set('Authorization', jjAdmin).expect(200);
    expect(units.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['JJ', 'JJ-KJJ']);
    const users = await api.http().get('/api/users').query({ pageSize: 200 }).set('Authorization', jjAdmin).expect(200);
    expect(users.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['jj-admin', 'jj-kjj']);
    await api.http().get(`/api/units/${gz}`).set('Authorization', jjAdmin).expect(404);
    await api
      .http()
      .patch(`/api/units/${await unitId('GZ-KJJ')}`)
      .set('Authorization', jjAdmin)
      .send({ sortOrder: 1 })
      .expect(404);
    await api
      .http()
      .post('/api/units')
      .set('Authorization', jjAdmin)
      .send({ code: 'JJ-X', name: '越界', kind: 'department', parentId: gz })
      .expect(403);
    const plans = await api.http().get('/api/plans').set('Authorization', jjAdmin).expect(200);
    expect(plans.body.total).toBe(0);
    const audit = await api.http().get('/api/audit').query({ pageSize: 200 }).set('Authorization', jjAdmin).expect(200);
    // Its own log starts with the platform's onboarding, filed under the new city.
    expect(
      audit.body.items
        .filter((e: { actorName: string }) => e.actorName === '平台管理员')
        .map((e: { entity: string; action: string }) => `${e.entity}:${e.action}`)
        .sort(),
    ).toEqual(['units:create', 'users:create']);

    const listed = await api.http().get('/api/platform/cities').set('Authorization', platform).expect(200);
    expect(listed.body.items.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['GZ', 'NC', 'JJ']));
    expect(listed.body.items.find((c: { code: string }) => c.code === 'JJ')).toMatchObject({ units: 2, users: 2 });
  });

  it('refuses bad onboarding requests without leaving half a city', async () => {
    const platform = await as('platform');
    const count = async () => ({ units: await unitCount(api.db), users: await userCount(api.db) });
    const before = await count();
    const admin = (username: string, password?: string) => ({
      username,
      displayName: '管理员',
      ...(password ? { password } : {}),
    });
    const weak = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({ code: 'SR', name: '上饶市', admin: admin('sr-admin', 'short') })
      .expect(400);
    expect(weak.body.details).toEqual([{ field: 'admin.password', reason: expect.stringContaining('8') }]);
    const code = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({ code: 'NC', name: '又一个南昌', admin: admin('nc2-admin') })
      .expect(409);
    expect(code.body.details).toEqual([{ field: 'code', reason: '编码 NC 已被使用' }]);
    const username = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({ code: 'SR', name: '上饶市', admin: admin('nc-admin') })
      .expect(409);
    expect(username.body.details[0].field).toBe('admin.username');
    const shape = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({ code: 'SR', name: '上饶市', admin: { username: 'x y' }, extra: 1 })
      .expect(400);
    expect([...new Set(shape.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'admin.displayName',
      'admin.username',
      'extra',
    ]);
    expect(await count()).toEqual(before);

    const given = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({ code: 'SR', name: '上饶市', admin: admin('sr-admin', 'Shangrao-first-2023') })
      .expect(201);
    expect(given.body.initialPassword).toBeNull();
    await api.login('sr-admin', 'Shangrao-first-2023');
  });

  it('keeps the platform out of city routes and city users out of platform routes', async () => {
    const platform = await as('platform');
    const planId = await aPlanOfCity(api.db, gz);
    for (const path of [
      '/api/units',
      `/api/units/${gz}`,
      '/api/users',
      '/api/audit',
      '/api/plans',
      `/api/plans/${planId}/structure`,
      '/api/contacts',
      '/api/notifications',
      '/api/fund-projects',
    ]) {
      const res = await api.http().get(path).set('Authorization', platform);
      expect(`${path} ${res.status}`).toBe(`${path} 403`);
      expect(res.body.message).toBe('平台管理员账号不能访问城市的业务数据');
    }
    await api
      .http()
      .post('/api/units')
      .set('Authorization', platform)
      .send({ code: 'P-1', name: '平台单位', kind: 'department', parentId: gz })
      .expect(403);
    for (const who of ['admin', 'office', 'leader', 'gz-kjj', 'nc-admin']) {
      const bearer = await as(who);
      await api.http().get('/api/platform/cities').set('Authorization', bearer).expect(403);
      await api
        .http()
        .post('/api/platform/cities')
        .set('Authorization', bearer)
        .send({ code: 'YC', name: '宜春市', admin: { username: 'yc-admin', displayName: '管理员' } })
        .expect(403);
      await api.http().post(`/api/platform/cities/${nc}/disable`).set('Authorization', bearer).send({}).expect(403);
    }
    expect((await unitRow(api.db, nc)).disabled_at).toBeNull();
  });

  it('lets no city admin create a city root', async () => {
    const admin = await as('admin');
    const before = await unitsWhere(api.db, { kind: 'city' });
    const root = await api
      .http()
      .post('/api/units')
      .set('Authorization', admin)
      .send({ code: 'XC', name: '新城市', kind: 'city' });
    expect([root.status, root.body.message]).toEqual([403, '只有平台管理员可以设立城市']);
    await api
      .http()
      .post('/api/units')
      .set('Authorization', admin)
      .send({ code: 'XC', name: '新城市', kind: 'city', parentId: gz })
      .expect(403);
    const orphan = await api
      .http()
      .post('/api/units')
      .set('Authorization', admin)
      .send({ code: 'XD', name: '无上级单位', kind: 'department' })
      .expect(400);
    expect(orphan.body.details).toEqual([{ field: 'parentId', reason: '必填' }]);
    expect(await unitsWhere(api.db, { kind: 'city' })).toBe(before);
  });

  it('keeps unit codes unique within a city, not across cities', async () => {
    const platform = await as('platform');
    const city = await api
      .http()
      .post('/api/platform/cities')
      .set('Authorization', platform)
      .send({
        code: 'PX',
        name: '萍乡市',
        admin: { username: 'px-admin', displayName: '系统管理员（萍乡市）', password: 'Pingxiang-2023-first' },
      })
      .expect(201);
    const pxAdmin = await api.login('px-admin', 'Pingxiang-2023-first');
    // Ganzhou's codes are free in Pingxiang …
    await api
      .http()
      .post('/api/units')
      .set('Authorization', pxAdmin)
      .send({ code: 'GZ-KJJ', name: '萍乡市科学技术局', kind: 'department', parentId: city.body.city.id })
      .expect(201);
    // … but not twice in Pingxiang, nor again in Ganzhou.
    const again = await api
      .http()
      .post('/api/units')
      .set('Authorization', pxAdmin)
      .send({ code: 'GZ-KJJ', name: '重复', kind: 'department', parentId: city.body.city.id })
      .expect(409);
    expect(again.body.details).toEqual([{ field: 'code', reason: '编码 GZ-KJJ 已被使用' }]);
    await api
      .http()
      .post('/api/units')
      .set('Authorization', await as('office'))
      .send({ code: 'GZ-KJJ', name: '重复', kind: 'department', parentId: gz })
      .expect(409);
    const renamed = await api
      .http()
      .post('/api/units')
      .set('Authorization', pxAdmin)
      .send({ code: 'PX-GXJ', name: '萍乡市工信局', kind: 'department', parentId: city.body.city.id })
      .expect(201);
    await api
      .http()
      .patch(`/api/units/${renamed.body.id}`)
      .set('Authorization', pxAdmin)
      .send({ code: 'GZ-KJJ' })
      .expect(409);
    // A city's root code names the city on the platform: it is the one code no other city may take.
    await api
      .http()
      .patch(`/api/units/${city.body.city.id}`)
      .set('Authorization', pxAdmin)
      .send({ code: 'GZ' })
      .expect(409);
    expect(await unitsWhere(api.db, { code: 'GZ-KJJ', live: true })).toBe(2);
  });

  it('makes the queue board and run-now the platform’s alone', async () => {
    for (const who of ['admin', 'office', 'nc-admin']) {
      const bearer = await as(who);
      await api.http().get('/api/admin/queues').set('Authorization', bearer).expect(403);
      await api.http().get('/api/admin/schedules').set('Authorization', bearer).expect(403);
      await api.http().post('/api/admin/schedules/reminders-tick/run').set('Authorization', bearer).expect(403);
    }
    const platform = await as('platform');
    const board = await api.http().get('/api/admin/queues/api/queues').set('Authorization', platform).expect(200);
    expect(board.body.queues).toHaveLength(Object.values(QueueName).length);
    const run = await api
      .http()
      .post('/api/admin/schedules/ensure-periods-daily/run')
      .set('Authorization', platform)
      .expect(202);
    expect(run.body).toMatchObject({ name: 'ensure-periods-daily', jobId: expect.any(String) });
  });

  it('shows a liaison the phone numbers in a plan only where /api/contacts would show them', async () => {
    const planId = await aPlanOfCity(api.db, gz);
    type Liaison = { contactId: string; phone: string | null; email: string | null };
    type Structure = {
      sections: { tasks: { assignments: { liaisons: Liaison[] }[] }[] }[];
      unsectioned: { assignments: { liaisons: Liaison[] }[] }[];
    };
    const liaisons = (s: Structure) =>
      [...s.sections.flatMap((x) => x.tasks), ...s.unsectioned].flatMap((t) =>
        t.assignments.flatMap((a) => a.liaisons),
      );

    const kjj = await as('gz-kjj');
    const structure = await api.http().get(`/api/plans/${planId}/structure`).set('Authorization', kjj).expect(200);
    const contacts = await api
      .http()
      .get('/api/contacts')
      .query({ pageSize: 200 })
      .set('Authorization', kjj)
      .expect(200);
    const readable = new Set(contacts.body.items.map((c: { id: string }) => c.id));
    const all = liaisons(structure.body);
    const shown = all.filter((l) => l.phone !== null);
    const hidden = all.filter((l) => l.phone === null);
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    expect(shown.every((l) => readable.has(l.contactId))).toBe(true);
    expect(hidden.every((l) => !readable.has(l.contactId) && l.email === null)).toBe(true);

    // The office's scope is the whole city: it sees every number, as in /api/contacts.
    const office = await api
      .http()
      .get(`/api/plans/${planId}/structure`)
      .set('Authorization', await as('office'))
      .expect(200);
    expect(liaisons(office.body).every((l) => typeof l.phone === 'string')).toBe(true);
  });

  it('disables a city: its logins are refused, its live tokens die, its schedules skip it, its data stays', async () => {
    const platform = await as('platform');
    const planId = await aPlanOfCity(api.db, gz);
    // A March deadline that reminders are due for on 3 and 5 April (the defaults), and assignments gone stale.
    await publishedAt(api.db, planId, '2023-02-01T09:00:00+08:00');
    await moveDeadline(api.db, {
      planId,
      year: 2023,
      month: 3,
      dueDate: '2023-04-06',
      deadline: '2023-04-06T17:00:00+08:00',
    });
    api.travelTo('2023-04-03T09:10:00+08:00');
    const live = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'office', password: DEMO_PASSWORD })
      .expect(200);
    const liaison = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'gz-kjj', password: DEMO_PASSWORD })
      .expect(200);
    const units = await unitsWhere(api.db, { cityId: gz });

    api.clock.advance(1000);
    const disabled = await api
      .http()
      .post(`/api/platform/cities/${gz}/disable`)
      .set('Authorization', await as('platform'))
      .send({ reason: '测试停用' })
      .expect(200);
    expect(disabled.body).toMatchObject({ id: gz, code: 'GZ', disabledAt: expect.any(String) });
    await api.http().get('/api/auth/me').set('Authorization', `Bearer ${live.body.accessToken}`).expect(401);
    await api.http().get('/api/units').set('Authorization', `Bearer ${liaison.body.accessToken}`).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: live.body.refreshToken }).expect(401);
    const refused = await api
      .http()
      .post('/api/auth/login')
      .send({ username: 'office', password: DEMO_PASSWORD })
      .expect(401);
    expect(refused.body.message).toBe('所在城市已停用，请联系平台管理员');
    // Another city carries on.
    await api
      .http()
      .get('/api/units')
      .set('Authorization', await as('nc-office'))
      .expect(200);

    const notifications = () => notificationCount(api.db, { cityId: gz });
    const inbox = () => inboxCountOfCity(api.db, gz);
    const before = { notifications: await notifications(), inbox: await inbox() };
    const reminders = api.app.get(ReminderPlanner);
    const nudges = api.app.get(NudgesService);
    const digests = api.app.get(DigestsService);
    api.travelTo('2023-04-03T09:30:00+08:00');
    const gzPeriods = new Set(await periodsOfPlan(api.db, planId));
    const tick = await reminders.tick();
    expect(tick.due.filter((d) => gzPeriods.has(d.periodId))).toEqual([]);
    await nudges.run();
    await digests.weekly();
    expect({ notifications: await notifications(), inbox: await inbox() }).toEqual(before);
    expect(await unitsWhere(api.db, { cityId: gz })).toBe(units);

    // Enabled again: the next reminder goes out, the nudges too, and the old sessions stay ended.
    const enabled = await api
      .http()
      .post(`/api/platform/cities/${gz}/enable`)
      .set('Authorization', platform)
      .send({})
      .expect(200);
    expect(enabled.body.disabledAt).toBeNull();
    await api.http().get('/api/auth/me').set('Authorization', `Bearer ${live.body.accessToken}`).expect(401);
    await api.http().post('/api/auth/refresh').send({ refreshToken: live.body.refreshToken }).expect(401);
    await api.http().post('/api/auth/login').send({ username: 'office', password: DEMO_PASSWORD }).expect(200);
    api.travelTo('2023-04-05T09:30:00+08:00');
    const next = await reminders.tick();
    expect(next.notifications).toBeGreaterThan(0);
    await nudges.run();
    expect(await notifications()).toBeGreaterThan(before.notifications);
    // The city's administrators find both changes, and the reason given, in their own log.
    const trail = await api
      .http()
      .get('/api/audit')
      .query({ entity: 'units', entityId: gz, text: '平台管理员' })
      .set('Authorization', await as('admin'))
      .expect(200);
    expect(
      trail.body.items.map((e: { after: { disabledAt: string | null } }) =>
        e.after.disabledAt === null ? 'enabled' : 'disabled',
      ),
    ).toEqual(['enabled', 'disabled']);
    const withReason = await auditEntriesOf(api.db, { entity: 'units', entityId: gz, reason: '测试停用', cityId: gz });
    expect(withReason.map((e) => e.action)).toEqual(['update']);
  });
});
