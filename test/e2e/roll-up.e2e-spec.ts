import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lateReportMonths } from '@app/assessment';
import { storedNotifications } from '../factories/notifications.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';

type Counts = { onTime: number; late: number; missing: number };

/** The roll-up rule: a county-level assessment unit's figures include every unit in its subtree. */
describe('one roll-up rule for a county and the units under it', () => {
  let api: TestApi;
  let office: string;
  let plan: string;
  let county: string;
  let committee: string;

  beforeAll(async () => {
    api = await startApi();
    office = await api.login('office');
    plan = await ganzhouPlan(api);
    county = (await unitByCode(api.db, 'GZ-GXQ')).id;
    committee = (await unitByCode(api.db, 'GZ-GXQ-GXGWH')).id;
  });
  afterAll(async () => {
    await api.close();
  });

  async function history(unitId: string): Promise<Schema<'ExpectedReport'>[]> {
    const res = await api
      .http()
      .get(`/api/plans/${plan}/units/${unitId}/history`)
      .set('Authorization', office)
      .expect(200);
    return res.body as Schema<'ExpectedReport'>[];
  }

  /** A unit's own Q1 reports by timeliness, from its history. */
  async function ownQ1(unitId: string): Promise<Counts> {
    const q1 = (await history(unitId)).filter((r) => r.year === 2023 && r.month <= 3);
    const count = (t: string) => q1.filter((r) => r.timeliness === t).length;
    return { onTime: count('on_time'), late: count('late'), missing: count('missing') };
  }

  it('counts 赣州高新区管委会 with 赣县区（赣州高新区） alike in the ranking, the late list, the matrix and the year-end input', async () => {
    const own = await ownQ1(county);
    const sub = await ownQ1(committee);
    // The committee has Q1 reports of its own, some of them late or missing: otherwise nothing is tested.
    expect(sub.late + sub.missing).toBeGreaterThan(0);
    const whole: Counts = {
      onTime: own.onTime + sub.onTime,
      late: own.late + sub.late,
      missing: own.missing + sub.missing,
    };

    const list = await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office).expect(200);
    const q1 = (list.body as { id: string; quarterKey: string }[]).find((b) => b.quarterKey === '2023-Q1');
    const bulletin = await api.http().get(`/api/bulletins/${q1!.id}`).set('Authorization', office).expect(200);
    const snapshot = (bulletin.body as Schema<'StoredBulletin'>).snapshot;

    // The ranking's timeliness leaf.
    const ranked = (snapshot.inputs as Record<string, { reports: Counts }>)[county]!.reports;
    expect(ranked).toEqual(whole);

    // The bulletin's late list: one row for the county, naming the sub-unit whose reports it holds.
    const lateRows = snapshot.lateUnits.filter((u) => u.unitName.includes('赣县区') || u.unitName.includes('高新区'));
    expect(lateRows.map((u) => [u.unitName, u.late, u.missing])).toEqual([
      ['赣县区（赣州高新区）（含赣州高新区管委会）', whole.late, whole.missing],
    ]);

    // The completeness matrix: the county's row holds the committee's reports; the committee has no row of its own.
    const matrix = await api
      .http()
      .get(`/api/plans/${plan}/completeness`)
      .query({ year: 2023 })
      .set('Authorization', office)
      .expect(200);
    const rows = (matrix.body as Schema<'CompletenessMatrix'>).rows;
    expect(rows.some((r) => r.unitId === committee)).toBe(false);
    const row = rows.find((r) => r.unitId === county)!;
    expect(row.unitName).toBe('赣县区（赣州高新区）（含赣州高新区管委会）');
    const cells = Object.entries(row.cells as Record<string, Counts & { status: string }>);
    const inQ1 = cells.filter(([month]) => Number(month) <= 3).map(([, cell]) => cell);
    expect({
      onTime: inQ1.reduce((s, c) => s + c.onTime, 0),
      late: inQ1.reduce((s, c) => s + c.late, 0),
      missing: inQ1.reduce((s, c) => s + c.missing, 0),
    }).toEqual(whole);

    // The year-end late-report input (附表3-2's occurrences): the months the matrix shows late or missing.
    const months = await lateReportMonths(api.db.manager, plan, 2023, [county], api.clock.now());
    const lateMonths = cells.filter(([, c]) => c.status === 'late' || c.status === 'missing').map(([m]) => Number(m));
    expect(lateMonths.length).toBeGreaterThan(0);
    expect([...(months.get(county) ?? [])].sort((a, b) => a - b)).toEqual(lateMonths.sort((a, b) => a - b));
  });

  it('chases the sub-unit when the office chases the county’s row of the matrix', async () => {
    const missing = (await history(committee)).find((r) => r.timeliness === 'missing' && r.outstanding);
    expect(missing).toBeDefined();
    const res = await api
      .http()
      .post('/api/notifications/chase')
      .set('Authorization', office)
      .send({ periodId: missing!.periodId, unitIds: [county] })
      .expect(201);
    const sent = await storedNotifications(api.db, { periodId: missing!.periodId, manual: true });
    const reached = sent.some((n) => n.unit_id === committee) || res.body.unreachableUnits.includes('赣州高新区管委会');
    expect(reached).toBe(true);
  });
});
