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

  it('refuses templates to those who may not import, and another city’s plan', async () => {
    const liaison = await api.login('gz-kx');
    await template(`/api/plans/${gzPlan}/import-templates/tasks`, liaison).expect(403);
    await template('/api/fund-projects/imports/targets/template.xlsx', liaison).expect(403);
    await template(`/api/plans/${ncPlan}/import-templates/goals`).expect(404);
    await template(`/api/plans/${gzPlan}/import-templates/ledger`).expect(400);
  });
});
