import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { unitCount } from '../factories/organisation.js';
import { startApi, type TestApi } from '../setup/api.js';

describe('organisation registry', () => {
  let api: TestApi;
  let office: string;
  let admin: string;
  let cityId: string;

  beforeAll(async () => {
    api = await startApi();
    office = await api.login('office');
    admin = await api.login('admin');
    const me = await api.http().get('/api/auth/me').set('Authorization', office).expect(200);
    cityId = me.body.cityId;
  });
  afterAll(async () => {
    await api.close();
  });

  it('holds the Ganzhou 2023 organisation with its county tiers', async () => {
    const counties = await api
      .http()
      .get('/api/units')
      .query({ kind: 'county', pageSize: 100 })
      .set('Authorization', office)
      .expect(200);
    expect(counties.body.total).toBe(20);
    const tiers = await api.http().get('/api/county-tiers/2023').set('Authorization', office).expect(200);
    const count = (t: number) => tiers.body.filter((r: { tier: number }) => r.tier === t).length;
    expect([count(1), count(2), count(3)]).toEqual([6, 6, 8]);
    const alias = await api
      .http()
      .get('/api/units')
      .query({ q: '章贡区人民政府' })
      .set('Authorization', office)
      .expect(200);
    expect(alias.body.items.map((u: { name: string }) => u.name)).toEqual(['章贡区']);
    const tree = await api.http().get('/api/units/tree').set('Authorization', office).expect(200);
    expect(tree.body[0]).toMatchObject({ name: '赣州市', kind: 'city' });
    const zone = tree.body.find((u: { shortName: string }) => u.shortName === '赣州高新区管委会');
    const county = tree.body.find((u: { id: string }) => u.id === zone.parentId);
    expect(county.name).toBe('赣县区（赣州高新区）');
  });

  it('keeps a liaison who sits in another unit as such', async () => {
    const rcb = await api.http().get('/api/units').query({ q: '市委人才办' }).set('Authorization', office).expect(200);
    const contacts = await api
      .http()
      .get('/api/contacts')
      .query({ unitId: rcb.body.items[0].id, role: 'liaison' })
      .set('Authorization', office)
      .expect(200);
    const zzb = await api.http().get('/api/units').query({ q: '市委组织部' }).set('Authorization', office).expect(200);
    expect(contacts.body.items[0]).toMatchObject({
      workplaceUnitId: zzb.body.items[0].id,
      section: '市人才服务中心人才服务一科',
    });
  });

  it('creates, renames, moves and audits a unit', async () => {
    const county = (await api.http().get('/api/units').query({ q: '信丰县' }).set('Authorization', office)).body
      .items[0];
    const created = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-XFX-GYY', name: '信丰县工业园区管委会', kind: 'sub_unit', parentId: county.id })
      .expect(201);
    expect(created.body.path).toBe(`${county.path}${created.body.id}/`);
    expect(created.body.cityId).toBe(cityId);
    const renamed = await api
      .http()
      .patch(`/api/units/${created.body.id}`)
      .set('Authorization', office)
      .send({ shortName: '信丰高新园区' })
      .expect(200);
    expect(renamed.body.shortName).toBe('信丰高新园区');
    const other = (await api.http().get('/api/units').query({ q: '宁都县' }).set('Authorization', office)).body
      .items[0];
    const moved = await api
      .http()
      .patch(`/api/units/${created.body.id}`)
      .set('Authorization', office)
      .send({ parentId: other.id })
      .expect(200);
    expect(moved.body.path).toBe(`${other.path}${created.body.id}/`);

    const trail = await api
      .http()
      .get('/api/audit')
      .query({ entity: 'units', entityId: created.body.id })
      .set('Authorization', admin)
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
    const rename = trail.body.items[1];
    expect(rename.before.shortName).toBe('信丰县工业园区管委会');
    expect(rename.after.shortName).toBe('信丰高新园区');
    expect(rename.actorName).toBe('领导小组办公室（赣州市）');
    const found = await api
      .http()
      .get('/api/audit')
      .query({ text: '信丰高新园区' })
      .set('Authorization', admin)
      .expect(200);
    expect(found.body.items.map((e: { entityId: string }) => e.entityId)).toContain(created.body.id);
    const literal = await api.http().get('/api/audit').query({ text: '100%_' }).set('Authorization', admin).expect(200);
    expect(literal.body.total).toBe(0);
  });

  it('rewrites the paths of a whole subtree when its root moves', async () => {
    const parent = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-T1', name: '测试甲', kind: 'department', parentId: cityId })
      .expect(201);
    const child = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-T1-A', name: '测试甲一', kind: 'sub_unit', parentId: parent.body.id })
      .expect(201);
    const target = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-T2', name: '测试乙', kind: 'department', parentId: cityId })
      .expect(201);
    await api
      .http()
      .patch(`/api/units/${parent.body.id}`)
      .set('Authorization', office)
      .send({ parentId: target.body.id })
      .expect(200);
    const after = await api.http().get(`/api/units/${child.body.id}`).set('Authorization', office).expect(200);
    expect(after.body.path).toBe(`${target.body.path}${parent.body.id}/${child.body.id}/`);

    const cycle = await api
      .http()
      .patch(`/api/units/${target.body.id}`)
      .set('Authorization', office)
      .send({ parentId: child.body.id })
      .expect(400);
    expect(cycle.body.details).toEqual([{ field: 'parentId', reason: '会形成循环' }]);
    const self = await api
      .http()
      .patch(`/api/units/${target.body.id}`)
      .set('Authorization', office)
      .send({ parentId: target.body.id })
      .expect(400);
    expect(self.body.details[0].field).toBe('parentId');
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const res = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-KJJ', name: '重复', kind: 'department', parentId: cityId })
      .expect(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      details: [{ field: 'code', reason: '编码 GZ-KJJ 已被使用' }],
    });
  });

  it('refuses to delete a unit with children or history, deletes and restores a bare one', async () => {
    const county = (await api.http().get('/api/units').query({ q: '赣县区（赣州高新区）' }).set('Authorization', admin))
      .body.items[0];
    const withChildren = await api.http().delete(`/api/units/${county.id}`).set('Authorization', admin).expect(409);
    expect(withChildren.body.message).toContain('下级单位');
    const kx = (await api.http().get('/api/units').query({ q: '市科协' }).set('Authorization', admin)).body.items[0];
    const withHistory = await api.http().delete(`/api/units/${kx.id}`).set('Authorization', admin).expect(409);
    expect(withHistory.body.message).toMatch(/联系人|用户账号/);

    const bare = await api
      .http()
      .post('/api/units')
      .set('Authorization', admin)
      .send({ code: 'GZ-TMP', name: '临时单位', kind: 'department', parentId: cityId })
      .expect(201);
    await api.http().delete(`/api/units/${bare.body.id}`).set('Authorization', admin).expect(204);
    await api.http().get(`/api/units/${bare.body.id}`).set('Authorization', admin).expect(404);
    await api.http().post(`/api/units/${bare.body.id}/restore`).set('Authorization', admin).expect(201);
    await api.http().get(`/api/units/${bare.body.id}`).set('Authorization', admin).expect(200);
    const trail = await api
      .http()
      .get('/api/audit')
      .query({ entityId: bare.body.id })
      .set('Authorization', admin)
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['restore', 'delete', 'create']);
  });

  it('answers bad input with 400, the field and a Chinese reason, and changes nothing', async () => {
    const before = await unitCount(api.db);
    const malformed = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .set('Content-Type', 'application/json')
      .send('{"code": "X",')
      .expect(400);
    expect(malformed.body.message).toBe('请求体不是有效的 JSON');
    const unknown = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-X', name: '某单位', kind: 'department', parentId: cityId, colour: 'red' })
      .expect(400);
    expect(unknown.body.details).toEqual([{ field: 'colour', reason: '不允许的字段' }]);
    const types = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 12, name: ['x'], kind: 'planet', parentId: 'not-a-uuid' })
      .expect(400);
    expect(types.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      expect.arrayContaining(['code', 'kind', 'name', 'parentId']),
    );
    const long = await api
      .http()
      .post('/api/units')
      .set('Authorization', office)
      .send({ code: 'GZ-LONG', name: '长'.repeat(201), kind: 'department', parentId: cityId })
      .expect(400);
    expect(long.body.details[0]).toEqual({ field: 'name', reason: '长度超出上限（200）' });
    await api.http().get('/api/units/not-a-uuid').set('Authorization', office).expect(400);
    await api.http().get('/api/units').query({ pageSize: 'lots' }).set('Authorization', office).expect(400);
    const tiers = await api
      .http()
      .put('/api/county-tiers/2023')
      .set('Authorization', office)
      .send({ items: [{ unitId: cityId, tier: 1 }] })
      .expect(400);
    expect(tiers.body.details[0]).toMatchObject({ field: 'items.0.unitId' });
    expect(await unitCount(api.db)).toBe(before);
  });

  it('sets a year of county tiers in one replacement', async () => {
    const tiers = await api.http().get('/api/county-tiers/2023').set('Authorization', office).expect(200);
    const items = tiers.body.map((r: { unitId: string; tier: number }) => ({
      unitId: r.unitId,
      tier: r.tier === 3 ? 3 : r.tier,
    }));
    items[0].tier = 2;
    const res = await api.http().put('/api/county-tiers/2024').set('Authorization', office).send({ items }).expect(200);
    expect(res.body).toHaveLength(20);
    // 2024 reads back exactly as set; 2023 is untouched.
    const set2024 = await api.http().get('/api/county-tiers/2024').set('Authorization', office).expect(200);
    const byUnit = (rows: { unitId: string; tier: number }[]) =>
      Object.fromEntries(rows.map((r) => [r.unitId, r.tier]));
    expect(byUnit(set2024.body)).toEqual(byUnit(items));
    const again = await api.http().get('/api/county-tiers/2023').set('Authorization', office).expect(200);
    expect(again.body).toEqual(tiers.body);
  });
});
