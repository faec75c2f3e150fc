import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { unitsOfCity } from '../factories/organisation.js';
import { projectElapsedShare } from '@app/domain';
import { planByDocNumber, projectSpan, tasksInHand } from '../factories/plans.js';
import { latestCompletion, reportAbout, setReportStatus } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';

type Report = Schema<'LaggingReport'>;
type Item = Report['items'][number];

/** The lagging list (滞后清单) of the Ganzhou plan on the demo date, 2023-04-10: figures to the end of March. */
describe('the lagging list', () => {
  let api: TestApi;
  let plan: string;

  const get = async (who: string, query: Record<string, string | number> = {}, status = 200) =>
    (
      await api
        .http()
        .get(`/api/plans/${plan}/lagging`)
        .query(query)
        .set('Authorization', await api.login(who))
        .expect(status)
    ).body as Report;

  beforeAll(async () => {
    api = await startApi();
    plan = await planByDocNumber(api.db, '赣市科赋字');
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists tasks, indicators and projects behind the time-elapsed line as of the end of last month', async () => {
    const report = await get('leader');
    expect(report).toMatchObject({ year: 2023, month: 3, asOf: '2023-03-31' });
    const kinds = new Set(report.items.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['indicator', 'project', 'task']);
    for (const item of report.items) {
      expect(item.lagging).toBe(true);
      expect(Number(item.ratio)).toBeLessThan(0.8);
      expect(item.light).toBe(Number(item.ratio) < 0.5 ? 'red' : 'yellow');
      expect(item.shortfallUnit).toBe(item.kind === 'project' ? '万元' : '百分点');
    }
    // Red before yellow, the worst first.
    const order = report.items.map((i) => (i.light === 'red' ? 0 : 1) + Number(i.ratio));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('takes each figure from the latest report not returned, against the 序时进度 of 31 March', async () => {
    const report = await get('office', { kind: 'task' });
    const item = report.items.find((i) => i.actual !== null)!;
    const latest = (await latestCompletion(api.db, item.subjectId, 2023, 3))!;
    expect(Number(item.actual)).toBe(Number(latest.completion));
    expect(item.reportedMonth).toBe(latest.month);
    // No milestones on the demo's tasks: 90 of 365 days elapsed by 31 March.
    expect(item.expected).toBe('24.66');
    expect(Number(item.shortfall)).toBeCloseTo((90 / 365) * 100 - Number(item.actual), 2);

    const projects = (await get('office', { kind: 'project' })).items;
    expect(projects.length).toBeGreaterThan(0);
    const project = projects[0]!;
    expect(project.measure).toBe('万元');
    // The project's own months of the year, by days: the line its report form shows (32.88 % of a whole-year
    // project by 30 April), not a month count.
    const share = projectElapsedShare(await projectSpan(api.db, project.subjectId), 2023, 3);
    expect(Number(project.expected)).toBeCloseTo(Number(project.target) * share.toNumber(), 2);
    expect(Number(project.shortfall)).toBeCloseTo(Number(project.expected) - Number(project.actual ?? 0), 2);
  });

  it('stops counting a report once it is returned', async () => {
    const item = (await get('office', { kind: 'task' })).items.find((i) => i.actual !== null && i.reportedMonth === 3)!;
    const report = await reportAbout(api.db, item.subjectId, 2023, 3);
    await setReportStatus(api.db, report, 'returned', '补充');
    try {
      const again = (await get('office', { kind: 'task' })).items.find((i) => i.subjectId === item.subjectId);
      expect(again?.reportedMonth ?? null).not.toBe(3);
    } finally {
      await setReportStatus(api.db, report, 'accepted');
    }
  });

  it('filters by kind, light, tier and county, and counts the plan’s tasks by state', async () => {
    const all = await get('office');
    const { taskStates } = all;
    expect(taskStates.done + taskStates.onTrack + taskStates.lagging).toBe(taskStates.total);
    expect(taskStates.lights.red + taskStates.lights.yellow + taskStates.lights.green).toBe(taskStates.total);
    expect(taskStates.lagging).toBe(taskStates.lights.red + taskStates.lights.yellow);
    expect(taskStates.total).toBe(await tasksInHand(api.db, plan));
    const laggingTasks = new Set(all.items.filter((i) => i.kind === 'task').map((i) => i.taskId));
    expect(taskStates.lagging).toBe(laggingTasks.size);

    const red = await get('office', { light: 'red' });
    expect(red.items.length).toBe(all.items.filter((i) => i.light === 'red').length);
    const tier1 = await get('office', { tier: 1 });
    expect(tier1.items.length).toBeGreaterThan(0);
    expect(tier1.items.every((i) => i.tier === 1)).toBe(true);
    const city = await get('office', { tier: 0 });
    expect(city.items.every((i: Item) => i.countyId === null)).toBe(true);
    const zgq = await unitByCode(api.db, 'GZ-ZGQ');
    const county = await get('office', { unitId: zgq.id });
    expect(county.items.length).toBeGreaterThan(0);
    expect(county.items.every((i) => i.countyId === zgq.id)).toBe(true);
    expect(county.taskStates.total).toBeLessThan(taskStates.total);
  });

  it('exports the filtered list to xlsx, each figure with its unit', async () => {
    const report = await get('leader', { kind: 'project' });
    const res = await api
      .http()
      .get(`/api/plans/${plan}/lagging.xlsx`)
      .query({ kind: 'project' })
      .set('Authorization', await api.login('leader'))
      .responseType('blob')
      .expect(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2023年3月滞后清单.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.getWorksheet('滞后清单')!;
    expect(String(sheet.getCell('A1').value)).toContain('截至2023年3月底');
    expect(sheet.getRow(2).getCell(10).value).toBe('差距');
    expect(sheet.rowCount).toBe(report.items.length + 2);
    const first = report.items[0]!;
    const row = sheet.getRow(3);
    expect(row.getCell(2).value).toBe('项目');
    expect(row.getCell(3).value).toBe(first.label);
    expect(row.getCell(8).value).toBe(Number(first.expected));
    expect(row.getCell(9).value).toBe('万元');
    expect(row.getCell(10).value).toBe(Number(first.shortfall));
    expect(row.getCell(11).value).toBe('万元');
    expect(row.getCell(12).value).toBe(first.light === 'red' ? '红灯' : '黄灯');
  });

  it('is for the office and leaders of the plan’s city only', async () => {
    await get('gz-kjj', {}, 403);
    await get('gz-zgq', {}, 403);
    await api
      .http()
      .get(`/api/plans/${plan}/lagging.xlsx`)
      .set('Authorization', await api.login('gz-zgq'))
      .expect(403);
    // Another city's office neither reads Ganzhou's list nor finds a Ganzhou unit in its own.
    await get('nc-office', {}, 404);
    await api
      .http()
      .get(`/api/plans/${plan}/lagging.xlsx`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
    const ncPlans = await api
      .http()
      .get('/api/plans')
      .set('Authorization', await api.login('nc-office'))
      .expect(200);
    const { cityId } = await unitByCode(api.db, 'GZ-ZGQ');
    const gzUnits = new Set(await unitsOfCity(api.db, cityId));
    for (const p of ncPlans.body.items as { id: string }[]) {
      const res = await api
        .http()
        .get(`/api/plans/${p.id}/lagging`)
        .set('Authorization', await api.login('nc-office'));
      if (res.status !== 200) continue;
      expect((res.body as Report).items.filter((i) => gzUnits.has(i.unitId))).toEqual([]);
    }
  });
});
