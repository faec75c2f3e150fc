import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEntriesOf } from '../factories/audit.js';
import { statisticAuditReasons, statisticRead } from '../factories/year-end.js';
import { unitByCode } from '../setup/lookups.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import { countyReview, reviewEveryUnitAndApprove, scoringSettled } from '../setup/year-end-cycle.js';

interface LeafResult {
  criterionId: string;
  score: string | null;
  substituted: boolean;
  explanation: { inputs: Record<string, string> };
}
interface UnitResult {
  unitId: string;
  tier: string;
  total: string;
  rank: number | null;
  leaves: LeafResult[];
}

/**
 * The county year-end after approval: statistics feeding it change only with a reason and move no approved result
 * until a reopened cycle is approved again; leaves the office marks not measurable take the tier average.
 */
describe('year-end: frozen statistics and leaves not measurable', () => {
  let api: TestApi;
  let assessment: string;
  let rongjiang: string;
  let longnan: string;
  const reason = '新区研发经费支出未单独统计';
  /** 附表3-1 item 3, entered and confirmed by the office: 龙南市 is a tier-1 county. */
  const statistic = '高新技术产业增加值占规模以上工业增加值比重';
  const as = (user: string) => api.login(user);
  const results = async (): Promise<UnitResult[]> =>
    (
      await api
        .http()
        .get(`/api/assessments/${assessment}/results`)
        .set('Authorization', await as('office'))
        .expect(200)
    ).body.results;
  const leafOf = (all: UnitResult[], unitId: string, criterionId: string): LeafResult =>
    all.find((r) => r.unitId === unitId)!.leaves.find((l) => l.criterionId === criterionId)!;
  const mark = async (user: string, body: Record<string, unknown>) =>
    api
      .http()
      .put(`/api/assessments/${assessment}/not-measurable`)
      .set('Authorization', await as(user))
      .send(body);
  const marks = async (user: string) =>
    (
      await api
        .http()
        .get(`/api/assessments/${assessment}/not-measurable`)
        .set('Authorization', await as(user))
        .expect(200)
    ).body as { id: string; unitId: string; criterionId: string; reason: string; markedByName: string }[];
  const enter = async (items: Record<string, unknown>[], why?: string) =>
    api
      .http()
      .put('/api/indicator-values')
      .set('Authorization', await as('office'))
      .send({ items, ...(why === undefined ? {} : { reason: why }) });

  beforeAll(async () => {
    api = await startApi({ demo: 'year-end' });
    const plan = await ganzhouPlan(api);
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${plan}`)
      .set('Authorization', await as('office'))
      .expect(200);
    assessment = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'county').id;
    rongjiang = (await unitByCode(api.db, 'GZ-RJXQ')).id;
    longnan = (await unitByCode(api.db, 'GZ-LNS')).id;
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets the office mark a leaf not measurable for a unit, with a reason, audited and removable before approval', async () => {
    const noReason = await mark('office', { unitId: rongjiang, criterionId: 'c1.2', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details).toEqual([{ field: 'reason', reason: '必填' }]);
    const missing = await mark('office', { unitId: rongjiang, criterionId: 'c1.2' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('reason');
    const noLeaf = await mark('office', { unitId: rongjiang, criterionId: 'c9', reason });
    expect(noLeaf.status).toBe(400);
    expect(noLeaf.body.details).toEqual([{ field: 'criterionId', reason: '不是该方案的末级指标' }]);
    const department = await mark('office', {
      unitId: (await unitByCode(api.db, 'GZ-KJJ')).id,
      criterionId: 'c1.2',
      reason,
    });
    expect(department.status).toBe(400);
    expect(department.body.details[0].field).toBe('unitId');
    expect((await mark('gz-rjxq', { unitId: rongjiang, criterionId: 'c1.2', reason })).status).toBe(403);
    expect((await mark('leader', { unitId: rongjiang, criterionId: 'c1.2', reason })).status).toBe(403);
    expect((await mark('nc-office', { unitId: rongjiang, criterionId: 'c1.2', reason })).status).toBe(404);

    const made = await mark('office', { unitId: rongjiang, criterionId: 'c1.2', reason });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ unitId: rongjiang, criterionId: 'c1.2', reason });
    const wrong = await mark('office', { unitId: rongjiang, criterionId: 'c1.4', reason: '误标' });
    expect(wrong.status).toBe(200);
    expect((await marks('leader')).map((x) => x.criterionId).sort()).toEqual(['c1.2', 'c1.4']);
    expect((await marks('gz-rjxq')).map((x) => x.unitId)).toEqual([rongjiang, rongjiang]);
    expect(await marks('gz-zgq')).toEqual([]);
    await api
      .http()
      .delete(`/api/assessments/${assessment}/not-measurable/${wrong.body.id}`)
      .set('Authorization', await as('gz-rjxq'))
      .expect(403);
    await api
      .http()
      .delete(`/api/assessments/${assessment}/not-measurable/${wrong.body.id}`)
      .set('Authorization', await as('office'))
      .expect(204);
    expect((await marks('office')).map((x) => x.criterionId)).toEqual(['c1.2']);
    const trail = await auditEntriesOf(api.db, { entity: 'assessment_not_measurable', entityId: made.body.id });
    expect(trail.map((e) => [e.action, e.after?.['reason']])).toEqual([['create', reason]]);
    expect(
      (await auditEntriesOf(api.db, { entity: 'assessment_not_measurable', entityId: wrong.body.id })).map(
        (e) => e.action,
      ),
    ).toEqual(['create', 'purge']);
  });

  it('scores a marked leaf on the tier average, says so in the explanation, and freezes the marks at approval', async () => {
    const office = await as('office');
    await reviewEveryUnitAndApprove(api, assessment, countyReview);
    const all = await results();
    const tier = all.find((r) => r.unitId === rongjiang)!.tier;
    const others = all.filter((r) => r.tier === tier && r.unitId !== rongjiang);
    expect(others).toHaveLength(5);
    const average = others.reduce((t, r) => t + Number(leafOf(all, r.unitId, 'c1.2').score), 0) / others.length;
    const substituted = leafOf(all, rongjiang, 'c1.2');
    expect(substituted.substituted).toBe(true);
    expect(Number(substituted.score)).toBeCloseTo(average, 2);
    // The unmarked leaves keep 蓉江新区's own statistics.
    expect(leafOf(all, rongjiang, 'c1.3').substituted).toBe(false);
    const explanation = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${rongjiang}/explanation`)
      .set('Authorization', office)
      .expect(200);
    const leaves = explanation.body.leaves as { criterionId: string; note: string | null }[];
    expect(leaves.find((l) => l.criterionId === 'c1.2')!.note).toBe(`不可单独统计：${reason}，按同档平均分计`);
    expect(leaves.find((l) => l.criterionId === 'c1.3')!.note).toBeNull();

    const late = await mark('office', { unitId: rongjiang, criterionId: 'c1.3', reason });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('重新打开');
    const [kept] = await marks('office');
    await api
      .http()
      .delete(`/api/assessments/${assessment}/not-measurable/${kept!.id}`)
      .set('Authorization', office)
      .expect(409);
  });

  it('changes a statistic feeding the approved results only with a reason, moving no result until re-approval', async () => {
    const row = await statisticRead(api.db, 'GZ-LNS', statistic, 2023);
    const approved = await results();
    expect(Number(leafOf(approved, longnan, 'c1.3').explanation.inputs['value'])).toBeCloseTo(Number(row.value), 6);
    const change = (value: string) => ({ ...row, value, confirm: true });

    // Regression: the figure used to change with no reason, and nothing said the approved results did not follow.
    const silent = await enter([change('50.00')]);
    expect(silent.status).toBe(400);
    expect(silent.body.details).toEqual([
      { field: 'reason', reason: '该统计数据已用于审定或公布的年终考评，修改须说明原因' },
    ]);
    expect((await enter([change('50.00')], '  ')).status).toBe(400);
    expect((await statisticRead(api.db, 'GZ-LNS', statistic, 2023)).value).toBe(row.value);
    // The same figure again changes nothing and needs no reason; another city's office may not touch it.
    expect((await enter([change(row.value)])).status).toBe(200);
    const foreign = await api
      .http()
      .put('/api/indicator-values')
      .set('Authorization', await as('nc-office'))
      .send({ items: [change('50.00')], reason: '更正' });
    expect(foreign.status).toBe(403);

    const why = '市统计局更正龙南市高新技术产业增加值口径';
    await enter([change('50.00')], why).then((r) => expect(r.status).toBe(200));
    expect(Number((await statisticRead(api.db, 'GZ-LNS', statistic, 2023)).value)).toBe(50);
    expect(await statisticAuditReasons(api.db, row)).toContain(why);
    // The approved results read their frozen inputs: nothing moved, for 龙南市 or the rest of its tier.
    expect(await results()).toEqual(approved);

    // Reopened, the cycle reads the live statistics again: no reason is asked, and re-approval picks the figure up.
    await api
      .http()
      .post(`/api/assessments/${assessment}/reopen`)
      .set('Authorization', await as('admin'))
      .send({ reason: '统计口径更正后重新审定' })
      .expect(200);
    expect((await enter([change('52.00')])).status).toBe(200);
    await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await as('leader'))
      .expect(202);
    await scoringSettled(api, assessment);
    const reapproved = await results();
    expect(Number(leafOf(reapproved, longnan, 'c1.3').explanation.inputs['value'])).toBe(52);
    expect(leafOf(reapproved, longnan, 'c1.3').score).not.toBe(leafOf(approved, longnan, 'c1.3').score);

    const revisions = await api
      .http()
      .get(`/api/assessments/${assessment}/revisions`)
      .set('Authorization', await as('leader'))
      .expect(200);
    expect(revisions.body.map((r: { revision: number; kind: string }) => [r.revision, r.kind])).toEqual([
      [1, 'approval'],
      [2, 'approval'],
    ]);
    const diff = await api
      .http()
      .get(`/api/assessments/${assessment}/revisions/2/diff`)
      .set('Authorization', await as('office'))
      .expect(200);
    const changed = diff.body.units.find((u: { unitId: string }) => u.unitId === longnan);
    expect(changed.leaves.map((l: { criterionId: string }) => l.criterionId)).toContain('c1.3');
    // Fed by a linear rule within the tier, 龙南市's new figure moves the other tier-1 counties' score on it too.
    expect(
      diff.body.units.filter((u: { leaves: { criterionId: string }[] }) =>
        u.leaves.some((l) => l.criterionId === 'c1.3'),
      ).length,
    ).toBeGreaterThan(1);
    // Approved again, the statistic is frozen again.
    expect((await enter([change('53.00')])).status).toBe(400);
  });
});
