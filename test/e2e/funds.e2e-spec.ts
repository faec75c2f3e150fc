import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { notificationMails } from '../factories/notifications.js';
import { rowCount } from '../factories/tables.js';
import { unitByCode } from '../setup/lookups.js';
import { startApi, type TestApi } from '../setup/api.js';

const FIXTURES = path.resolve(process.cwd(), 'fixtures');

/**
 * Special funds through the API: a budget project with sub-items, its performance target table
 * imported from the office's spreadsheet, monthly execution, actuals, the evaluation and its report.
 */
describe('special funds', () => {
  let api: TestApi;
  let office: string;
  let kjj: string;
  let project: string;
  let subItems: { id: string; name: string }[];
  const unit = async (code: string): Promise<string> => (await unitByCode(api.db, code)).id;
  const count = (table: string): Promise<number> => rowCount(api.db, table);

  beforeAll(async () => {
    api = await startApi({ now: '2023-12-20T10:00:00+08:00' });
    office = await api.login('nc-office');
    kjj = await api.login('nc-kjj');
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates a budget project whose budget is the sum of its sources, and refuses bad input', async () => {
    const owner = await unit('NC-KJJ');
    const created = await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', office)
      .send({
        name: '科技创新券专项资金',
        ownerUnitId: owner,
        year: 2023,
        generalBudget: '1000.50',
        carriedOver: '199.50',
        halfYearPlan: '600',
      })
      .expect(201);
    project = created.body.id;
    expect(created.body).toMatchObject({
      annualBudget: '1200.00',
      generalBudget: '1000.50',
      carriedOver: '199.50',
      ownerUnitName: '南昌市科技局',
      kind: 'recurring',
    });

    const bad = await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', office)
      .send({ name: 'x', ownerUnitId: owner, year: 2023, generalBudget: '12.345' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('generalBudget');
    const foreign = await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', office)
      .send({ name: 'x', ownerUnitId: await unit('GZ-KJJ'), year: 2023 })
      .expect(400);
    expect(foreign.body.details[0].field).toBe('ownerUnitId');
    await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', office)
      .send({ name: '科技创新券专项资金', ownerUnitId: owner, year: 2023 })
      .expect(409);
    await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', kjj)
      .send({ name: 'y', ownerUnitId: owner, year: 2023 })
      .expect(403);
  });

  it('keeps sub-item budgets within the fund', async () => {
    const before = await count('budget_sub_items');
    const tooMuch = await api
      .http()
      .put(`/api/fund-projects/${project}/sub-items`)
      .set('Authorization', office)
      .send({
        items: [
          { name: '创新券兑付', budget: '1000' },
          { name: '服务机构补助', budget: '300' },
        ],
      })
      .expect(400);
    expect(tooMuch.body.message).toContain('超过项目预算');
    // Refused whole: not one sub-item written.
    expect(await count('budget_sub_items')).toBe(before);
    const ok = await api
      .http()
      .put(`/api/fund-projects/${project}/sub-items`)
      .set('Authorization', office)
      .send({
        items: [
          { name: '创新券兑付', budget: '1000', halfYearPlan: '500' },
          { name: '服务机构补助', budget: '200', halfYearPlan: '100' },
        ],
      })
      .expect(200);
    subItems = ok.body.subItems;
    expect(subItems.map((s) => s.name)).toEqual(['创新券兑付', '服务机构补助']);
  });

  it('records monthly execution, computes both rates against the time-elapsed plan, and refuses unexplained overspending', async () => {
    const [voucher, service] = subItems;
    const record = (body: object, auth = kjj) =>
      api.http().post(`/api/fund-projects/${project}/executions`).set('Authorization', auth).send(body);
    await record({ subItemId: voucher!.id, month: '2023-02', received: '600', spent: '200' }).expect(201);
    await record({ subItemId: voucher!.id, month: '2023-05', received: '0', spent: '250' }).expect(201);
    await record({ subItemId: service!.id, month: '2023-03', received: '200', spent: '20' }).expect(201);

    const before = await count('fund_executions');
    const over = await record({ subItemId: service!.id, month: '2023-06', received: '0', spent: '190' }).expect(400);
    expect(over.body.details[0].field).toBe('advanceReason');
    expect(over.body.message).toContain('累计支出 210.00 万元超过累计到位 200.00 万元');
    expect(await count('fund_executions')).toBe(before);
    await record({
      subItemId: service!.id,
      month: '2023-06',
      received: '0',
      spent: '190',
      advanceReason: '年中先行垫付，7月资金到位',
    }).expect(201);
    await record({ subItemId: voucher!.id, month: '2024-01', received: '1', spent: '0' }).expect(400);
    await record({ subItemId: voucher!.id, month: '2023-13', received: '1', spent: '0' }).expect(400);

    const summary = await api
      .http()
      .get(`/api/fund-projects/${project}/execution-summary`)
      .query({ asOf: '2023-06' })
      .set('Authorization', office)
      .expect(200);
    expect(summary.body.total).toMatchObject({
      budget: '1200.00',
      received: '800.00',
      spent: '660.00',
      fundingRate: '66.67',
      executionRate: '82.50',
      expectedSpent: '600.00',
      lagging: false,
    });
    expect(summary.body.subItems[0]).toMatchObject({
      name: '创新券兑付',
      spent: '450.00',
      expectedSpent: '500.00',
      lagging: true,
    });
    expect(summary.body.elapsedShare).toBe('50.00');
  });

  it('hides a fund from other departments and lets only its owner or the office report', async () => {
    const other = await api.login('nc-gxj');
    await api.http().get(`/api/fund-projects/${project}`).set('Authorization', other).expect(404);
    await api
      .http()
      .post(`/api/fund-projects/${project}/executions`)
      .set('Authorization', other)
      .send({ subItemId: subItems[0]!.id, month: '2023-07', received: '1', spent: '0' })
      .expect(404);
    const list = await api.http().get('/api/fund-projects').set('Authorization', other).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(project);
    await api
      .http()
      .get(`/api/fund-projects/${project}`)
      .set('Authorization', await api.login('office'))
      .expect(404);
    await api
      .http()
      .get(`/api/fund-projects/${project}`)
      .set('Authorization', await api.login('nc-leader'))
      .expect(200);
    await api
      .http()
      .patch(`/api/fund-projects/${project}`)
      .set('Authorization', kjj)
      .send({ version: 1, name: 'z' })
      .expect(403);
  });

  it('imports target tables from both layouts with a dry run, reporting every bad row and writing nothing', async () => {
    const file = await readFile(path.join(FIXTURES, 'nanchang-2023-fund-targets-half-year.xlsx'));
    const dry = await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .set('Authorization', office)
      .attach('file', file, 'targets.xlsx')
      .expect(201);
    expect(dry.body).toMatchObject({ dryRun: true, committed: false, problems: [] });
    expect(dry.body.changes.filter((c: { label: string }) => c.label.endsWith('（新项目）'))).toHaveLength(2);
    const before = await count('performance_indicators');
    const commit = await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .query({ mode: 'commit' })
      .set('Authorization', office)
      .attach('file', file, 'targets.xlsx')
      .expect(201);
    expect(commit.body.committed).toBe(true);
    const created = await count('performance_indicators');
    expect(created).toBeGreaterThan(before);
    const again = await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .query({ mode: 'commit' })
      .set('Authorization', office)
      .attach('file', file, 'targets.xlsx')
      .expect(201);
    expect(again.body.summary).toMatchObject({ create: 0, update: 0, remove: 0 });

    const csv = [
      '序号,一级指标,二级指标,三级指标,计算符号,目标值,单位',
      '1,产出指标,数量指标,支持项目数,≥,abc,项',
      '2,,,项目验收合格率,＝,100,个',
      '3,,,,＝,5,项',
    ].join('\n');
    const bad = await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .query({ mode: 'commit' })
      .set('Authorization', office)
      .attach('file', Buffer.from(`项目名称：坏表\n${csv}`), 'bad.csv')
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/:3$/),
        expect.stringMatching(/:4$/),
        expect.stringMatching(/:5$/),
      ]),
    );
    expect(await count('performance_indicators')).toBe(created);
    await api
      .http()
      .post('/api/fund-projects/imports/targets')
      .set('Authorization', office)
      .attach('file', Buffer.from([0, 1, 2, 3]), 'x.xlsx')
      .expect(400);
  });

  it('keeps targets and actuals in the indicator’s unit and states attainment', async () => {
    const [demo] = (
      await api.http().get('/api/fund-projects').query({ year: 2023 }).set('Authorization', office).expect(200)
    ).body.items.filter((p: { name: string }) => p.name === '市级科技发展专项资金');
    const indicators = (
      await api.http().get(`/api/fund-projects/${demo.id}/indicators`).set('Authorization', office).expect(200)
    ).body;
    const count4 = indicators[3];
    const wrongUnit = await api
      .http()
      .patch(`/api/fund-projects/${demo.id}/indicators/${count4.id}`)
      .set('Authorization', office)
      .send({ fullYear: '≥360个' })
      .expect(400);
    expect(wrongUnit.body.details[0]).toMatchObject({ field: 'fullYear' });
    expect(wrongUnit.body.message).toContain('不一致');
    await api
      .http()
      .patch(`/api/fund-projects/${demo.id}/indicators/${count4.id}`)
      .set('Authorization', office)
      .send({ halfYear: '≥180项' })
      .expect(200);
    const badActual = await api
      .http()
      .put(`/api/fund-projects/${demo.id}/indicators/${count4.id}/actual`)
      .set('Authorization', kjj)
      .send({ period: 'half', text: '200个' })
      .expect(400);
    expect(badActual.body.details[0].field).toBe('text');
    const half = await api
      .http()
      .put(`/api/fund-projects/${demo.id}/indicators/${count4.id}/actual`)
      .set('Authorization', kjj)
      .send({ period: 'half', text: '150项', deviationReason: '上半年受理集中在二季度末' })
      .expect(200);
    expect(half.body.half).toMatchObject({
      text: '150项',
      value: '150',
      attainment: 'partly_met',
      deviationReason: '上半年受理集中在二季度末',
    });
    await api
      .http()
      .put(`/api/fund-projects/${demo.id}/indicators/${count4.id}/actual`)
      .set('Authorization', await api.login('nc-gxj'))
      .send({ period: 'half', text: '150项' })
      .expect(404);
  });

  it('reminds the owning department once when spending lags the time-elapsed plan', async () => {
    const { FundRemindersService } = await import('@app/funds');
    const { InboxRepository, NotificationsRepository, ScheduleRunsRepository } = await import('@app/notifications');
    const { AppEnv, Clock } = await import('@app/config');
    const { getDataSourceToken } = await import('@nestjs/typeorm');
    const reminders = new FundRemindersService(
      api.app.get(getDataSourceToken(), { strict: false }),
      api.app.get(ScheduleRunsRepository, { strict: false }),
      api.app.get(NotificationsRepository, { strict: false }),
      api.app.get(InboxRepository, { strict: false }),
      api.app.get(Clock, { strict: false }),
      api.app.get(AppEnv, { strict: false }),
    );
    api.travelTo('2023-07-10T09:30:00+08:00');
    const first = await reminders.run();
    expect(first.month).toBe('2023-06');
    expect(first.lagging).toBeGreaterThanOrEqual(1);
    const rows = await notificationMails(api.db, 'fund_lag');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.subject).toContain('执行进度落后于序时进度');
    const second = await reminders.run();
    expect(second.notifications).toBe(0);
  });
});
