import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { moveProject, setTaskRemoved } from '../factories/plans.js';
import { one } from '../factories/sql.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';

type ReportForm = Schema<'ReportForm'>;
type Period = Schema<'ReportingPeriod'>;

/** The report form's read: a county's indicator figures and a key project's plan, and who may read them. */
describe('the monthly report form (GET /api/reports/form)', () => {
  let api: TestApi;
  let plan: string;
  let periods: Period[];
  let county: string;
  const april = () => periods.find((p) => p.month === 4)!;

  /** A Ganzhou project of 章贡区 by number (12 has a March report, 13 has none). */
  const project = (number: number) =>
    one<{ id: string; annual: string }>(
      api.db,
      `project ${number}`,
      `SELECT p.id, p.annual_investment::text AS annual FROM projects p WHERE p.plan_id = $1 AND p.number = $2`,
      [plan, number],
    );

  const form = async (user: string, subjectType: string, subjectId: string, status = 200) =>
    (
      await api
        .http()
        .get('/api/reports/form')
        .query({ periodId: april().id, subjectType, subjectId })
        .set('Authorization', await api.login(user))
        .expect(status)
    ).body as ReportForm;

  beforeAll(async () => {
    api = await startApi();
    const office = await api.login('office');
    plan = await ganzhouPlan(api);
    periods = (await api.http().get(`/api/plans/${plan}/periods`).set('Authorization', office).expect(200)).body;
    county = (await unitByCode(api.db, 'GZ-ZGQ')).id;
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.travelTo('2023-04-10T09:00:00+08:00');
  });

  it('lists every indicator the plan assigns to the county: target or 未分解, last month, who enters it', async () => {
    const body = await form('gz-zgq', 'indicators', county);
    expect(body).toMatchObject({
      subjectLabel: '指标数据',
      unitName: '章贡区',
      period: { year: 2023, month: 4, dueDate: '2023-05-05' },
      lateIfSubmittedNow: false,
      report: null,
      project: null,
    });
    expect(new Date(body.now).toISOString()).toBe('2023-04-10T01:00:00.000Z');
    const assigned = await one<{ n: number }>(
      api.db,
      'assignments',
      `SELECT count(*)::int AS n FROM plan_indicators WHERE plan_id = $1 AND unit_id = $2`,
      [plan, county],
    );
    expect(body.indicators).toHaveLength(assigned.n);

    const own = body.indicators.find((r) => r.name === '入库科技型中小企业数')!;
    const march = await one<{ value: string }>(
      api.db,
      'March value',
      `SELECT trim_scale(v.value)::text AS value FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
       WHERE i.name = '入库科技型中小企业数' AND v.unit_id = $1 AND v.year = 2023 AND v.month = 3`,
      [county],
    );
    const target = await one<{ value: string }>(
      api.db,
      'target',
      `SELECT trim_scale(t.value)::text AS value FROM targets t JOIN indicators i ON i.id = t.indicator_id
       WHERE i.name = '入库科技型中小企业数' AND t.unit_id = $1 AND t.year = 2023 AND t.period = 'year'`,
      [county],
    );
    expect(own).toMatchObject({
      unitOfMeasure: '家',
      reporter: 'unit',
      editable: true,
      enteredBy: null,
      thisMonth: null,
      lastMonth: { value: march.value },
      target: { operator: '>=', value: target.value },
    });

    // The statistics are the office's: read-only, named, without a county target (未分解), March confirmed.
    const statistic = body.indicators.find((r) => r.name === '研发支出与地区生产总值之比')!;
    expect(statistic).toMatchObject({
      unitOfMeasure: '%',
      reporter: 'office',
      editable: false,
      enteredBy: '由领导小组办公室填报',
      target: null,
    });
    expect(statistic.lastMonth?.value).toMatch(/^\d+\.\d+$/);
    // The county's own come first.
    expect(body.indicators.slice(0, 2).map((r) => r.reporter)).toEqual(['unit', 'unit']);
  });

  it('shows the month’s value once saved, and a figure the authority confirmed as read-only', async () => {
    const liaison = await api.login('gz-zgq');
    const [a, b] = (await form('gz-zgq', 'indicators', county)).indicators;
    const saved = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april().id,
        subjectType: 'indicators',
        subjectId: county,
        narrative: '四月数据',
        values: [
          { indicatorId: a!.indicatorId, value: '30' },
          { indicatorId: b!.indicatorId, value: '7' },
        ],
      })
      .expect(200);
    await api
      .http()
      .put('/api/indicator-values')
      .set('Authorization', await api.login('office'))
      .send({
        items: [{ indicatorId: b!.indicatorId, unitId: county, year: 2023, month: 4, value: '8', confirm: true }],
      })
      .expect((res) => expect(res.status).toBeLessThan(300));

    const body = await form('gz-zgq', 'indicators', county);
    expect(body.report).toMatchObject({ id: saved.body.id, status: 'draft', narrative: '四月数据' });
    const rowA = body.indicators.find((r) => r.indicatorId === a!.indicatorId)!;
    const rowB = body.indicators.find((r) => r.indicatorId === b!.indicatorId)!;
    expect(rowA).toMatchObject({ editable: true, thisMonth: { value: '30', confirmation: 'reported' } });
    expect(rowB).toMatchObject({ editable: false, thisMonth: { value: '8', confirmation: 'confirmed' } });
  });

  it('gives a project’s annual plan, last month’s investment to date and the 序时进度 expectation (万元)', async () => {
    const p12 = await project(12);
    const march = await one<{ investment: string }>(
      api.db,
      'March report',
      `SELECT r.investment_to_date::text AS investment FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
       WHERE r.subject_id = $1 AND rp.month = 3`,
      [p12.id],
    );
    const body = await form('gz-zgq', 'project', p12.id);
    expect(body.subjectLabel).toMatch(/^项目12 /);
    expect(body.indicators).toEqual([]);
    expect(body.project).toMatchObject({
      number: 12,
      annualInvestment: p12.annual,
      annualYear: 2023,
      lastMonthInvestmentToDate: march.investment,
      // The project runs through 2023: 120 of 365 days by April 30.
      elapsedPercent: '32.88',
      expectedInvestmentToDate: ((Number(p12.annual) * 120) / 365).toFixed(2),
    });
    // A project whose March report is missing has no last month's figure.
    const p13 = await form('gz-zgq', 'project', (await project(13)).id);
    expect(p13.project?.lastMonthInvestmentToDate).toBeNull();
  });

  it('says a submission after the deadline would be 迟报, unless the report was first submitted on time', async () => {
    const liaison = await api.login('gz-zgq');
    const { id: projectId } = await project(12);
    const draft = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({ periodId: april().id, subjectType: 'project', subjectId: projectId, investmentToDate: '4000.00' })
      .expect(200);
    api.travelTo('2023-05-05T17:00:00+08:00');
    expect((await form('gz-zgq', 'project', projectId)).lateIfSubmittedNow).toBe(false);
    api.travelTo('2023-05-05T17:00:01+08:00');
    expect((await form('gz-zgq', 'project', projectId)).lateIfSubmittedNow).toBe(true);

    api.travelTo('2023-05-04T10:00:00+08:00');
    const submitted = await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', await api.login('gz-zgq'))
      .send({ version: draft.body.version })
      .expect(200);
    expect(submitted.body.late).toBe(false);
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/return`)
      .set('Authorization', await api.login('office'))
      .send({ reason: '请补充投资构成' })
      .expect(200);
    api.travelTo('2023-05-08T10:00:00+08:00');
    expect((await form('gz-zgq', 'project', projectId)).lateIfSubmittedNow).toBe(false);
  });

  it('is the unit’s own and the city office’s: another county, a leader and another city are refused', async () => {
    const { id: projectId } = await project(13);
    await form('office', 'indicators', county);
    await form('admin', 'project', projectId);
    for (const user of ['gz-jkq', 'gz-kjj', 'nc-office', 'nc-ncx']) {
      const refused = await api
        .http()
        .get('/api/reports/form')
        .query({ periodId: april().id, subjectType: 'project', subjectId: projectId })
        .set('Authorization', await api.login(user));
      expect([user, refused.status]).toEqual([user, 404]);
    }
    await form('leader', 'indicators', county, 403);
    await api
      .http()
      .get('/api/reports/form')
      .query({ periodId: april().id, subjectType: 'indicators', subjectId: county })
      .expect(401);
    // A subject outside the plan is not a form.
    await form('gz-zgq', 'project', county, 400);
  });

  it('refuses in the form as in a save an item that is not the plan’s: another plan’s, a removed task’s, a unit without indicators', async () => {
    const office = await api.login('office');
    const otherTask = await one<{ id: string }>(
      api.db,
      'an assignment of another plan',
      `SELECT a.id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id <> $1 ORDER BY a.id LIMIT 1`,
      [plan],
    );
    const otherPlan = await one<{ id: string }>(
      api.db,
      'another plan',
      `SELECT id FROM plans WHERE id <> $1 ORDER BY id LIMIT 1`,
      [plan],
    );
    const { id: moved } = await project(13);
    const noIndicators = await one<{ id: string }>(
      api.db,
      'a unit of the city reporting no indicators of the plan',
      `SELECT u.id FROM units u JOIN plans p ON p.city_id = u.city_id AND p.id = $1
       WHERE NOT EXISTS (SELECT 1 FROM plan_indicators pi WHERE pi.plan_id = $1 AND pi.unit_id = u.id AND pi.reporter = 'unit')
       ORDER BY u.path LIMIT 1`,
      [plan],
    );
    const removed = await one<{ id: string; taskId: string }>(
      api.db,
      'an assignment of the plan',
      `SELECT a.id, a.task_id AS "taskId" FROM assignments a JOIN tasks t ON t.id = a.task_id AND t.plan_id = $1
       ORDER BY t.number, a.id LIMIT 1`,
      [plan],
    );
    const items: [string, string, Record<string, unknown>][] = [
      ['assignment', otherTask.id, { completionPercent: 10, narrative: '进展' }],
      ['project', moved, { investmentToDate: '1.00' }],
      ['indicators', noIndicators.id, {}],
      ['assignment', removed.id, { completionPercent: 10, narrative: '进展' }],
    ];
    // The removed task's assignment and the moved project are the plan's until the task is removed and the project
    // moved to another plan.
    await form('office', 'assignment', removed.id);
    await form('office', 'project', moved);
    await setTaskRemoved(api.db, removed.taskId, true);
    await moveProject(api.db, moved, otherPlan.id);
    try {
      for (const [subjectType, subjectId, fields] of items) {
        const read = await api
          .http()
          .get('/api/reports/form')
          .query({ periodId: april().id, subjectType, subjectId })
          .set('Authorization', office);
        const saved = await api
          .http()
          .put('/api/reports')
          .set('Authorization', office)
          .send({ periodId: april().id, subjectType, subjectId, ...fields });
        for (const res of [read, saved])
          expect([subjectType, res.status, res.body.details?.[0]?.field]).toEqual([subjectType, 400, 'subjectId']);
      }
    } finally {
      await setTaskRemoved(api.db, removed.taskId, false);
      await moveProject(api.db, moved, plan);
    }
  });

  it('tells a signed-in user the platform’s time (GET /api/clock)', async () => {
    api.travelTo('2023-05-06T08:30:00+08:00');
    const res = await api
      .http()
      .get('/api/clock')
      .set('Authorization', await api.login('gz-zgq'))
      .expect(200);
    expect(res.body).toEqual({ now: '2023-05-06T00:30:00.000Z', today: '2023-05-06', timeZone: 'Asia/Shanghai' });
    await api.http().get('/api/clock').expect(401);
  });
});
