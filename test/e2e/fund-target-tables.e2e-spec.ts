import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startApi, type TestApi } from '../setup/api.js';

interface OfficeTable {
  tab: string;
  name: string;
  department: string;
  /** 资金总额 in 万元, under the 项目资金 label merged over the sources. */
  amount?: string;
  /** 项目级次, typed beside 主管部门 on its row. */
  level?: string;
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
    sheet.getCell('B6').value = '一般公共预算';
    sheet.getCell('C6').value = table.amount ?? '100';
    field(7, '年度目标', '支持一批科技项目');
    ['一级指标', '二级指标', '三级指标', '半年（程）指标值', '全年（程）指标值'].forEach((h, i) => (sheet.getCell(8, i + 1).value = h));
    table.rows.forEach((cells, i) => cells?.forEach((text, c) => (sheet.getCell(9 + i, c + 1).value = text)));
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
  const unitId = async (code: string): Promise<string> => (await api.db.query(`SELECT id FROM units WHERE code = $1`, [code]))[0].id;
  const projectsNamed = async (name: string) => api.db.query(`SELECT id, owner_unit_id FROM budget_projects WHERE name = $1`, [name]);
  const upload = (file: Buffer, mode: 'dry-run' | 'commit', status: number) =>
    api.http().post('/api/fund-projects/imports/targets').query(mode === 'commit' ? { mode: 'commit' } : {}).set('Authorization', office).attach('file', file, 'targets.xlsx').expect(status);

  beforeAll(async () => {
    api = await startApi({ now: '2023-12-20T10:00:00+08:00' });
    office = await api.login('nc-office');
  });
  afterAll(async () => {
    await api.close();
  });

  it('reports a misspelt 主管部门 of a new project at its own cell, with the closest unit names, and refuses the commit with a 400', async () => {
    const file = await officeWorkbook([{ tab: '科技项目', name: '科技创新券项目', department: '南昌市科枝局', rows: INDICATORS }]);
    const dry = await upload(file, 'dry-run', 201);
    expect(dry.body.problems).toEqual([{ sheet: '科技项目', row: 4, column: '主管部门', message: expect.stringContaining('市科技局') }]);
    const refused = await upload(file, 'commit', 400);
    expect(refused.body.details).toEqual([{ field: '科技项目!主管部门:4', reason: dry.body.problems[0].message }]);
    expect(await projectsNamed('科技创新券项目')).toEqual([]);
  });

  it('reports a changed 主管部门 of an existing project, applies it on commit, and refuses an unknown one', async () => {
    const name = '产业技术攻关项目';
    await upload(await officeWorkbook([{ tab: '攻关', name, department: '南昌市科学技术局', rows: INDICATORS }]), 'commit', 201);
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-KJJ'));

    const moved = await officeWorkbook([{ tab: '攻关', name, department: '市工信局', rows: INDICATORS }]);
    const dry = await upload(moved, 'dry-run', 201);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.changes).toEqual([expect.objectContaining({ action: 'update', changes: [{ field: '主管部门', before: '南昌市科技局', after: '南昌市工信局' }] })]);
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-KJJ'));
    await upload(moved, 'commit', 201);
    expect((await projectsNamed(name))[0].owner_unit_id).toBe(await unitId('NC-GXJ'));

    const misspelt = await officeWorkbook([{ tab: '攻关', name, department: '南昌市工信句', rows: INDICATORS }]);
    const problem = (await upload(misspelt, 'dry-run', 201)).body.problems;
    expect(problem).toEqual([{ sheet: '攻关', row: 4, column: '主管部门', message: expect.stringContaining('市工信局') }]);
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
    const views = (await api.http().get(`/api/fund-projects/${id}/indicators`).set('Authorization', office).expect(200)).body;
    expect(views.map((v: { halfYearText: string; fullYearText: string }) => [v.halfYearText, v.fullYearText])).toEqual([
      ['≥5台、件、套、 项', '≥10台、件、套、 项'],
      ['=10%', '100%'],
    ]);
    // The parsed values still judge attainment.
    expect(views[1].fullYearTarget).toEqual({ kind: 'numeric', operator: '=', value: '100', unit: '%' });

    const exported = async (layout: string) => {
      const res = await api.http().get(`/api/fund-projects/${id}/targets.xlsx`).query({ layout }).set('Authorization', office).responseType('blob').expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      return { buffer: Buffer.from(res.body as ArrayBuffer), sheet: workbook.worksheets[0]! };
    };
    const texts = (sheet: ExcelJS.Worksheet, column: number) => sheet.getColumn(column).values.map((v) => String(v ?? ''));
    const halfAndFull = await exported('half-and-full');
    expect(texts(halfAndFull.sheet, 4)).toEqual(expect.arrayContaining(['≥5台、件、套、 项', '=10%']));
    expect(texts(halfAndFull.sheet, 5)).toEqual(expect.arrayContaining(['≥10台、件、套、 项', '100%']));
    const again = await upload(halfAndFull.buffer, 'dry-run', 201);
    expect(again.body).toMatchObject({ problems: [], changes: [] });
    await upload(halfAndFull.buffer, 'commit', 201);
    const afterReimport = (await api.http().get(`/api/fund-projects/${id}/indicators`).set('Authorization', office).expect(200)).body;
    expect(afterReimport.map((v: { fullYearText: string }) => v.fullYearText)).toEqual(['≥10台、件、套、 项', '100%']);
  });

  it('reports a changed 资金总额 of an existing project in the dry run, applies it on commit, and exports under the form’s title', async () => {
    const name = '资金调整项目';
    await upload(await officeWorkbook([{ tab: '资金', name, department: '市科技局', rows: INDICATORS }]), 'commit', 201);
    const raised = await officeWorkbook([{ tab: '资金', name, department: '市科技局', amount: '150.5', rows: INDICATORS }]);
    const dry = await upload(raised, 'dry-run', 201);
    expect(dry.body.changes).toEqual([expect.objectContaining({ action: 'update', changes: [{ field: '资金总额', before: '100.00', after: '150.5' }] })]);
    await upload(raised, 'commit', 201);
    const [{ id }] = await projectsNamed(name);
    const project = (await api.http().get(`/api/fund-projects/${id}`).set('Authorization', office).expect(200)).body;
    expect(project.annualBudget).toBe('150.50');
    expect((await upload(raised, 'dry-run', 201)).body.changes).toEqual([]);

    for (const layout of ['operator-columns', 'half-and-full']) {
      const res = await api.http().get(`/api/fund-projects/${id}/targets.xlsx`).query({ layout }).set('Authorization', office).responseType('blob').expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      expect(workbook.worksheets[0]!.getCell('A1').value).toBe('项目支出绩效目标表');
    }
  });

  it('keeps 项目级次 as typed (市本级), writes it in both exports and reports a changed one', async () => {
    const name = '市本级科普项目';
    await upload(await officeWorkbook([{ tab: '科普', name, department: '市科技局', level: '市本级', rows: INDICATORS }]), 'commit', 201);
    const [{ id }] = await projectsNamed(name);
    expect((await api.http().get(`/api/fund-projects/${id}`).set('Authorization', office).expect(200)).body.level).toBe('市本级');
    for (const layout of ['operator-columns', 'half-and-full']) {
      const res = await api.http().get(`/api/fund-projects/${id}/targets.xlsx`).query({ layout }).set('Authorization', office).responseType('blob').expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const labelled = sheet.getColumn(1).values.map((v) => String(v ?? '')).indexOf('项目级次');
      expect(labelled).toBeGreaterThan(0);
      expect(sheet.getCell(labelled, 3).value).toBe('市本级');
      // The operator-columns layout holds no half-year targets, so only the other one re-imports unchanged.
      if (layout === 'half-and-full') expect((await upload(Buffer.from(res.body as ArrayBuffer), 'dry-run', 201)).body).toMatchObject({ problems: [], changes: [] });
    }
    const changed = await upload(await officeWorkbook([{ tab: '科普', name, department: '市科技局', level: '市级', rows: INDICATORS }]), 'dry-run', 201);
    expect(changed.body.changes).toEqual([expect.objectContaining({ changes: [{ field: '项目级次', before: '市本级', after: '市级' }] })]);
  });
});
