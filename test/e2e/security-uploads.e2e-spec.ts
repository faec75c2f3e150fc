import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startApi, type TestApi } from '../setup/api.js';
import { unitByCode } from '../setup/lookups.js';

/**
 * Hostile spreadsheets through the API: a file beyond the reader's limits is refused at once with
 * 413 while the API goes on answering, a refused request never gets the file read, and a cell
 * that would have reached PostgreSQL with U+0000 is a 400 naming the cell.
 */

/** The outside tester's 1.6 KB file: A1 and XFD40000. Read as a dense grid it ran the API out of memory. */
async function farCellWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.getCell('A1').value = '三级指标';
  sheet.getCell('XFD40000').value = 1;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('hostile uploads', () => {
  let api: TestApi;
  let far: Buffer;
  let fund: string;
  let gzPlan: string;
  let kjj: string;
  const unit = async (code: string): Promise<string> => (await unitByCode(api.db, code)).id;

  /** A user made by an admin, signed in. */
  const account = async (admin: string, roles: string[], unitCode: string): Promise<string> => {
    const username = `u${randomUUID().slice(0, 8)}`;
    await api
      .http()
      .post('/api/users')
      .set('Authorization', await api.login(admin))
      .send({ username, password: 'Secret2023', displayName: '测试账号', unitId: await unit(unitCode), roles })
      .expect(201);
    return api.login(username, 'Secret2023');
  };

  const actuals = (project: string, file: Buffer, token: string, mode: 'dry-run' | 'commit' = 'dry-run') =>
    api
      .http()
      .post(`/api/fund-projects/${project}/imports/actuals`)
      .query({ period: 'full', mode })
      .set('Authorization', token)
      .attach('file', file, 'actuals.xlsx');
  const tasks = (plan: string, file: Buffer, token: string) =>
    api
      .http()
      .post(`/api/plans/${plan}/imports/tasks`)
      .query({ mode: 'dry-run' })
      .set('Authorization', token)
      .attach('file', file, 'tasks.xlsx');

  /** The request's response and how long it took, with /health asked while it runs and once after. */
  const timed = async <T>(request: PromiseLike<T>): Promise<{ res: T; ms: number; healthMs: number }> => {
    const started = performance.now();
    const health = api
      .http()
      .get('/health')
      .then((r) => {
        expect(r.status).toBe(200);
        return performance.now() - started;
      });
    const res = await request;
    const ms = performance.now() - started;
    const during = await health;
    const after = performance.now();
    await api.http().get('/health').expect(200);
    return { res, ms, healthMs: Math.max(during, performance.now() - after) };
  };

  beforeAll(async () => {
    api = await startApi({ now: '2023-12-20T10:00:00+08:00' });
    far = await farCellWorkbook();
    kjj = await api.login('nc-kjj');
    const list = await api.http().get('/api/fund-projects').query({ year: 2023 }).set('Authorization', kjj).expect(200);
    fund = list.body.items.find((p: { name: string }) => p.name === '市级科技发展专项资金').id;
    const plans = await api
      .http()
      .get('/api/plans')
      .set('Authorization', await api.login('office'))
      .expect(200);
    gzPlan = plans.body.items.find((p: { docNumber: string }) => p.docNumber === '赣市科赋字〔2023〕1号').id;
  });
  afterAll(async () => {
    await api.close();
  });

  describe('special-fund actuals', () => {
    it('refuses the XFD40000 workbook from the owning liaison with 413 within a second, /health answering meanwhile', async () => {
      expect(far.length).toBeLessThan(8 * 1024);
      await actuals(fund, far, kjj); // the first upload of a process compiles the reader
      const { res, ms, healthMs } = await timed(actuals(fund, far, kjj));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({
        statusCode: 413,
        message: '工作表“Sheet1”超过 256 列上限（XFD40000 有内容）',
        details: [{ field: 'file' }],
      });
      expect(ms).toBeLessThan(1000);
      expect(healthMs).toBeLessThan(1000);
    });

    // Read first, the file would have answered 413: a 404 or 403 shows it was never read.
    it('answers a project that does not exist with 404 without reading the file', async () => {
      const res = await actuals(randomUUID(), far, kjj).expect(404);
      expect(res.body.message).toBe('预算项目不存在');
    });

    it('hides the project from another department’s liaison (404), refuses a city reader who may not report (403), reads no file', async () => {
      await actuals(fund, far, await api.login('nc-gxj')).expect(404);
      const res = await actuals(fund, far, await account('nc-admin', ['leader', 'liaison'], 'NC-GXJ')).expect(403);
      expect(res.body.message).toBe('只有主管部门或办公室可以填报专项资金执行情况');
    });

    it('still imports the filled-in template, and names the cell that holds a control character instead of failing in PostgreSQL', async () => {
      const template = await api
        .http()
        .get(`/api/fund-projects/${fund}/actuals-template.xlsx`)
        .set('Authorization', kjj)
        .responseType('blob')
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.body as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const header = sheet.getRows(1, 12)!.find((row) => (row.values as unknown[]).includes('实际完成值'))!;
      const column = (name: string) => (header.values as unknown[]).indexOf(name);
      const first = sheet.getRow(header.number + 1);
      first.getCell(column('实际完成值')).value = first
        .getCell(column('全年目标值'))
        .text.replace(/^[≥≤＝=＞＜><]/, '');
      const clean = Buffer.from(await workbook.xlsx.writeBuffer());
      const dry = await actuals(fund, clean, kjj).expect(201);
      expect(dry.body.problems).toEqual([]);

      first.getCell(column('偏离原因')).value = '资金_x0000_延迟到位';
      const dirty = Buffer.from(await workbook.xlsx.writeBuffer());
      const ref = `${sheet.name}!${first.getCell(column('偏离原因')).address}`;
      const refused = await actuals(fund, dirty, kjj, 'commit').expect(400);
      expect(refused.body).toMatchObject({
        message: `单元格 ${ref} 含有不可见的控制字符（U+0000），请删除后重新上传`,
        details: [{ field: ref }],
      });
    });
  });

  describe('plan task-list import', () => {
    it('refuses the XFD40000 workbook from the office with 413 within a second, /health answering meanwhile', async () => {
      const { res, ms, healthMs } = await timed(tasks(gzPlan, far, await api.login('office')));
      expect(res.status).toBe(413);
      expect(res.body.message).toContain('超过 256 列上限');
      expect(ms).toBeLessThan(1000);
      expect(healthMs).toBeLessThan(1000);
    });

    it('answers with 404 or 403 without reading the file: no such plan, another city’s plan, an office outside the plan’s scope, a liaison', async () => {
      await tasks(randomUUID(), far, await api.login('office')).expect(404);
      await tasks(gzPlan, far, await api.login('nc-office')).expect(404);
      const outOfScope = await tasks(gzPlan, far, await account('admin', ['office'], 'GZ-KJJ')).expect(403);
      expect(outOfScope.body.message).toBe('该方案不在您的管理范围内');
      await tasks(gzPlan, far, await api.login('gz-kjj')).expect(403);
    });
  });
});
