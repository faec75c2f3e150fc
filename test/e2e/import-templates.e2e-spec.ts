import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { ganzhouPlan, nanchangPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';

/** Every cell text of a workbook's first sheet, row by row (merged cells once, at their master). */
async function sheetText(buffer: ArrayBuffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((cell) => {
      if (!cell.isMerged || cell.master.address === cell.address) cells.push(cell.text);
    });
    rows.push(cells);
  });
  return rows;
}

describe('import templates', () => {
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

  const template = (path: string, token = office) =>
    api.http().get(path).set('Authorization', token).responseType('blob');

  it('gives each plan import an empty workbook with the headers the import reads', async () => {
    const expected: Record<string, string[]> = {
      tasks: ['序号', '具体任务及要求', '牵头单位', '责任单位', '联络员'],
      projects: ['序号', '项目名称'],
      goals: ['序号', '指标名称', '2022年', '2023年'],
    };
    for (const [kind, headers] of Object.entries(expected)) {
      const res = await template(`/api/plans/${gzPlan}/import-templates/${kind}`).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(decodeURIComponent(res.headers['content-disposition'] ?? '')).toContain('模板');
      const rows = await sheetText(res.body as ArrayBuffer);
      const header = rows.find((r) => r[0] === '序号');
      expect({ kind, header: header?.filter((h) => headers.includes(h)) }).toEqual({ kind, header: headers });
      // Nothing below the header: a template holds no data.
      expect(
        rows.slice(rows.indexOf(header!) + 1).filter((r) => r.some((c) => /\d{2,}|\p{Script=Han}{6,}/u.test(c))),
      ).toEqual([]);
    }
  });

  it('imports a filled-in task template back with no problem', async () => {
    const res = await template(`/api/plans/${gzPlan}/import-templates/tasks`).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let header = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text === '序号') header = n;
    });
    expect(header).toBeGreaterThan(0);
    sheet.mergeCells(header + 1, 1, header + 1, 5);
    sheet.getCell(header + 1, 1).value = '（八）推进科技成果转化';
    sheet.getRow(header + 2).values = [
      30,
      '建设科技成果转化平台。建成市级科技成果转移转化服务平台1个。',
      '市科技局',
      '市发展改革委',
      '',
    ];
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = await api
      .http()
      .post(`/api/plans/${gzPlan}/imports/tasks`)
      .query({ mode: 'dry-run' })
      .set('Authorization', office)
      .attach('file', filled, '任务清单（模板）.xlsx')
      .expect(201);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.changes).toEqual([
      expect.objectContaining({ key: '30', action: 'create', label: '任务30：建设科技成果转化平台' }),
    ]);
  });

  it('gives the fund target import an empty target table', async () => {
    const res = await template('/api/fund-projects/imports/targets/template.xlsx').expect(200);
    const text = (await sheetText(res.body as ArrayBuffer)).flat();
    for (const label of ['项目名称', '主管部门', '一级指标', '二级指标', '三级指标']) expect(text).toContain(label);
  });

  it('imports a filled-in fund target template back: the office fills the labelled cells and two indicators', async () => {
    const res = await template('/api/fund-projects/imports/targets/template.xlsx', await api.login('nc-office')).expect(
      200,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    // Each value goes in the cell after its label, wherever the template puts it (as a person fills it in).
    const fill = (label: string, value: string | number) => {
      let done = false;
      sheet.eachRow((row) =>
        row.eachCell((cell, col) => {
          if (done || (cell.isMerged && cell.master.address !== cell.address) || cell.text !== label) return;
          let next = col + 1;
          while (row.getCell(next).isMerged && row.getCell(next).master.address === cell.address) next++;
          row.getCell(next).value = value;
          done = true;
        }),
      );
      if (!done) throw new Error(`the template has no ${label}`);
    };
    fill('项目名称', '科技成果转化引导专项资金');
    fill('主管部门', '南昌市科学技术局');
    fill('实施单位', '南昌市科学技术局');
    fill('资金总额', 300);
    fill('一般公共预算', 300);
    fill('全年（程）预算数', 300);
    fill('年度目标', '支持科技成果在昌转化');
    let header = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text === '序号') header = n;
    });
    expect(header).toBeGreaterThan(0);
    // Two header rows (指标值 over 计算符号 / 目标值 / 单位), then the indicators.
    sheet.getRow(header + 2).values = [1, '产出指标', '数量指标', '支持转化项目数', '', '', '', '≥', 20, '项'];
    sheet.getRow(header + 3).values = [2, '效益指标', '经济效益指标', '带动技术合同成交额', '', '', '', '≥', 5, '亿元'];
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const ncOffice = await api.login('nc-office');
    const dry = await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .query({ year: 2023 })
      .set('Authorization', ncOffice)
      .attach('file', filled, '项目支出绩效目标表（模板）.xlsx')
      .expect(201);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.changes.map((c: { label: string }) => c.label)).toEqual(
      expect.arrayContaining([expect.stringContaining('科技成果转化引导专项资金')]),
    );
    const commit = await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .query({ mode: 'commit', year: 2023 })
      .set('Authorization', ncOffice)
      .attach('file', filled, '项目支出绩效目标表（模板）.xlsx')
      .expect(201);
    expect(commit.body.committed).toBe(true);
    const funds = await api.http().get('/api/fund-projects').set('Authorization', ncOffice).expect(200);
    const fund = funds.body.items.find((p: { name: string }) => p.name === '科技成果转化引导专项资金');
    expect(fund).toMatchObject({ annualBudget: '300.00' });
    const indicators = await api
      .http()
      .get(`/api/fund-projects/${fund.id}/indicators`)
      .set('Authorization', ncOffice)
      .expect(200);
    expect(
      indicators.body.map((i: { level3: string; fullYearText: string }) => `${i.level3} ${i.fullYearText}`),
    ).toEqual(['支持转化项目数 ≥20项', '带动技术合同成交额 ≥5亿元']);
  });

  it('names units and liaisons in the task import preview, never by their ids', async () => {
    // The plan's own task list as the office downloads it, with one more responsible unit for task 1.
    const res = await template(`/api/plans/${gzPlan}/exports/tasks`).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let column = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell, col) => {
        if (cell.text === '责任单位') column = col;
      }),
    );
    expect(column).toBeGreaterThan(0);
    let edited = false;
    sheet.eachRow((row) => {
      // Task 1 may span rows (one per liaison) with merged cells: edit its cell once.
      if (edited || row.getCell(1).text !== '1') return;
      edited = true;
      const cell = row.getCell(column);
      expect(cell.text).not.toContain('市农业农村局');
      cell.value = cell.text ? `${cell.text}、市农业农村局` : '市农业农村局';
    });
    const dry = await api
      .http()
      .post(`/api/plans/${gzPlan}/imports/tasks`)
      .query({ mode: 'dry-run' })
      .set('Authorization', office)
      .attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), '任务清单.xlsx')
      .expect(201);
    const change = dry.body.changes.find((c: { key: string }) => c.key === '1');
    const assignments = change.changes.find((c: { field: string }) => c.field === 'assignments');
    expect(assignments.after).toEqual(expect.arrayContaining(['牵头：市科技局', '责任：市农业农村局']));
    expect(assignments.before).not.toContain('责任：市农业农村局');
    expect(JSON.stringify(change.changes)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('refuses templates to those who may not import, and another city’s plan', async () => {
    const liaison = await api.login('gz-kx');
    await template(`/api/plans/${gzPlan}/import-templates/tasks`, liaison).expect(403);
    await template('/api/fund-projects/imports/targets/template.xlsx', liaison).expect(403);
    await template(`/api/plans/${ncPlan}/import-templates/goals`).expect(404);
    await template(`/api/plans/${gzPlan}/import-templates/ledger`).expect(400);
  });
});
