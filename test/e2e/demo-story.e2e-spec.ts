import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoStoryDates } from '../factories/demo-story.js';
import { startApi, type TestApi } from '../setup/api.js';
import { ganzhouPlan } from '../setup/demo-plans.js';

/**
 * The demo tells one story that agrees with its clock. On its spring date (2023-04-10, `npm run demo`)
 * nothing is dated later: the first quarter reported, January and February's fund execution, no
 * actuals, no year-end. Cycles that belong to the end of the year — the year-end assessment and the fund
 * evaluation — are on its year-end date (2024-01-20, `npm run demo -- --date 2024-01-20`).
 */
describe('the demo on its spring date, 2023-04-10', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('dates nothing after its clock, and has no year-end yet', async () => {
    const now = api.clock.now();
    const dates = await demoStoryDates(api.db);
    expect(dates.reportSubmittedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(dates.reportReviewedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(dates.statisticConfirmedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(dates).toMatchObject({
      indicatorMonth: '2023-03',
      executionMonth: '2023-02',
      bulletinQuarters: ['2023-Q1'],
      actuals: 0,
      surveys: 0,
      fundEvaluations: 0,
      assessments: 0,
    });
  });

  it('shows the office no year-end assessment and the fund no evaluation', async () => {
    const office = await api.login('office');
    const plan = await ganzhouPlan(api);
    const yearEnd = await api.http().get(`/api/assessments/of-plan/${plan}`).set('Authorization', office).expect(200);
    expect(yearEnd.body).toEqual([]);
    const ncOffice = await api.login('nc-office');
    const funds = await api.http().get('/api/fund-projects').set('Authorization', ncOffice).expect(200);
    const fund = funds.body.items.find((p: { name: string }) => p.name === '市级科技发展专项资金');
    const evaluation = await api
      .http()
      .get(`/api/fund-projects/${fund.id}/evaluation`)
      .set('Authorization', ncOffice)
      .expect(200);
    expect(evaluation.body.status).toBe('none');
  });
});

describe('the demo on its year-end date, 2024-01-20', () => {
  let api: TestApi;
  let office: string;
  let kjj: string;

  beforeAll(async () => {
    api = await startApi({ demo: 'year-end' });
    office = await api.login('nc-office');
    kjj = await api.login('nc-kjj');
  });
  afterAll(async () => {
    await api.close();
  });

  it('has the whole of 2023: twelve months reported, four bulletins, the year-end open, nothing dated later', async () => {
    const now = api.clock.now();
    const dates = await demoStoryDates(api.db);
    expect(dates.reportSubmittedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(dates.reportReviewedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(dates.statisticConfirmedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(dates).toMatchObject({
      indicatorMonth: '2023-12',
      executionMonth: '2023-12',
      bulletinQuarters: ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'],
      fundEvaluations: 1,
      assessments: 2,
    });
  });

  it('holds the demo fund with its year: the 000 table, twelve months of execution, actuals, a survey and an evaluation', async () => {
    const list = await api.http().get('/api/fund-projects').query({ year: 2023 }).set('Authorization', kjj).expect(200);
    const demo = list.body.items.find((p: { name: string }) => p.name === '市级科技发展专项资金');
    expect(demo).toMatchObject({ annualBudget: '58600.00', ownerUnitName: '南昌市科技局' });
    const indicators = await api
      .http()
      .get(`/api/fund-projects/${demo.id}/indicators`)
      .set('Authorization', kjj)
      .expect(200);
    expect(indicators.body).toHaveLength(61);
    expect(indicators.body[3]).toMatchObject({ level1: '产出指标', level2: '数量指标', fullYearText: '≥360项' });
    const missed = indicators.body.filter((i: { full: { attainment: string } }) => i.full.attainment !== 'met');
    expect(missed.map((i: { level3: string }) => i.level3).sort()).toEqual([
      '新增重大科技项目立项数',
      '规模以上企业升高企数',
    ]);
    const summary = await api
      .http()
      .get(`/api/fund-projects/${demo.id}/execution-summary`)
      .query({ asOf: '2023-12' })
      .set('Authorization', kjj)
      .expect(200);
    expect(summary.body.total).toMatchObject({
      budget: '58600.00',
      received: '58600.00',
      fundingRate: '100.00',
      executionRate: '95.00',
    });
    const evaluation = await api
      .http()
      .get(`/api/fund-projects/${demo.id}/evaluation`)
      .set('Authorization', office)
      .expect(200);
    expect(evaluation.body.complete).toBe(true);
    expect(
      evaluation.body.scheme.criteria.map((c: { name: string; points: number }) => `${c.name}${c.points}`),
    ).toEqual(['决策20', '过程20', '产出30', '效益30']);
    const row = (id: string) => evaluation.body.rows.find((r: { criterionId: string }) => r.criterionId === id);
    expect(row('P1a')).toMatchObject({ score: '4.00', scoreRate: '100.00', reason: '' });
    expect(row('P1b')).toMatchObject({ score: '3.80', reason: '预算执行率95.00%，未全部执行' });
    expect(row('O1').reason).toContain('新增重大科技项目立项数（4个项目因合作单位调整延至2024年立项）');
    expect(row('O1').score).toBe('8.50');
    expect(evaluation.body.grade).toBe('优');
    const xlsx = await api
      .http()
      .get(`/api/fund-projects/${demo.id}/evaluation/report.xlsx`)
      .set('Authorization', kjj)
      .responseType('blob')
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(
      Buffer.from(xlsx.body as ArrayBuffer)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const pdf = await api
      .http()
      .get(`/api/fund-projects/${demo.id}/evaluation/report.pdf`)
      .set('Authorization', kjj)
      .responseType('blob')
      .expect(200);
    expect(
      Buffer.from(pdf.body as ArrayBuffer)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('绩效评价报告'));
  });
});
