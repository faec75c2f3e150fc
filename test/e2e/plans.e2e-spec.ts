import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { taskCount } from '../factories/plans.js';
import { ganzhouPlan, nanchangPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';
import { auditEntitiesOfRequest, importAuditOfRequest } from '../factories/audit.js';

const fixtures = path.resolve('fixtures');
const fixture = (name: string) => readFile(path.join(fixtures, name));
const source = async (name: string) => await readFile(path.join(fixtures, 'source', name), 'utf8');

type TaskView = Schema<'TaskView'>;
type PlanStructure = Schema<'PlanStructure'>;

describe('plans, imports and exports', () => {
  let api: TestApi;
  let office: string;
  let gzPlan: string;
  let ncPlan: string;

  beforeAll(async () => {
    api = await startApi();
    office = await api.login('office');
    gzPlan = await ganzhouPlan(api);
    ncPlan = await nanchangPlan(api);
  });
  afterAll(async () => {
    await api.close();
  });

  const upload = (
    plan: string,
    kind: string,
    mode: 'dry-run' | 'commit',
    file: Buffer,
    filename: string,
    token = office,
  ) =>
    api
      .http()
      .post(`/api/plans/${plan}/imports/${kind}`)
      .query({ mode })
      .set('Authorization', token)
      .attach('file', file, filename);

  it('holds the Ganzhou plan loaded from the checked-in spreadsheets', async () => {
    const res = await api.http().get(`/api/plans/${gzPlan}/structure`).set('Authorization', office).expect(200);
    expect(res.body.plan).toMatchObject({ status: 'published', title: '2023年赣州市科技创新赋能行动工作方案' });
    expect(res.body.sections).toHaveLength(7);
    const tasks = (res.body as PlanStructure).sections.flatMap((s) => s.tasks);
    expect(tasks.map((t) => t.number)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect(tasks[0]!.title).toBe('实施企业创新能力提升行动');
    expect(tasks[12]!.assignments.map((a) => a.unitName)).toEqual([
      '市科技局',
      '市自然资源局',
      '市发展改革委',
      '市住建局',
      '赣州城投集团',
      '章贡区',
      '赣州高新区管委会',
    ]);
    expect(tasks[23]!.assignments.filter((a) => a.role === 'responsible')).toEqual([]);
    const talent = tasks[16]!.assignments.find((a) => a.unitName === '市委人才办')!;
    expect(talent.liaisons).toEqual([
      expect.objectContaining({ workplaceUnitName: '市委组织部', section: '市人才服务中心人才服务一科' }),
    ]);
    const zhanggong = tasks[12]!.assignments.find((a) => a.unitName === '章贡区')!;
    expect(zhanggong.liaisons[0]).toMatchObject({ workplaceUnitName: '章贡区科技局', section: '科技创新中心' });
    const taxOffice = tasks[1]!.assignments.find((a) => a.unitName === '市税务局')!;
    expect(taxOffice.liaisons).toEqual([]);
  });

  it('computes the project totals per stage as the document heads them', async () => {
    const res = await api.http().get(`/api/plans/${gzPlan}/projects`).set('Authorization', office).expect(200);
    expect(res.body.items).toHaveLength(29);
    expect(res.body.stages.map((s: { heading: string }) => s.heading)).toEqual([
      '一、新开工（项目11个、总投资16.46亿元、年度计划投资8.2亿元）',
      expect.stringMatching(/^二、续建（项目18个、总投资[\d.]+亿元、年度计划投资[\d.]+亿元）$/),
    ]);
  });

  it('holds the Nanchang goals and breakdown, and the real sums add up', async () => {
    const nc = await api.login('nc-office');
    const goals = await api.http().get(`/api/plans/${ncPlan}/goals`).set('Authorization', nc).expect(200);
    expect(goals.body).toHaveLength(18);
    expect(goals.body[0]).toMatchObject({
      name: '全社会研发经费投入强度',
      unitOfMeasure: '%',
      baseline: { year: 2022, value: '预估2.0以上' },
    });
    expect(goals.body[0].targets.map((t: { value: string }) => t.value)).toEqual(['2.37', '2.53', '2.68']);
    const matrix = await api.http().get(`/api/plans/${ncPlan}/breakdown`).set('Authorization', nc).expect(200);
    expect(matrix.body.rows).toHaveLength(13);
    expect(matrix.body.rows[0]).toMatchObject({ unitName: '南昌市', isCity: true });
    const hightech = matrix.body.indicators.find((i: { name: string }) => i.name === '高新技术企业数量');
    const sum2023 = matrix.body.rows
      .filter((r: { isCity: boolean }) => !r.isCity)
      .reduce((s: number, r: { cells: Record<string, string> }) => s + Number(r.cells[`${hightech.id}:2023`]), 0);
    expect(sum2023).toBe(2000);
    expect(
      matrix.body.mismatches.filter(
        (m: { indicator: string; year: number }) => m.indicator === '高新技术企业数量' && m.year === 2023,
      ),
    ).toEqual([]);
    expect(matrix.body.mismatches.every((m: { indicator: string }) => m.indicator !== '全社会研发经费投入强度')).toBe(
      true,
    );
  });

  it('reports every mismatch of a deliberately altered breakdown, as warnings', async () => {
    const nc = await api.login('nc-office');
    const csv = (await source('nanchang-2023-breakdown.csv'))
      .replace('高新区,高新技术企业数量,家,631,', '高新区,高新技术企业数量,家,641,')
      .replace('南昌县,科贷通放贷额,亿元,1.01,', '南昌县,科贷通放贷额,亿元,1.00,');
    const res = await upload(ncPlan, 'breakdown', 'dry-run', Buffer.from(csv), 'breakdown.csv', nc).expect(201);
    expect(res.body.problems).toEqual([]);
    expect(res.body.summary.update).toBe(2);
    expect(res.body.warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('2023 年“高新技术企业数量”：各单位合计 2010，市级目标 2000，相差 10'),
        expect.stringMatching(/2023 年“科贷通放贷额”：各单位合计 [\d.]+，市级目标 6，相差/),
      ]),
    );
  });

  it('changes nothing when the same file is imported again, and shows the differences of a changed one', async () => {
    const tasks = await fixture('ganzhou-2023-tasks.xlsx');
    const again = await upload(gzPlan, 'tasks', 'dry-run', tasks, 'tasks.xlsx').expect(201);
    expect(again.body.summary).toEqual({ create: 0, update: 0, unchanged: 29, remove: 0 });
    const projects = await upload(
      gzPlan,
      'projects',
      'dry-run',
      await fixture('ganzhou-2023-projects.xlsx'),
      'projects.xlsx',
    ).expect(201);
    expect(projects.body.summary).toEqual({ create: 0, update: 0, unchanged: 29, remove: 0 });

    const csv = (await source('ganzhou-2023-tasks.csv')).replace(
      '力争入库科技型中小企业1750家',
      '力争入库科技型中小企业1800家',
    );
    const changed = await upload(gzPlan, 'tasks', 'dry-run', Buffer.from(csv), 'tasks.csv').expect(201);
    expect(changed.body.summary).toMatchObject({ update: 1, unchanged: 28 });
    expect(changed.body.changes[0]).toMatchObject({
      key: '2',
      action: 'update',
      changes: [expect.objectContaining({ field: 'requirement' })],
    });
    const refused = await upload(gzPlan, 'tasks', 'commit', Buffer.from(csv), 'tasks.csv').expect(400);
    expect(refused.body.details[0]).toEqual({ field: 'reason', reason: '已发布的方案修改须填写修改原因' });
    const committed = await api
      .http()
      .post(`/api/plans/${gzPlan}/imports/tasks`)
      .query({ mode: 'commit' })
      .set('Authorization', office)
      .field('reason', '调整年度目标')
      .attach('file', Buffer.from(csv), 'tasks.csv')
      .expect(201);
    expect(committed.body).toMatchObject({ committed: true, summary: { update: 1 } });
    const trail = await api
      .http()
      .get('/api/audit')
      .query({ entity: 'tasks' })
      .set('Authorization', await api.login('admin'))
      .expect(200);
    expect(trail.body.items[0]).toMatchObject({ action: 'update', reason: '调整年度目标' });
    // The import leaves one entry of its own: which file, what it changed, why, and who did it.
    const importEntry = (requestId: string) => importAuditOfRequest(api.db, requestId);
    const me = await api.http().get('/api/auth/me').set('Authorization', office).expect(200);
    expect(await importEntry(committed.headers['x-request-id'] as string)).toEqual([
      {
        entityId: gzPlan,
        action: 'import:tasks',
        before: null,
        after: { filename: 'tasks.csv', summary: committed.body.summary, warnings: committed.body.warnings },
        reason: '调整年度目标',
        actorName: me.body.displayName,
        planCity: true,
      },
    ]);
    // A commit that changes nothing needs no reason, even on a published plan, and is still recorded.
    const unchanged = await upload(gzPlan, 'tasks', 'commit', Buffer.from(csv), 'tasks.csv').expect(201);
    expect(unchanged.body).toMatchObject({ committed: true, summary: { create: 0, update: 0, remove: 0 } });
    expect(await importEntry(unchanged.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({
        action: 'import:tasks',
        reason: null,
        after: expect.objectContaining({ filename: 'tasks.csv' }),
      }),
    ]);
  });

  it('exports every table in a layout that imports back unchanged', async () => {
    for (const [plan, kind, token] of [
      [gzPlan, 'tasks', office],
      [gzPlan, 'projects', office],
      [ncPlan, 'goals', 'nc'],
      [ncPlan, 'breakdown', 'nc'],
    ] as const) {
      const auth = token === 'nc' ? await api.login('nc-office') : token;
      const file = await api
        .http()
        .get(`/api/plans/${plan}/exports/${kind}`)
        .set('Authorization', auth)
        .responseType('blob')
        .expect(200);
      expect(file.headers['content-type']).toContain('spreadsheetml');
      const back = await upload(plan, kind, 'dry-run', file.body as Buffer, `${kind}.xlsx`, auth).expect(201);
      expect({
        kind,
        problems: back.body.problems,
        create: back.body.summary.create,
        update: back.body.summary.update,
      }).toEqual({ kind, problems: [], create: 0, update: 0 });
    }
    const ledger = await api
      .http()
      .get(`/api/plans/${gzPlan}/exports/ledger`)
      .set('Authorization', office)
      .responseType('blob')
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(ledger.body as ArrayBuffer);
    const structure = await api.http().get(`/api/plans/${gzPlan}/structure`).set('Authorization', office);
    const assignments = (structure.body as PlanStructure).sections
      .flatMap((s) => s.tasks)
      .reduce((n, t) => n + t.assignments.length, 0);
    expect(workbook.worksheets[0]!.rowCount).toBe(assignments + 1);
  });

  describe('bad input: a clear 4xx, every problem by row and column, nothing written', () => {
    const countTasks = () => taskCount(api.db);

    it('refuses a file that is not a spreadsheet, and a corrupt workbook', async () => {
      const pdf = await upload(gzPlan, 'tasks', 'dry-run', Buffer.from('%PDF-1.4 junk'), 'plan.pdf').expect(400);
      expect(pdf.body.message).toContain('文件类型不支持');
      const good = await fixture('ganzhou-2023-tasks.xlsx');
      const corrupt = await upload(gzPlan, 'tasks', 'dry-run', good.subarray(0, 2000), 'tasks.xlsx').expect(400);
      expect(corrupt.body.message).toContain('损坏');
      await upload(gzPlan, 'tasks', 'dry-run', Buffer.alloc(0), 'empty.xlsx').expect(400);
    });

    it('reports missing columns, unknown units with suggestions and duplicate numbers, and commits nothing', async () => {
      const before = await countTasks();
      const noLead = '序号,分组,具体任务及要求,责任单位\r\n1,组,任务。,市工信局\r\n';
      const missing = await upload(gzPlan, 'tasks', 'dry-run', Buffer.from(noLead), 't.csv').expect(201);
      expect(missing.body.problems).toEqual([expect.objectContaining({ row: 1, column: '牵头单位' })]);

      const csv = (await source('ganzhou-2023-tasks.csv'))
        .replace(
          '1,突出企业主体地位，提升研发覆盖广度,实施企业创新能力提升行动。强化市级科技计划扶优扶早扶小力度',
          '1,突出企业主体地位，提升研发覆盖广度,实施企业创新能力提升行动。强化市级科技计划扶优扶早扶小力度',
        )
        .replace(',市国资委,市科技局、市工信局,', ',市国资局,市科技局、市工信局,')
        .replace('\r\n5,', '\r\n3,');
      const dry = await upload(gzPlan, 'tasks', 'dry-run', Buffer.from(csv), 't.csv').expect(201);
      expect(dry.body.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 5, column: '牵头单位', message: expect.stringContaining('是否为：市国资委') }),
          expect.objectContaining({ row: 6, column: '序号' }),
        ]),
      );
      const commit = await upload(gzPlan, 'tasks', 'commit', Buffer.from(csv), 't.csv').expect(400);
      expect(commit.body.message).toBe(`任务清单有 ${dry.body.problems.length} 处问题，未导入任何数据`);
      // Each problem is named by its sheet, column and row, as the dry run showed it.
      expect(commit.body.details).toEqual(
        dry.body.problems.map((p: { sheet: string; column: string; row: number; message: string }) => ({
          field: `${p.sheet}!${p.column}:${p.row}`,
          reason: p.message,
        })),
      );
      expect(await countTasks()).toBe(before);
      // Refused as a whole: not even the import's own audit entry was written.
      expect(await auditEntitiesOfRequest(api.db, commit.headers['x-request-id'])).toEqual([]);
    });

    it('reports negative or non-numeric investment and a completion month before the start', async () => {
      const lines = (await source('ganzhou-2023-projects.csv')).split('\r\n');
      lines[1] = lines[1]!.replace(',2000,2000,', ',-2000,2000,');
      lines[2] = lines[2]!.replace(',63100,19000,', ',63100,一万九,');
      lines[3] = lines[3]!.replace('2023年1月,2023年12月', '2023年12月,2023年1月');
      const res = await upload(gzPlan, 'projects', 'commit', Buffer.from(lines.join('\r\n')), 'p.csv').expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/总投资:2$/),
          expect.stringMatching(/2023年投资计划:3$/),
          expect.stringMatching(/竣工年月:4$/),
        ]),
      );
    });

    it('reports a percentage over 100 where the indicator forbids it', async () => {
      const nc = await api.login('nc-office');
      const csv = (await source('nanchang-2023-goals.csv')).replace(
        '1,全社会研发经费投入强度,%,预估2.0以上,2.37,',
        '1,全社会研发经费投入强度,%,预估2.0以上,102.37,',
      );
      const res = await upload(ncPlan, 'goals', 'dry-run', Buffer.from(csv), 'g.csv', nc).expect(201);
      expect(res.body.problems).toEqual([
        expect.objectContaining({ row: 2, column: '2023年', message: expect.stringContaining('超过') }),
      ]);
    });

    it('refuses an operator that the indicator direction makes meaningless', async () => {
      const nc = await api.login('nc-office');
      const indicators = await api.http().get('/api/indicators').set('Authorization', nc).expect(200);
      const hightech = indicators.body.find((i: { name: string }) => i.name === '高新技术企业数量');
      const city = (await unitByCode(api.db, 'NC')).id;
      const res = await api
        .http()
        .put('/api/targets')
        .set('Authorization', nc)
        .send({ indicatorId: hightech.id, unitId: city, year: 2026, kind: 'numeric', operator: '<=', value: '3500' })
        .expect(400);
      expect(res.body.details[0].field).toBe('operator');
      await api
        .http()
        .put('/api/targets')
        .set('Authorization', nc)
        .send({ indicatorId: hightech.id, unitId: city, year: 2026, kind: 'numeric', operator: '>=', value: '3500' })
        .expect(200);
    });

    it('refuses a file over the size limit', async () => {
      const res = await upload(gzPlan, 'tasks', 'dry-run', Buffer.alloc(21 * 1024 * 1024, 'a'), 'big.csv').expect(413);
      expect(res.body.statusCode).toBe(413);
    });
  });

  describe('access', () => {
    it('lets liaisons read the published plan and their own tasks, and nothing more', async () => {
      const liaison = await api.login('gz-kx');
      await api.http().get(`/api/plans/${gzPlan}/structure`).set('Authorization', liaison).expect(200);
      const mine = await api.http().get(`/api/plans/${gzPlan}/mine`).set('Authorization', liaison).expect(200);
      expect((mine.body as TaskView[]).map((t) => t.number)).toEqual([28, 29]);
      await upload(gzPlan, 'tasks', 'dry-run', await fixture('ganzhou-2023-tasks.xlsx'), 't.xlsx', liaison).expect(403);
      await api.http().get(`/api/plans/${ncPlan}`).set('Authorization', liaison).expect(404);
      await api
        .http()
        .get(`/api/plans/${gzPlan}`)
        .set('Authorization', await api.login('nc-office'))
        .expect(404);
      await upload(
        gzPlan,
        'tasks',
        'dry-run',
        await fixture('ganzhou-2023-tasks.xlsx'),
        't.xlsx',
        await api.login('nc-office'),
      ).expect(404);
    });

    it('keeps drafts from liaisons and lets leaders read them', async () => {
      const draft = await api
        .http()
        .post('/api/plans')
        .set('Authorization', office)
        .send({ title: '草稿方案', startYear: 2024, endYear: 2024 })
        .expect(201);
      await api
        .http()
        .get(`/api/plans/${draft.body.id}`)
        .set('Authorization', await api.login('gz-kjj'))
        .expect(404);
      await api
        .http()
        .get(`/api/plans/${draft.body.id}`)
        .set('Authorization', await api.login('leader'))
        .expect(200);
      await api.http().post(`/api/plans/${draft.body.id}/publish`).set('Authorization', office).expect(409);
      await api
        .http()
        .patch(`/api/plans/${draft.body.id}`)
        .set('Authorization', office)
        .send({ title: '改名', version: 99 })
        .expect(409);
      await api
        .http()
        .patch(`/api/plans/${draft.body.id}`)
        .set('Authorization', office)
        .send({ title: '改名', version: draft.body.version })
        .expect(200);
    });
  });

  it('adds and renames sections and adds tasks, with a reason on a published plan and only by the office', async () => {
    const noReason = await api
      .http()
      .post(`/api/plans/${gzPlan}/sections`)
      .set('Authorization', office)
      .send({ number: '九', title: '新增分组' })
      .expect(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const section = await api
      .http()
      .post(`/api/plans/${gzPlan}/sections`)
      .set('Authorization', office)
      .send({ number: '九', title: '新增分组', reason: '领导小组会议决定' })
      .expect(201);
    await api
      .http()
      .post(`/api/plans/${gzPlan}/sections`)
      .set('Authorization', office)
      .send({ number: '九', title: '重复', reason: 'x' })
      .expect(409);
    const renamed = await api
      .http()
      .patch(`/api/sections/${section.body.id}`)
      .set('Authorization', office)
      .send({ title: '强化督查考核', reason: '调整名称' })
      .expect(200);
    expect(renamed.body.title).toBe('强化督查考核');
    const task = await api
      .http()
      .post(`/api/plans/${gzPlan}/tasks`)
      .set('Authorization', office)
      .send({
        sectionId: section.body.id,
        title: '建立季度督查机制',
        requirement: '每季度开展一次督查',
        reason: '领导小组会议决定',
      })
      .expect(201);
    expect(task.body).toMatchObject({
      number: 30,
      title: '建立季度督查机制',
      sectionId: section.body.id,
      assignments: [],
    });
    await api
      .http()
      .post(`/api/plans/${gzPlan}/tasks`)
      .set('Authorization', office)
      .send({ number: 30, title: 'x', requirement: 'y', reason: 'z' })
      .expect(409);
    await api
      .http()
      .post(`/api/plans/${ncPlan}/tasks`)
      .set('Authorization', office)
      .send({ sectionId: section.body.id, title: 'x', requirement: 'y', reason: 'z' })
      .expect(404);
    await api
      .http()
      .post(`/api/plans/${gzPlan}/tasks`)
      .set('Authorization', await api.login('gz-kjj'))
      .send({ title: 'x', requirement: 'y', reason: 'z' })
      .expect(403);
    const structure = await api.http().get(`/api/plans/${gzPlan}/structure`).set('Authorization', office).expect(200);
    expect(JSON.stringify(structure.body)).toContain('建立季度督查机制');
  });
});
