import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fundEvaluationAudit, publishFundSchemeV2 } from '../factories/fund-evaluation.js';
import { unitByCode } from '../setup/lookups.js';
import { startApi, type TestApi } from '../setup/api.js';

interface TodoRow {
  projectId: string;
  month: number;
  label: string;
  missingSubItems: number;
  dueDate: string;
  daysLeft: number;
  overdue: boolean;
}
interface Row {
  criterionId: string;
  score: string | null;
  reason: string;
}

/**
 * The owning department's monthly fund execution to-do, and a fund evaluation that takes value and
 * target for threshold and shortfall leaves and moves to a newer version of its scheme while a draft.
 * The to-do's clock stands at the demo's spring date, 2023-04-10: January to March have ended, March's
 * figures are due today.
 */
describe('fund execution to-do and the evaluation’s inputs and scheme versions', () => {
  let api: TestApi;
  let office: string;
  let kjj: string;
  let fund: string;
  let subItems: { id: string }[];
  let demoFund: string;

  beforeAll(async () => {
    api = await startApi();
    office = await api.login('nc-office');
    kjj = await api.login('nc-kjj');
    const created = await api
      .http()
      .post('/api/fund-projects')
      .set('Authorization', office)
      .send({
        name: '科技创新券专项资金',
        ownerUnitId: (await unitByCode(api.db, 'NC-KJJ')).id,
        year: 2023,
        generalBudget: '1000',
      })
      .expect(201);
    fund = created.body.id;
    const items = await api
      .http()
      .put(`/api/fund-projects/${fund}/sub-items`)
      .set('Authorization', office)
      .send({
        items: [
          { name: '创新券兑付', budget: '800' },
          { name: '服务机构补助', budget: '200' },
        ],
      })
      .expect(200);
    subItems = items.body.subItems;
    const demo = await api.http().get('/api/fund-projects').set('Authorization', office).expect(200);
    demoFund = demo.body.items.find((p: { name: string }) => p.name === '市级科技发展专项资金').id;
  });
  afterAll(async () => {
    await api.close();
  });

  const record = (subItemId: string, month: string) =>
    api
      .http()
      .post(`/api/fund-projects/${fund}/executions`)
      .set('Authorization', kjj)
      .send({ subItemId, month, received: '10', spent: '5' })
      .expect(201);
  const todo = async (auth: string): Promise<TodoRow[]> =>
    (await api.http().get('/api/fund-projects/todo').set('Authorization', auth).expect(200)).body;
  const ofFund = (rows: TodoRow[]) => rows.filter((r) => r.projectId === fund);

  it('asks the owning department for each ended month not fully entered, due on the 10th of the next month', async () => {
    await record(subItems[0]!.id, '2023-01');
    await record(subItems[1]!.id, '2023-01');
    await record(subItems[0]!.id, '2023-02');
    expect(ofFund(await todo(kjj)).map((r) => [r.label, r.missingSubItems, r.dueDate, r.daysLeft, r.overdue])).toEqual([
      ['专项资金执行填报：科技创新券专项资金 2023年2月', 1, '2023-03-10', -31, true],
      ['专项资金执行填报：科技创新券专项资金 2023年3月', 2, '2023-04-10', 0, false],
    ]);
    // The running month is not asked for; entering the rest clears the list.
    await record(subItems[1]!.id, '2023-02');
    await record(subItems[0]!.id, '2023-03');
    await record(subItems[1]!.id, '2023-03');
    expect(ofFund(await todo(kjj))).toEqual([]);
  });

  it('asks nobody else: another department, a leader, another city', async () => {
    await api
      .http()
      .put(`/api/fund-projects/${fund}/sub-items`)
      .set('Authorization', office)
      .send({
        items: [
          { name: '创新券兑付', budget: '800' },
          { name: '服务机构补助', budget: '150' },
          { name: '绩效评价', budget: '50' },
        ],
      })
      .expect(200);
    expect(ofFund(await todo(kjj))).toHaveLength(3);
    for (const other of ['nc-gxj', 'nc-leader', 'gz-kjj', 'office']) {
      expect(ofFund(await todo(await api.login(other)))).toEqual([]);
    }
    await api.http().get('/api/fund-projects/todo').expect(401);
  });

  it('on the demo’s spring date asks for the demo fund’s March figures, due today, January and February being in', async () => {
    const rows = (await todo(kjj)).filter((r) => r.projectId === demoFund);
    expect(rows.map((r) => [r.month, r.missingSubItems, r.dueDate, r.daysLeft, r.overdue])).toEqual([
      [3, 5, '2023-04-10', 0, false],
    ]);
  });
});

/** The demo fund's evaluation belongs to the end of its year: the demo on its year-end date (2024-01-20). */
describe('the fund evaluation’s inputs and scheme versions', () => {
  let api: TestApi;
  let office: string;
  let kjj: string;
  let demoFund: string;

  beforeAll(async () => {
    api = await startApi({ demo: 'year-end' });
    office = await api.login('nc-office');
    kjj = await api.login('nc-kjj');
    const demo = await api.http().get('/api/fund-projects').set('Authorization', office).expect(200);
    demoFund = demo.body.items.find((p: { name: string }) => p.name === '市级科技发展专项资金').id;
  });
  afterAll(async () => {
    await api.close();
  });

  it('moves a draft evaluation to the newer scheme version only for the office, and audits it', async () => {
    const before = await api
      .http()
      .get(`/api/fund-projects/${demoFund}/evaluation`)
      .set('Authorization', office)
      .expect(200);
    expect(before.body).toMatchObject({ status: 'draft', schemeVersion: 1, newerScheme: null });
    const v2 = await publishFundSchemeV2(api, office);
    const offered = await api
      .http()
      .get(`/api/fund-projects/${demoFund}/evaluation`)
      .set('Authorization', office)
      .expect(200);
    expect(offered.body.newerScheme).toEqual({ id: v2.id, name: expect.any(String), version: 2 });

    const move = (auth: string, schemeId: string) =>
      api
        .http()
        .post(`/api/fund-projects/${demoFund}/evaluation/move-scheme`)
        .set('Authorization', auth)
        .send({ schemeId });
    await move(kjj, v2.id).expect(403);
    await move(await api.login('office'), v2.id).expect(404);
    const stale = await move(office, before.body.schemeId).expect(400);
    expect(stale.body.details).toEqual([{ field: 'schemeId', reason: '应为第2版' }]);
    await move(office, 'not-an-id').expect(400);

    const moved = await move(office, v2.id).expect(201);
    expect(moved.body).toMatchObject({ schemeId: v2.id, schemeVersion: 2, newerScheme: null, complete: false });
    const row = (id: string) => moved.body.rows.find((r: Row) => r.criterionId === id);
    expect(row('P2b')).toMatchObject({ score: null, reason: '缺少评价数据' });
    expect(row('P2c')).toMatchObject({ score: null });
    // Inputs the new version still reads are kept; 制度执行有效性's ticks do not fit a threshold leaf.
    expect(moved.body.evaluatorInputs.D1a).toEqual({ satisfied: ['D1a1', 'D1a2'] });
    expect(moved.body.evaluatorInputs.P2b).toBeUndefined();
    const [audit] = await fundEvaluationAudit(api.db, 'move-scheme');
    expect(audit).toMatchObject({
      reason: '评价方案由第1版更换为第2版',
      actorName: expect.any(String),
      after: expect.objectContaining({ schemeVersion: 2, droppedInputs: ['P2b'] }),
    });
    await move(office, v2.id).expect(400);
  });

  it('takes value and target for threshold and shortfall leaves, refusing malformed input in Chinese', async () => {
    const put = (inputs: Record<string, unknown>) =>
      api.http().put(`/api/fund-projects/${demoFund}/evaluation/inputs`).set('Authorization', office).send({ inputs });
    const bad = await put({ P2b: { value: 'abc' }, P2c: { value: '18', goal: '20' } }).expect(400);
    expect(bad.body.details).toHaveLength(1);
    expect(bad.body.details[0].field).toBe('inputs');
    expect(bad.body.details[0].reason).toMatch(/^P2b：实际值须为数字；P2c：须为 \{satisfied\} 清单/);
    const wrongKind = await put({ P2b: { satisfied: ['x'] } }).expect(400);
    expect(wrongKind.body.details[0].field).toBe('inputs.P2b');

    await put({ P2b: { value: '92', target: '95' }, P2c: { value: 18, target: '20' } }).expect(200);
    const run = await api
      .http()
      .post(`/api/fund-projects/${demoFund}/evaluation/run`)
      .set('Authorization', office)
      .expect(201);
    const row = (id: string): Row => run.body.rows.find((r: Row) => r.criterionId === id);
    expect(run.body.complete).toBe(true);
    expect(row('P2b')).toMatchObject({
      score: '0.00',
      reason: expect.stringMatching(/^扣2分（条件：92 >= 95，未达到/),
    });
    expect(row('P2c')).toMatchObject({
      score: '1.00',
      reason: expect.stringMatching(/^扣1分（.*差距 = 目标 20 − 实际 18 = 2/),
    });
  });

  it('refuses to move a final evaluation', async () => {
    await api
      .http()
      .post(`/api/fund-projects/${demoFund}/evaluation/finalise`)
      .set('Authorization', office)
      .send({ final: true })
      .expect(201);
    const v3 = await publishFundSchemeV2(api, office);
    const view = await api
      .http()
      .get(`/api/fund-projects/${demoFund}/evaluation`)
      .set('Authorization', office)
      .expect(200);
    expect(view.body.newerScheme).toBeNull();
    const refused = await api
      .http()
      .post(`/api/fund-projects/${demoFund}/evaluation/move-scheme`)
      .set('Authorization', office)
      .send({ schemeId: v3.id })
      .expect(409);
    expect(refused.body.message).toBe('评价已定稿，不能更换评价方案版本；如需更换请先撤销定稿');
  });
});
