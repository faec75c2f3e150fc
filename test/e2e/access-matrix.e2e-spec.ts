import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aBulletinOf } from '../factories/bulletins.js';
import { userByName } from '../factories/identity.js';
import { aContactOf, subtreeOf } from '../factories/organisation.js';
import { planByDocNumber } from '../factories/plans.js';
import { aSubmittedReportOf } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import { openYearEnd } from '../setup/demo-plans.js';
import { unitByCode } from '../setup/lookups.js';

/**
 * Every route family tried by every role, inside and outside its scope. Ganzhou users:
 * admin, office, leader, a department liaison (gz-kjj) and a county liaison (gz-zgq);
 * Nanchang users (the demo's other city in the same deployment): nc-admin, nc-office, nc-ncx;
 * the deployment's platform account, which no city route admits and which alone has the platform's.
 */
type Who =
  'admin' | 'office' | 'leader' | 'gz-kjj' | 'gz-zgq' | 'nc-admin' | 'nc-office' | 'nc-ncx' | 'platform' | 'anonymous';

interface Ids {
  plan: string;
  report: string;
  bulletin: string;
  assessment: string;
  city: string;
  kjj: string;
  zgq: string;
  zgqContact: string;
  kjjContact: string;
  kjjUser: string;
  ncCounty: string;
  ncCity: string;
}

interface Case {
  name: string;
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: (ids: Ids) => string;
  body?: (ids: Ids) => object;
  expect: Partial<Record<Who, number>>;
}

let counter = 0;
const uniqueCode = () => `GZ-M${++counter}`;

const cases: Case[] = [
  {
    name: 'list units',
    method: 'get',
    path: () => '/api/units',
    expect: { admin: 200, office: 200, leader: 200, 'gz-kjj': 200, 'nc-ncx': 200, platform: 403, anonymous: 401 },
  },
  {
    name: 'read a unit of the same city',
    method: 'get',
    path: (i) => `/api/units/${i.zgq}`,
    expect: { 'gz-kjj': 200, leader: 200, 'nc-office': 404, 'nc-ncx': 404, platform: 403, anonymous: 401 },
  },
  {
    name: 'create a unit in Ganzhou',
    method: 'post',
    path: () => '/api/units',
    body: (i) => ({ code: uniqueCode(), name: '矩阵测试单位', kind: 'department', parentId: i.city }),
    expect: {
      admin: 201,
      office: 201,
      leader: 403,
      'gz-kjj': 403,
      'gz-zgq': 403,
      'nc-office': 403,
      'nc-admin': 403,
      platform: 403,
      anonymous: 401,
    },
  },
  {
    name: 'update a Ganzhou unit',
    method: 'patch',
    path: (i) => `/api/units/${i.kjj}`,
    body: () => ({ sortOrder: 3 }),
    expect: {
      admin: 200,
      office: 200,
      leader: 403,
      'gz-kjj': 403,
      'nc-admin': 404,
      'nc-office': 404,
      platform: 403,
      anonymous: 401,
    },
  },
  {
    name: 'delete a Ganzhou unit',
    method: 'delete',
    path: (i) => `/api/units/${i.kjj}`,
    expect: { office: 403, leader: 403, 'gz-kjj': 403, 'nc-admin': 404, platform: 403, anonymous: 401 },
  },
  {
    name: 'read a contact of another unit',
    method: 'get',
    path: (i) => `/api/contacts/${i.kjjContact}`,
    expect: { office: 200, leader: 200, 'gz-kjj': 200, 'gz-zgq': 404, 'nc-office': 404, platform: 403, anonymous: 401 },
  },
  {
    name: 'read an own contact',
    method: 'get',
    path: (i) => `/api/contacts/${i.zgqContact}`,
    expect: { 'gz-zgq': 200, 'gz-kjj': 404 },
  },
  {
    name: 'create a contact',
    method: 'post',
    path: () => '/api/contacts',
    body: (i) => ({ unitId: i.zgq, name: '联络员（测试）', role: 'liaison' }),
    expect: { office: 201, admin: 201, leader: 403, 'gz-zgq': 403, 'nc-office': 403, platform: 403, anonymous: 401 },
  },
  {
    name: 'read county tiers',
    method: 'get',
    path: () => '/api/county-tiers/2023',
    expect: { 'gz-zgq': 200, leader: 200, 'nc-ncx': 200, platform: 403, anonymous: 401 },
  },
  {
    name: 'set county tiers',
    method: 'put',
    path: () => '/api/county-tiers/2030',
    body: (i) => ({ items: [{ unitId: i.zgq, tier: 1 }] }),
    expect: { office: 200, admin: 200, leader: 403, 'gz-zgq': 403, 'nc-office': 403, anonymous: 401 },
  },
  {
    name: 'list users',
    method: 'get',
    path: () => '/api/users',
    expect: { admin: 200, 'nc-admin': 200, office: 403, leader: 403, 'gz-kjj': 403, platform: 403, anonymous: 401 },
  },
  {
    name: 'read a Ganzhou user',
    method: 'get',
    path: (i) => `/api/users/${i.kjjUser}`,
    expect: { admin: 200, 'nc-admin': 404, office: 403, 'gz-kjj': 403 },
  },
  {
    name: 'create a user in Ganzhou',
    method: 'post',
    path: () => '/api/users',
    body: (i) => ({
      username: `u${++counter}`,
      password: 'Secret2023',
      displayName: '测试',
      unitId: i.zgq,
      roles: ['liaison'],
    }),
    expect: { admin: 201, 'nc-admin': 403, office: 403, leader: 403, 'gz-zgq': 403, platform: 403, anonymous: 401 },
  },
  {
    name: 'search the audit log',
    method: 'get',
    path: () => '/api/audit',
    expect: { admin: 200, 'nc-admin': 200, office: 403, leader: 403, 'gz-kjj': 403, platform: 403, anonymous: 401 },
  },
  {
    name: 'read the published plan',
    method: 'get',
    path: (i) => `/api/plans/${i.plan}/structure`,
    expect: { admin: 200, leader: 200, 'gz-zgq': 200, 'nc-office': 404, 'nc-ncx': 404, platform: 403, anonymous: 401 },
  },
  {
    name: 'import into the plan',
    method: 'post',
    path: (i) => `/api/plans/${i.plan}/imports/tasks`,
    expect: { leader: 403, 'gz-kjj': 403, 'nc-ncx': 403, anonymous: 401 },
  },
  {
    name: 'read a department report',
    method: 'get',
    path: (i) => `/api/reports/${i.report}`,
    expect: { office: 200, leader: 200, 'gz-kjj': 200, 'gz-zgq': 404, 'nc-office': 404, platform: 403, anonymous: 401 },
  },
  {
    name: 'accept a report',
    method: 'post',
    path: (i) => `/api/reports/${i.report}/accept`,
    expect: { leader: 403, 'gz-kjj': 403, 'gz-zgq': 403, 'nc-office': 404, anonymous: 401 },
  },
  {
    name: 'completeness matrix',
    method: 'get',
    path: (i) => `/api/plans/${i.plan}/completeness?year=2023`,
    expect: { office: 200, leader: 200, 'gz-zgq': 200, 'nc-office': 404, platform: 403, anonymous: 401 },
  },
  {
    name: 'read a bulletin',
    method: 'get',
    path: (i) => `/api/bulletins/${i.bulletin}`,
    expect: {
      office: 200,
      leader: 200,
      'gz-zgq': 200,
      'gz-kjj': 200,
      'nc-office': 404,
      'nc-ncx': 404,
      platform: 403,
      anonymous: 401,
    },
  },
  {
    name: 'publish a bulletin',
    method: 'post',
    path: (i) => `/api/plans/${i.plan}/bulletins`,
    body: () => ({ quarter: '2023-Q1' }),
    expect: { leader: 403, 'gz-zgq': 403, 'nc-admin': 404, anonymous: 401 },
  },
  {
    name: 'approve a year-end assessment',
    method: 'post',
    path: (i) => `/api/assessments/${i.assessment}/approve`,
    expect: { office: 403, 'gz-kjj': 403, 'nc-admin': 404, anonymous: 401 },
  },
  {
    name: 'the scoring run of a year-end assessment',
    method: 'get',
    path: (i) => `/api/assessments/${i.assessment}/scoring`,
    expect: { office: 200, leader: 200, 'gz-kjj': 403, 'gz-zgq': 403, 'nc-admin': 404, anonymous: 401 },
  },
  {
    name: 'notification log',
    method: 'get',
    path: () => '/api/notifications',
    expect: { office: 200, admin: 200, leader: 403, 'gz-kjj': 403, platform: 403, anonymous: 401 },
  },
  {
    name: 'run a schedule now',
    method: 'post',
    path: () => '/api/admin/schedules/reminders-tick/run',
    expect: { admin: 403, 'nc-admin': 403, office: 403, leader: 403, 'gz-kjj': 403, anonymous: 401 },
  },
  {
    name: 'list the schedules',
    method: 'get',
    path: () => '/api/admin/schedules',
    expect: { platform: 200, admin: 403, office: 403, leader: 403, 'gz-kjj': 403, anonymous: 401 },
  },
  {
    name: 'open the queue board',
    method: 'get',
    path: () => '/api/admin/queues/api/queues',
    expect: { platform: 200, admin: 403, 'nc-admin': 403, office: 403, leader: 403, 'gz-zgq': 403, anonymous: 401 },
  },
  {
    name: 'list the cities',
    method: 'get',
    path: () => '/api/platform/cities',
    expect: {
      platform: 200,
      admin: 403,
      'nc-admin': 403,
      office: 403,
      leader: 403,
      'gz-kjj': 403,
      'gz-zgq': 403,
      anonymous: 401,
    },
  },
  {
    name: 'onboard a city',
    method: 'post',
    path: () => '/api/platform/cities',
    body: () => ({
      code: `M${++counter}`,
      name: '矩阵测试市',
      admin: { username: `m${counter}-admin`, displayName: '管理员' },
    }),
    expect: {
      platform: 201,
      admin: 403,
      'nc-admin': 403,
      office: 403,
      leader: 403,
      'gz-kjj': 403,
      'gz-zgq': 403,
      anonymous: 401,
    },
  },
  {
    name: 'disable a city',
    method: 'post',
    path: (i) => `/api/platform/cities/${i.ncCity}/disable`,
    body: () => ({}),
    expect: {
      admin: 403,
      'nc-admin': 403,
      office: 403,
      'nc-office': 403,
      leader: 403,
      'gz-kjj': 403,
      'nc-ncx': 403,
      anonymous: 401,
    },
  },
  {
    name: 'enable a city',
    method: 'post',
    path: (i) => `/api/platform/cities/${i.ncCity}/enable`,
    body: () => ({}),
    expect: { platform: 200, admin: 403, 'nc-admin': 403, office: 403, leader: 403, 'gz-zgq': 403, anonymous: 401 },
  },
  {
    name: 'who am I',
    method: 'get',
    path: () => '/api/auth/me',
    expect: { admin: 200, office: 200, leader: 200, 'gz-kjj': 200, 'nc-ncx': 200, platform: 200, anonymous: 401 },
  },
];

describe('access matrix', () => {
  let api: TestApi;
  let ids: Ids;
  const tokens = new Map<Who, string>();

  beforeAll(async () => {
    api = await startApi();
    const unit = async (code: string) => (await unitByCode(api.db, code)).id;
    const contact = (unitId: string) => aContactOf(api.db, unitId);
    const kjj = await unit('GZ-KJJ');
    const zgq = await unit('GZ-ZGQ');
    const plan = await planByDocNumber(api.db, '赣市科赋字');
    ids = {
      plan,
      report: await aSubmittedReportOf(api.db, 'GZ-KJJ'),
      bulletin: await aBulletinOf(api.db, plan),
      // The spring demo has no year-end yet: the office opens one, as it would in January.
      assessment: await openYearEnd(api, 'county'),
      city: await unit('GZ'),
      kjj,
      zgq,
      kjjContact: await contact(kjj),
      zgqContact: await contact(zgq),
      kjjUser: await userByName(api.db, 'gz-kjj'),
      ncCounty: await unit('NC-NCX'),
      ncCity: await unit('NC'),
    };
    for (const who of [
      'admin',
      'office',
      'leader',
      'gz-kjj',
      'gz-zgq',
      'nc-admin',
      'nc-office',
      'nc-ncx',
      'platform',
    ] as const) {
      tokens.set(who, await api.login(who));
    }
  });
  afterAll(async () => {
    await api.close();
  });

  const rows = cases.flatMap((c) =>
    Object.entries(c.expect).map(([who, status]) => [c.name, who as Who, status, c] as const),
  );

  it.each(rows)('%s as %s → %i', async (_name, who, status, c) => {
    let req = api.http()[c.method](c.path(ids));
    if (who !== 'anonymous') req = req.set('Authorization', tokens.get(who)!);
    const res = c.body ? await req.send(c.body(ids)) : await req;
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      status,
      body: undefined,
    });
    if (status >= 400)
      expect(res.body).toMatchObject({ statusCode: status, message: expect.any(String), details: expect.any(Array) });
  });

  it('shows another city none of Ganzhou in any list', async () => {
    const units = await api
      .http()
      .get('/api/units')
      .query({ pageSize: 200 })
      .set('Authorization', tokens.get('nc-office')!)
      .expect(200);
    expect(units.body.total).toBeGreaterThan(30);
    expect(units.body.items.every((u: { code: string }) => u.code.startsWith('NC'))).toBe(true);
    const tiers = await api
      .http()
      .get('/api/county-tiers/2023')
      .set('Authorization', tokens.get('nc-office')!)
      .expect(200);
    expect(tiers.body).toEqual([]);
    const users = await api
      .http()
      .get('/api/users')
      .query({ pageSize: 200 })
      .set('Authorization', tokens.get('nc-admin')!)
      .expect(200);
    expect(users.body.items.every((u: { username: string }) => u.username.startsWith('nc-'))).toBe(true);
  });

  it('shows a liaison only the contacts of its own unit and the units under it', async () => {
    const res = await api
      .http()
      .get('/api/contacts')
      .query({ pageSize: 200 })
      .set('Authorization', tokens.get('gz-zgq')!)
      .expect(200);
    const subtree = await subtreeOf(api.db, ids.zgq);
    expect(res.body.total).toBeGreaterThan(0);
    const allowed = new Set(subtree.map((u) => u.id));
    expect(res.body.items.every((c: { unitId: string }) => allowed.has(c.unitId))).toBe(true);
  });
});
