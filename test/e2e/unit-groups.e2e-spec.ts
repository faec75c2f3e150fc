import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';

type UnitGroup = Schema<'UnitGroupView'>;

const counties = ['南昌县', '进贤县', '安义县', '东湖区', '西湖区', '青云谱区', '青山湖区', '新建区', '红谷滩区'];

describe('unit groups and the Nanchang task list', () => {
  let api: TestApi;
  let ncOffice: string;
  let ncPlan: string;

  beforeAll(async () => {
    api = await startApi();
    ncOffice = await api.login('nc-office');
    const plans = await api.http().get('/api/plans').set('Authorization', ncOffice).expect(200);
    ncPlan = plans.body.items.find((p: { docNumber: string }) => p.docNumber === '洪发〔2023〕10号').id;
  });
  afterAll(async () => {
    await api.close();
  });

  const unitId = async (token: string, q: string) =>
    (await api.http().get('/api/units').query({ q }).set('Authorization', token).expect(200)).body.items[0]
      .id as string;

  it('holds the demo groups of Nanchang', async () => {
    const res = await api.http().get('/api/unit-groups').set('Authorization', ncOffice).expect(200);
    const byName = new Map((res.body as UnitGroup[]).map((g) => [g.name, g.members.map((m) => m.shortName)]));
    expect(byName.get('各县区')).toEqual(counties);
    expect(byName.get('开发区')).toEqual(['高新区', '经开区']);
  });

  it('lets the office of the city create, edit and delete a group, audited, and keeps other cities and liaisons out', async () => {
    const members = [await unitId(ncOffice, '市科技局'), await unitId(ncOffice, '市工信局')];
    const created = await api
      .http()
      .post('/api/unit-groups')
      .set('Authorization', ncOffice)
      .send({ name: '市直部门', unitIds: members })
      .expect(201);
    expect((created.body as UnitGroup).members.map((m) => m.shortName)).toEqual(['市科技局', '市工信局']);
    const id = created.body.id as string;
    await api
      .http()
      .post('/api/unit-groups')
      .set('Authorization', ncOffice)
      .send({ name: '市直部门', unitIds: [] })
      .expect(409);

    const updated = await api
      .http()
      .patch(`/api/unit-groups/${id}`)
      .set('Authorization', ncOffice)
      .send({ unitIds: [members[0]] })
      .expect(200);
    expect((updated.body as UnitGroup).members.map((m) => m.shortName)).toEqual(['市科技局']);

    // Ganzhou's office: Nanchang's groups are invisible, and its units cannot join a Ganzhou group.
    const gzOffice = await api.login('office');
    const gzList = await api.http().get('/api/unit-groups').set('Authorization', gzOffice).expect(200);
    expect(gzList.body.map((g: { id: string }) => g.id)).not.toContain(id);
    await api.http().get(`/api/unit-groups/${id}`).set('Authorization', gzOffice).expect(404);
    await api.http().patch(`/api/unit-groups/${id}`).set('Authorization', gzOffice).send({ name: '改名' }).expect(404);
    await api.http().delete(`/api/unit-groups/${id}`).set('Authorization', gzOffice).expect(404);
    await api
      .http()
      .post('/api/unit-groups')
      .set('Authorization', gzOffice)
      .send({ name: '借用', unitIds: members })
      .expect(400);

    const liaison = await api.login('nc-ncx');
    await api.http().get('/api/unit-groups').set('Authorization', liaison).expect(403);
    await api
      .http()
      .post('/api/unit-groups')
      .set('Authorization', liaison)
      .send({ name: '县区', unitIds: [] })
      .expect(403);
    await api
      .http()
      .get('/api/unit-groups')
      .set('Authorization', await api.login('platform'))
      .expect(403);

    await api.http().delete(`/api/unit-groups/${id}`).set('Authorization', ncOffice).expect(204);
    await api.http().get(`/api/unit-groups/${id}`).set('Authorization', ncOffice).expect(404);

    const trail = await api
      .http()
      .get('/api/audit')
      .query({ entity: 'unit_groups', entityId: id })
      .set('Authorization', await api.login('nc-admin'))
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['purge', 'update', 'create']);
    expect(trail.body.items[1].before.unitIds).toEqual(members);
    expect(trail.body.items[1].after.unitIds).toEqual([members[0]]);
  });

  it('holds the 27 tasks of 洪发〔2023〕10号 with the groups expanded into their units', async () => {
    const res = await api.http().get(`/api/plans/${ncPlan}/structure`).set('Authorization', ncOffice).expect(200);
    const tasks = (res.body as Schema<'PlanStructure'>).sections.flatMap((s) => s.tasks);
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(res.body.sections.map((s: { title: string }) => s.title)).toEqual([
      '实施创新平台能级提升工程',
      '实施科技企业培育壮大工程',
      '实施创新人才引育集聚工程',
      '实施科技成果转化攻坚工程',
      '实施创新开放合作拓展工程',
      '实施创新生态环境优化工程',
      '区域布局',
    ]);
    expect(tasks[0]!.title).toBe('布局重大科技战略力量');
    const responsible = tasks[3]!.assignments.filter((a) => a.role === 'responsible').map((a) => a.unitName);
    expect(responsible).toEqual(['市工信局', '市中小企业局', ...counties, '高新区', '经开区', '湾里管理局']);
    const regional = tasks[26]!.assignments.filter((a) => a.role === 'lead').map((a) => a.unitName);
    expect(regional).toEqual([...counties, '高新区', '经开区', '湾里管理局']);
    expect(tasks[25]!.assignments.filter((a) => a.role === 'lead').map((a) => a.unitName)).toEqual([
      '经开区',
      '小蓝经开区',
    ]);
  });

  it('shows the expansion in a dry run and names a close group for an unknown one', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('重点任务');
    sheet.addRow(['工程', '任务名称', '具体内容', '牵头单位', '责任单位']);
    sheet.addRow(['区域布局', '助推县域科技创新能力提质增效', '鼓励各县区积极探索。', '开发区', '市科技局']);
    sheet.addRow(['区域布局', '另一项', '内容。', '市科技局', '各县市区']);
    // A unit a group already brought in may be named again; the same unit named twice may not.
    sheet.addRow(['区域布局', '第三项', '内容。', '南昌县', '各县区、经开区、开发区']);
    sheet.addRow(['区域布局', '第四项', '内容。', '市工信局', '市科技局、市工信局']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await api
      .http()
      .post(`/api/plans/${ncPlan}/imports/tasks`)
      .query({ mode: 'dry-run' })
      .set('Authorization', ncOffice)
      .attach('file', file, 'tasks.xlsx')
      .expect(201);
    expect(res.body.warnings).toEqual([
      '单位分组“开发区”展开为 2 个单位：高新区、经开区',
      `单位分组“各县区”展开为 9 个单位：${counties.join('、')}`,
    ]);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ row: 3, column: '责任单位', message: expect.stringContaining('各县区（分组）') }),
      expect.objectContaining({ row: 5, column: '责任单位', message: '单位“市工信局”在本任务中重复出现' }),
    ]);
  });

  it('gives a county of Nanchang its to-dos from the task list', async () => {
    const liaison = await api.login('nc-ncx');
    const todo = await api.http().get('/api/reporting/todo').set('Authorization', liaison).expect(200);
    const items: { planId: string; subjectType: string; label: string }[] = todo.body;
    const tasks = items.filter((t) => t.planId === ncPlan && t.subjectType === 'assignment');
    // 南昌县 is in 各县区, which 21 tasks name; its scope also holds 小蓝经开区, lead of the 22nd (R4).
    expect(new Set(tasks.map((t) => t.label)).size).toBe(22);
    expect(tasks.map((t) => t.label)).toContain('任务1 布局重大科技战略力量');
  });
});
