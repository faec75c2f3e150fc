import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { loadGrid } from '@app/spreadsheets';
import { type TargetTableHeader, readTargetTables } from '../../libs/funds/src/spreadsheets/index.js';
import { fundProjectsNamed } from '../factories/funds.js';
import { unitByCode } from '../setup/lookups.js';
import { startApi, type TestApi } from '../setup/api.js';
import { indicatorRowsOf } from '../factories/funds.js';

interface OfficeTable {
  tab: string;
  name: string;
  department: string;
  /** 资金总额 in 万元, under the 项目资金 label merged over the sources. */
  amount?: string;
  /** 项目级次, typed beside 主管部门 on its row. */
  level?: string;
  /** 实施单位, on a row of its own. */
  implementingUnit?: string;
  /** Without the 一般公共预算 row: only 资金总额 under 项目资金. */
  totalOnly?: boolean;
  /** 一级, 二级, 三级, 半年, 全年; null is a blank placeholder row. */
  rows: ([string, string, string, string, string] | null)[];
}

/**
 * A 项目支出绩效目标表 as an office types it (labels in column A, merged value cells, blank rows
 * left in the indicator table), built with exceljs directly so the product's writer is not the
 * one checking itself.
 */
async function officeWorkbook(tables: OfficeTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.tab);
    sheet.getCell('A1').value = '项目支出绩效目标表';
    sheet.mergeCells('A1:E1');
    sheet.getCell('A2').value = '（2023年度）';
    sheet.mergeCells('A2:E2');
    const field = (row: number, label: string, value: string) => {
      sheet.getCell(row, 1).value = label;
      sheet.getCell(row, 2).value = value;
      sheet.mergeCells(row, 2, row, 5);
    };
    field(3, '项目名称', table.name);
    if (table.level === undefined) field(4, '主管部门', table.department);
    else {
      sheet.getCell('A4').value = '主管部门';
      sheet.getCell('B4').value = table.department;
      sheet.mergeCells('B4:C4');
      sheet.getCell('D4').value = '项目级次';
      sheet.getCell('E4').value = table.level;
    }
    sheet.getCell('A5').value = '项目资金';
    sheet.mergeCells('A5:A6');
    sheet.getCell('B5').value = '资金总额';
    sheet.getCell('C5').value = table.amount ?? '100';
    if (!table.totalOnly) {
      sheet.getCell('B6').value = '一般公共预算';
      sheet.getCell('C6').value = table.amount ?? '100';
    }
    field(7, '年度目标', '支持一批科技项目');
    if (table.implementingUnit !== undefined) field(8, '实施单位', table.implementingUnit);
    const head = table.implementingUnit === undefined ? 8 : 9;
    ['一级指标', '二级指标', '三级指标', '半年（程）指标值', '全年（程）指标值'].forEach(
      (h, i) => (sheet.getCell(head, i + 1).value = h),
    );
    table.rows.forEach((cells, i) => cells?.forEach((text, c) => (sheet.getCell(head + 1 + i, c + 1).value = text)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const INDICATORS: OfficeTable['rows'] = [
  ['产出指标', '数量指标', '支持项目数', '≥50项', '≥100项'],
  null,
  ['产出指标', '质量指标', '项目验收合格率', '', '100%'],
  null,
  ['满意度指标', '服务对象满意度指标', '企业满意度', '', '≥90%'],
];

describe('special-fund target tables as offices type them', () => {
  let api: TestApi;
  let office: string;
  const unitId = async (code: string): Promise<string> => (await unitByCode(api.db, code)).id;
  const projectsNamed = (name: string) => fundProjectsNamed(api.db, name);
  const upload = (file: Buffer, mode: 'dry-run' | 'commit', status: number) =>
    api
      .http()
      .post('/api/fund-projects/imports/targets')
      .query(mode === 'commit' ? { mode: 'commit' } : {})
      .set('Authorization', office)
      .attach('file', file, 'targets.xlsx')
      .expect(status);

  beforeAll(async () => {
    api = await startApi({ now: '2023-12-20T10:00:00+08:00' });
    office = await api.login('nc-office');
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports a misspelt 主管部门 of a new project at its own cell, with the closest unit names, and refuses the commit with a 400', async () => {
    const file = await officeWorkbook([
      { tab: '科技项目', name: '科技创新券项目', department: '南昌市科枝局', rows: INDICATORS },
    ]);
    const dry = await upload(file, 'dry-run', 201);
    expect(dry.body.problems).toEqual([
      { sheet: '科技项目', row: 4, column: '主管部门', message: expect.stringContaining('市科技局') },
    ]);
    const refused = await upload(file, 'commit', 400);
    expect(refused.body.details).toEqual([{ field: '科技项目!主管部门:4', reason: dry.body.problems[0].message }]);
    expect(await projectsNamed('科技创新券项目')).toEqual([]);
  });

  it('reports a changed 主管部门 of an existing project, applies it on commit, and refuses an unknown one', async () => {
    const name = '产业技术攻关项目';
    await upload(
      await officeWorkbook([{ tab: '攻关', name, department: '南昌市科学技术局', rows: INDICATORS }]),
      'commit',
      201,
    );
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-KJJ'));

    const moved = await officeWorkbook([{ tab: '攻关', name, department: '市工信局', rows: INDICATORS }]);
    const dry = await upload(moved, 'dry-run', 201);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.changes).toEqual([
      expect.objectContaining({
        action: 'update',
        changes: [{ field: '主管部门', before: '南昌市科技局', after: '南昌市工信局' }],
      }),
    ]);
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-KJJ'));
    await upload(moved, 'commit', 201);
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-GXJ'));

    const misspelt = await officeWorkbook([{ tab: '攻关', name, department: '南昌市工信句', rows: INDICATORS }]);
    const problem = (await upload(misspelt, 'dry-run', 201)).body.problems;
    expect(problem).toEqual([
      { sheet: '攻关', row: 4, column: '主管部门', message: expect.stringContaining('市工信局') },
    ]);
    await upload(misspelt, 'commit', 400);
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-GXJ'));
  });

  it('keeps targets as typed through import, export and re-import: =10% not ＝10%, 100% not ＝100%, units with their spaces', async () => {
    const name = '设备购置项目';
    const typed: OfficeTable['rows'] = [
      ['产出指标', '数量指标', '购置设备数', '≥5台、件、套、 项', '≥10台、件、套、 项'],
      null,
      ['产出指标', '质量指标', '设备验收合格率', '=10%', '100%'],
    ];
    const file = await officeWorkbook([{ tab: '设备', name, department: '市科技局', rows: typed }]);
    await upload(file, 'commit', 201);
    const [{ id }] = await projectsNamed(name);
    const views = (await api.http().get(`/api/fund-projects/${id}/indicators`).set('Authorization', office).expect(200))
      .body;
    expect(views.map((v: { halfYearText: string; fullYearText: string }) => [v.halfYearText, v.fullYearText])).toEqual([
      ['≥5台、件、套、 项', '≥10台、件、套、 项'],
      ['=10%', '100%'],
    ]);
    // The parsed values still judge attainment.
    expect(views[1].fullYearTarget).toEqual({ kind: 'numeric', operator: '=', value: '100', unit: '%' });

    const exported = async (layout: string) => {
      const res = await api
        .http()
        .get(`/api/fund-projects/${id}/targets.xlsx`)
        .query({ layout })
        .set('Authorization', office)
        .responseType('blob')
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      return { buffer: Buffer.from(res.body as ArrayBuffer), sheet: workbook.worksheets[0]! };
    };
    const texts = (sheet: ExcelJS.Worksheet, column: number) =>
      sheet.getColumn(column).values.map((v) => String(v ?? ''));
    const halfAndFull = await exported('half-and-full');
    expect(texts(halfAndFull.sheet, 4)).toEqual(expect.arrayContaining(['≥5台、件、套、 项', '=10%']));
    expect(texts(halfAndFull.sheet, 5)).toEqual(expect.arrayContaining(['≥10台、件、套、 项', '100%']));
    const again = await upload(halfAndFull.buffer, 'dry-run', 201);
    expect(again.body).toMatchObject({ problems: [], changes: [] });
    await upload(halfAndFull.buffer, 'commit', 201);
    const afterReimport = (
      await api.http().get(`/api/fund-projects/${id}/indicators`).set('Authorization', office).expect(200)
    ).body;
    expect(afterReimport.map((v: { fullYearText: string }) => v.fullYearText)).toEqual(['≥10台、件、套、 项', '100%']);
  });

  it('re-imports a table as written: rows kept in place with their ids, in the new order, a dropped one removed', async () => {
    const name = '指标调整项目';
    const rowsOf = (projectId: string) => indicatorRowsOf(api.db, projectId);
    await upload(
      await officeWorkbook([{ tab: '调整', name, department: '市科技局', rows: INDICATORS }]),
      'commit',
      201,
    );
    const [{ id }] = await projectsNamed(name);
    const first = await rowsOf(id);
    expect(first.map((r) => [r.level3, r.position])).toEqual([
      ['支持项目数', 1],
      ['项目验收合格率', 2],
      ['企业满意度', 3],
    ]);
    const idOf = (level3: string) => first.find((r) => r.level3 === level3)!.id;

    const changed = await officeWorkbook([
      {
        tab: '调整',
        name,
        department: '市科技局',
        rows: [
          ['满意度指标', '服务对象满意度指标', '企业满意度', '', '≥95%'],
          ['产出指标', '数量指标', '支持项目数', '≥50项', '≥100项'],
          ['产出指标', '时效指标', '按期完成率', '', '100%'],
          // The same 三级 name under another 二级 is another indicator.
          ['产出指标', '质量指标', '支持项目数', '', '≥95%'],
        ],
      },
    ]);
    const dry = await upload(changed, 'dry-run', 201);
    expect(dry.body.changes.map((c: { action: string; label: string }) => [c.action, c.label]).sort()).toEqual([
      ['create', `${name} · 按期完成率`],
      ['create', `${name} · 支持项目数`],
      ['remove', `${name} · 项目验收合格率`],
      ['update', `${name} · 企业满意度`],
    ]);
    await upload(changed, 'commit', 201);
    expect(await rowsOf(id)).toEqual([
      { id: idOf('企业满意度'), level3: '企业满意度', position: 1, fullYear: '≥95%' },
      { id: idOf('支持项目数'), level3: '支持项目数', position: 2, fullYear: '≥100项' },
      { id: expect.any(String), level3: '按期完成率', position: 3, fullYear: '100%' },
      { id: expect.any(String), level3: '支持项目数', position: 4, fullYear: '≥95%' },
    ]);
  });

  it('reports a changed 资金总额 of an existing project in the dry run, applies it on commit, and exports under the form’s title', async () => {
    const name = '资金调整项目';
    await upload(
      await officeWorkbook([{ tab: '资金', name, department: '市科技局', rows: INDICATORS }]),
      'commit',
      201,
    );
    const raised = await officeWorkbook([
      { tab: '资金', name, department: '市科技局', amount: '150.5', rows: INDICATORS },
    ]);
    const dry = await upload(raised, 'dry-run', 201);
    expect(dry.body.changes).toEqual([
      expect.objectContaining({
        action: 'update',
        changes: [
          { field: '资金总额', before: '100.00', after: '150.50' },
          { field: '一般公共预算', before: '100.00', after: '150.50' },
        ],
      }),
    ]);
    await upload(raised, 'commit', 201);
    const [{ id }] = await projectsNamed(name);
    const project = (await api.http().get(`/api/fund-projects/${id}`).set('Authorization', office).expect(200)).body;
    expect(project.annualBudget).toBe('150.50');
    expect((await upload(raised, 'dry-run', 201)).body.changes).toEqual([]);

    for (const layout of ['operator-columns', 'half-and-full']) {
      const res = await api
        .http()
        .get(`/api/fund-projects/${id}/targets.xlsx`)
        .query({ layout })
        .set('Authorization', office)
        .responseType('blob')
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      expect(workbook.worksheets[0]!.getCell('A1').value).toBe('项目支出绩效目标表');
    }
  });

  it('keeps 项目级次 as typed (市本级), writes it in both exports and reports a changed one', async () => {
    const name = '市本级科普项目';
    await upload(
      await officeWorkbook([{ tab: '科普', name, department: '市科技局', level: '市本级', rows: INDICATORS }]),
      'commit',
      201,
    );
    const [{ id }] = await projectsNamed(name);
    expect((await api.http().get(`/api/fund-projects/${id}`).set('Authorization', office).expect(200)).body.level).toBe(
      '市本级',
    );
    for (const layout of ['operator-columns', 'half-and-full']) {
      const buffer = await exportOf(id, layout);
      const cells = (await loadGrid(buffer, 'export.xlsx'))[0]!.cells;
      const row = cells.find((r) => r.includes('项目级次'))!;
      expect(row.slice(row.indexOf('项目级次') + 1).find((c) => c !== '')).toBe('市本级');
      // Both layouts hold every target (the operator-columns one under 半年（程） and 全年（程）), so both re-import unchanged.
      expect((await upload(buffer, 'dry-run', 201)).body).toMatchObject({ problems: [], changes: [] });
    }
    const changed = await upload(
      await officeWorkbook([{ tab: '科普', name, department: '市科技局', level: '市级', rows: INDICATORS }]),
      'dry-run',
      201,
    );
    expect(changed.body.changes).toEqual([
      expect.objectContaining({ changes: [{ field: '项目级次', before: '市本级', after: '市级' }] }),
    ]);
  });

  it('reports a changed 实施单位 in the dry run and applies it on commit', async () => {
    const name = '实施单位调整项目';
    await upload(
      await officeWorkbook([
        { tab: '实施', name, department: '市科技局', implementingUnit: '南昌市生产力促进中心', rows: INDICATORS },
      ]),
      'commit',
      201,
    );
    const moved = await officeWorkbook([
      { tab: '实施', name, department: '市科技局', implementingUnit: '南昌市科技创新服务中心', rows: INDICATORS },
    ]);
    const dry = await upload(moved, 'dry-run', 201);
    expect(dry.body.changes).toEqual([
      expect.objectContaining({
        action: 'update',
        changes: [{ field: '实施单位', before: '南昌市生产力促进中心', after: '南昌市科技创新服务中心' }],
      }),
    ]);
    await upload(moved, 'commit', 201);
    const [{ id }] = await projectsNamed(name);
    expect(
      (await api.http().get(`/api/fund-projects/${id}`).set('Authorization', office).expect(200)).body.implementingUnit,
    ).toBe('南昌市科技创新服务中心');
    expect((await upload(moved, 'dry-run', 201)).body.changes).toEqual([]);
  });

  it('says in a warning that a 资金总额 without sources is recorded as 一般公共预算, and refuses sources that do not add up', async () => {
    const name = '只填总额项目';
    const totalOnly = await officeWorkbook([
      { tab: '总额', name, department: '市科技局', amount: '120', totalOnly: true, rows: INDICATORS },
    ]);
    const dry = await upload(totalOnly, 'dry-run', 201);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.warnings).toEqual([
      '总额 第5行 资金总额：表中未填资金来源，资金总额 120.00 万元中 120.00 万元记为一般公共预算',
    ]);

    const uneven = await officeWorkbook([
      { tab: '总额', name, department: '市科技局', amount: '120', rows: INDICATORS },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(uneven as unknown as ArrayBuffer);
    workbook.getWorksheet('总额')!.getCell('C6').value = '100';
    const refused = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'commit', 400);
    expect(refused.body.details).toEqual([
      {
        field: '总额!资金总额:5',
        reason: '资金总额 120.00 万元与资金来源合计 100.00 万元（一般公共预算 100.00）不一致',
      },
    ]);
    expect(await projectsNamed(name)).toEqual([]);
  });

  const exportOf = async (id: string, layout: string): Promise<Buffer> => {
    const res = await api
      .http()
      .get(`/api/fund-projects/${id}/targets.xlsx`)
      .query({ layout })
      .set('Authorization', office)
      .responseType('blob')
      .expect(200);
    return Buffer.from(res.body as ArrayBuffer);
  };

  describe('the office-typed workbook (fixtures/corpus/office-typed-fund-targets.xlsx): three projects with their whole header block', () => {
    const FILE = 'fixtures/corpus/office-typed-fund-targets.xlsx';
    const NAMES = ['科技创新券补助项目', '科技人才引育项目', '科普惠民工程'];
    let file: Buffer;
    const detail = async (name: string) => {
      const [{ id }] = await projectsNamed(name);
      return (await api.http().get(`/api/fund-projects/${id}`).set('Authorization', office).expect(200)).body;
    };
    beforeAll(async () => {
      file = await readFile(FILE);
    });

    it('announces three new projects in the dry run, each with every header field it fills in', async () => {
      const dry = await api
        .http()
        .post('/api/fund-projects/imports/targets')
        .set('Authorization', office)
        .attach('file', file, 'office.xlsx')
        .expect(201);
      expect(dry.body).toMatchObject({ problems: [], warnings: [], summary: { create: 3 + 18, update: 0, remove: 0 } });
      const projects = (dry.body.changes as { label: string; changes: { field: string; after: string }[] }[]).filter(
        (c) => c.label.endsWith('（新项目）'),
      );
      expect(projects.map((p) => p.label)).toEqual(NAMES.map((n) => `2023年 ${n}（新项目）`));
      expect(Object.fromEntries(projects[1]!.changes.map((c) => [c.field, c.after]))).toEqual({
        项目类型: '延续性项目',
        项目级次: '市级',
        开始时间: '2023-01',
        完成时间: '2025-12',
        实施单位: '南昌市科学技术局人才与国际合作处',
        立项必要性: '高层次科技人才和创新团队不足，制约重点产业创新发展。',
        实施可行性: '“双百计划”实施办法已印发，已形成申报、评审、跟踪管理的完整流程。',
        项目实施内容:
          '引进培育高层次科技创新人才和团队，' + '资助青年科技人才开展研究，' + '为引进人才缴纳社会保险补贴。',
        资金总额: '350.00',
        一般公共预算: '300.00',
        政府性基金预算: '0.00',
        财政专户管理资金: '0.00',
        国有资本经营预算: '0.00',
        社会保障基金: '50.00',
        上年结转: '0.00',
        其他资金: '0.00',
        半年计划执行数: '150.00',
        '全年（程）预算数': '350.00',
        中长期目标: '到2025年引进培育高层次科技创新人才团队30个以上。',
        年度目标: '2023年引进高层次人才团队10个，资助青年科技人才100名。',
      });
      expect(await projectsNamed(NAMES[0]!)).toEqual([]);
    });

    it('commits the three projects, and the API shows every header field', async () => {
      const commit = await api
        .http()
        .post('/api/fund-projects/imports/targets')
        .query({ mode: 'commit' })
        .set('Authorization', office)
        .attach('file', file, 'office.xlsx')
        .expect(201);
      expect(commit.body.committed).toBe(true);
      expect(await detail(NAMES[0]!)).toMatchObject({
        ownerUnitName: '南昌市科技局',
        kind: 'recurring',
        kindText: '常年安排项目',
        level: '市本级',
        startYear: 2023,
        endYear: 2023,
        startText: '2023年1月',
        endText: '2023年12月',
        implementingUnit: '南昌市生产力促进中心',
        necessity: '科技型中小企业研发投入不足、购买科技服务成本较高，需要以创新券方式降低企业创新成本。',
        feasibility: '《南昌市科技创新券管理办法》已印发，服务机构库和线上兑付平台已建成运行。',
        implementationContent:
          '一是面向科技型中小企业发放科技创新券；\n' +
          '二是对企业购买检验检测、研发设计等科技服务的费用' +
          '按比例兑付。',
        annualBudget: '500.00',
        generalBudget: '420.00',
        carriedOver: '80.00',
        socialSecurityFunds: '0.00',
        halfYearPlan: '250.00',
        fullYearBudget: '500.00',
        midLongTermGoal: '通过科技创新券降低科技型中小企业的创新成本，引导企业购买科技服务，提升企业创新能力。',
        annualGoal: '2023年发放科技创新券，支持300家以上科技型中小企业购买检验检测、研发设计等科技服务。',
      });
      expect((await detail(NAMES[2]!)).kind).toBe('one_off');
    });

    it('keeps 社会保障基金 as a source of its own, counted in the annual budget', async () => {
      expect(await detail(NAMES[1]!)).toMatchObject({
        socialSecurityFunds: '50.00',
        generalBudget: '300.00',
        otherFunds: '0.00',
        annualBudget: '350.00',
      });
    });

    it('keeps 半年计划执行数 (not 0.00)', async () => {
      expect((await Promise.all(NAMES.map(detail))).map((d) => d.halfYearPlan)).toEqual(['250.00', '150.00', '30.00']);
    });

    it('keeps 开始时间 and 完成时间 as typed, with the years they name (not the table year)', async () => {
      expect(
        (await Promise.all(NAMES.map(detail))).map((d) => [d.startText, d.endText, d.startYear, d.endYear]),
      ).toEqual([
        ['2023年1月', '2023年12月', 2023, 2023],
        ['2023-01', '2025-12', 2023, 2025],
        ['2023年3月1日', '2023年11月30日', 2023, 2023],
      ]);
    });

    it('keeps 项目类型 as typed (常年安排项目, not recurring), the kind beside it', async () => {
      expect((await Promise.all(NAMES.map(detail))).map((d) => [d.kindText, d.kind])).toEqual([
        ['常年安排项目', 'recurring'],
        ['延续性项目', 'recurring'],
        ['一次性项目', 'one_off'],
      ]);
    });

    it('keeps the sources as the 项目资金 block gives them, not all in 一般公共预算', async () => {
      const [voucher, , outreach] = await Promise.all(NAMES.map(detail));
      expect([voucher.generalBudget, voucher.carriedOver, outreach.generalBudget, outreach.otherFunds]).toEqual([
        '420.00',
        '80.00',
        '60.00',
        '20.00',
      ]);
    });

    it('re-imports unchanged', async () => {
      const again = await api
        .http()
        .post('/api/fund-projects/imports/targets')
        .set('Authorization', office)
        .attach('file', file, 'office.xlsx')
        .expect(201);
      expect(again.body).toMatchObject({ problems: [], changes: [], warnings: [] });
    });

    it.each(['operator-columns', 'half-and-full'])(
      'exports each project in the %s layout with the whole block; the export re-imports unchanged with the same cell text',
      async (layout) => {
        const original = readTargetTables(await loadGrid(file, 'office.xlsx'));
        // Amounts come back in 万元 with two decimals (250 typed, 250.00 printed), and 主管部门 as the unit register
        // names it (南昌市科学技术局 is matched to 南昌市科技局, by design); every other cell as typed.
        const asPrinted = (h: TargetTableHeader) => {
          const money = (v: string | null) => (v === null ? null : new Decimal(v).toFixed(2));
          const sources = Object.fromEntries(Object.entries(h.sources).map(([k, v]) => [k, money(v)]));
          return {
            ...h,
            department: undefined,
            amount: money(h.amount),
            halfYearPlan: money(h.halfYearPlan),
            fullYearBudget: money(h.fullYearBudget),
            sources,
          };
        };
        for (const [n, name] of NAMES.entries()) {
          const [{ id }] = await projectsNamed(name);
          const buffer = await exportOf(id, layout);
          const exported = readTargetTables(await loadGrid(buffer, 'export.xlsx'));
          expect(exported.problems).toEqual([]);
          expect(asPrinted(exported.tables[0]!.header)).toEqual(asPrinted(original.tables[n]!.header));
          expect(exported.tables[0]!.header.department).toBe('南昌市科技局');
          const texts = (t: (typeof exported.tables)[number]) =>
            t.indicators.map((i) => [
              i.value.level1,
              i.value.level2,
              i.value.level3,
              i.value.text?.half,
              i.value.text?.full,
            ]);
          expect(texts(exported.tables[0]!)).toEqual(texts(original.tables[n]!));
          const back = await api
            .http()
            .post('/api/fund-projects/imports/targets')
            .set('Authorization', office)
            .attach('file', buffer, 'export.xlsx')
            .expect(201);
          expect(back.body).toMatchObject({ problems: [], changes: [], warnings: [] });
        }
      },
    );
  });
});
