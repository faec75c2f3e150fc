import { scoringSettled } from '../setup/year-end-cycle.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { assignedUnits, setAssignmentsActive } from '../factories/plans.js';
import { monthsReportedLate } from '../factories/reporting.js';
import { unitByCode } from '../setup/lookups.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import { keepArtifact, keepPageImages } from '../../libs/assessment/src/render/testing/artifacts.js';
import { inspectDocx } from '../../libs/assessment/src/render/testing/docx-inspect.js';
import { docxToPdf } from '../../libs/assessment/src/render/testing/libreoffice.js';
import { pdfPages } from '../../libs/assessment/src/render/testing/pdf-inspect.js';

/** The year-end cycle of the city departments (附表3-2) through the API, with its role checks. */
describe('year-end assessment', () => {
  let api: TestApi;
  let office: string;
  let plan: string;
  let assessment: string;
  const unit = async (code: string): Promise<string> => (await unitByCode(api.db, code)).id;
  const selfEntries = (score: number) => [
    { criterionId: 'd1.1', input: { satisfied: ['leader', 'section'] } },
    { criterionId: 'd1.2', input: { satisfied: ['plan'] } },
    { criterionId: 'd1.3', input: { score: 4, reason: '每季度召开专题会议' } },
    { criterionId: 'd2', input: { score, reason: '牵头任务均按节点推进' } },
  ];

  beforeAll(async () => {
    api = await startApi({ demo: 'year-end' });
    office = await api.login('office');
    plan = await ganzhouPlan(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('has the demo’s assessments open for self-assessment, one per scheme', async () => {
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${plan}`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(200);
    expect(list.body.map((a: { subjectKind: string; status: string }) => [a.subjectKind, a.status])).toEqual([
      ['county', 'self_assessment'],
      ['department', 'self_assessment'],
    ]);
    const department = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'department');
    assessment = department.id;
    const all = await api.http().get(`/api/assessments/${assessment}/units`).set('Authorization', office).expect(200);
    expect(all.body.length).toBeGreaterThan(20);
    expect(all.body.map((u: { shortName: string }) => u.shortName)).toContain('市科技局');
    const own = await api
      .http()
      .get(`/api/assessments/${assessment}/units`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(200);
    expect(own.body.map((u: { shortName: string }) => u.shortName)).toEqual(['市科技局']);
    await api
      .http()
      .post('/api/assessments')
      .set('Authorization', office)
      .send({ planId: plan, schemeId: department.schemeId })
      .expect(409);
    const quarterly = await api
      .http()
      .get('/api/schemes')
      .query({ kind: 'quarterly' })
      .set('Authorization', office)
      .expect(200);
    const wrongKind = await api
      .http()
      .post('/api/assessments')
      .set('Authorization', office)
      .send({ planId: plan, schemeId: quarterly.body[0].id })
      .expect(400);
    expect(wrongKind.body.details[0].field).toBe('schemeId');
  });

  it('lets a unit self-assess only itself, refusing typed values for platform-fed leaves and bad manual scores', async () => {
    const kjj = await unit('GZ-KJJ');
    const liaison = await api.login('gz-kjj');
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${kjj}/self`)
      .set('Authorization', liaison)
      .send({ entries: selfEntries(65) })
      .expect(200);
    const fed = await api
      .http()
      .put(`/api/assessments/${assessment}/units/${kjj}/self`)
      .set('Authorization', liaison)
      .send({ entries: [{ criterionId: 'd1.4', input: { count: 0 } }] })
      .expect(400);
    expect(fed.body.details[0].reason).toContain('平台数据');
    const tooHigh = await api
      .http()
      .put(`/api/assessments/${assessment}/units/${kjj}/self`)
      .set('Authorization', liaison)
      .send({ entries: [{ criterionId: 'd2', input: { score: 71, reason: 'x' } }] })
      .expect(400);
    expect(tooHigh.body.details[0]).toEqual({ field: 'entries.0.input.score', reason: '须在 0 至 70 之间' });
    const noReason = await api
      .http()
      .put(`/api/assessments/${assessment}/units/${kjj}/self`)
      .set('Authorization', liaison)
      .send({ entries: [{ criterionId: 'd2', input: { score: 60 } }] })
      .expect(400);
    expect(noReason.body.details[0].reason).toContain('理由');
    const gxj = await unit('GZ-GXJ');
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${gxj}/self`)
      .set('Authorization', liaison)
      .send({ entries: selfEntries(60) })
      .expect(403);
    await api
      .http()
      .get(`/api/assessments/${assessment}/units/${kjj}/entries`)
      .set('Authorization', await api.login('gz-gxj'))
      .expect(404);
    const own = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${kjj}/entries`)
      .set('Authorization', liaison)
      .expect(200);
    expect(own.body.self).toHaveLength(4);
  });

  it('refuses approval before the review is complete, and events without evidence', async () => {
    await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await api.login('leader'))
      .expect(409);
    await api
      .http()
      .post(`/api/assessments/${assessment}/review`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(403);
    await api.http().post(`/api/assessments/${assessment}/review`).set('Authorization', office).expect(200);
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${await unit('GZ-KJJ')}/self`)
      .set('Authorization', await api.login('gz-kjj'))
      .send({ entries: selfEntries(50) })
      .expect(409);
    const early = await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await api.login('leader'))
      .expect(409);
    expect(early.body.message).toContain('未完成初审');
    await api
      .http()
      .post(`/api/assessments/${assessment}/events`)
      .set('Authorization', office)
      .send({ unitId: await unit('GZ-KJJ'), kind: 'penalty', itemId: 'nope', evidence: [] })
      .expect(400);
  });

  it('reviews every unit, approves with the late-report leaf taken from the records, locks and publishes', async () => {
    const units = await assignedUnits(api.db, plan, ['department', 'institution', 'enterprise']);
    for (const u of units) {
      const body =
        u.code === 'GZ-KJJ'
          ? {
              acceptSelf: true,
              entries: [
                {
                  criterionId: 'd2',
                  input: { score: 62, reason: '任务17进度滞后' },
                  reason: '任务17进度滞后，酌情扣分',
                },
              ],
            }
          : { entries: selfEntries(55).map((e) => ({ ...e, reason: '办公室核定' })) };
      await api
        .http()
        .put(`/api/assessments/${assessment}/units/${u.id}/review`)
        .set('Authorization', office)
        .send(body)
        .expect(200);
    }
    await api.http().post(`/api/assessments/${assessment}/approve`).set('Authorization', office).expect(403);
    const approved = await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await api.login('leader'))
      .expect(202);
    await scoringSettled(api, assessment);
    expect(approved.body.status).toBe('scoring');
    const results = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', office)
      .expect(200);
    const kjj = results.body.results.find(
      (r: { unitId: string }) => r.unitId === units.find((u) => u.code === 'GZ-KJJ')!.id,
    );
    const late = kjj.leaves.find((l: { criterionId: string }) => l.criterionId === 'd1.4');
    const lateMonths = await monthsReportedLate(api.db, plan, units.find((u) => u.code === 'GZ-KJJ')!.id);
    // One point off per month with a late or missing report: at least the months with a late one.
    const events = Number(late.explanation.inputs.count);
    expect(events).toBeGreaterThanOrEqual(lateMonths);
    expect(late.score).toBe(Math.max(0, 10 - events).toFixed(2));
    expect(kjj.leaves.find((l: { criterionId: string }) => l.criterionId === 'd2').score).toBe('62.00');
    // Competition rank within the tier: one more than the units of its tier with a higher total.
    const sameTier = results.body.results.filter((r: { tier: string }) => r.tier === kjj.tier);
    expect(kjj.rank).toBe(1 + sameTier.filter((r: { total: string }) => Number(r.total) > Number(kjj.total)).length);

    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${units[0]!.id}/review`)
      .set('Authorization', office)
      .send({ acceptSelf: true })
      .expect(409);
    await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(404);
    const published = await api
      .http()
      .post(`/api/assessments/${assessment}/publish`)
      .set('Authorization', office)
      .expect(200);
    expect(published.body.status).toBe('published');
    expect(new Date(published.body.appealUntil).getTime()).toBeGreaterThan(
      new Date('2024-01-26T00:00:00+08:00').getTime(),
    );
    await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(200);
    const explanation = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${units[0]!.id}/explanation`)
      .set('Authorization', await api.login('gz-gxj'))
      .expect(200);
    expect(explanation.body.leaves.map((l: { criterionId: string }) => l.criterionId)).toEqual([
      'd1.1',
      'd1.2',
      'd1.3',
      'd1.4',
      'd2',
    ]);
  });

  it('gives the office the results notice as an editable .docx 公文, with every unit and the appeal deadline', async () => {
    const res = await api
      .http()
      .get(`/api/assessments/${assessment}/notice.docx`)
      .set('Authorization', office)
      .responseType('blob')
      .expect(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const bytes = Buffer.from(res.body as ArrayBuffer);
    const docx = await inspectDocx(bytes);
    const units = await assignedUnits(api.db, plan, ['department', 'institution', 'enterprise']);
    expect(docx.tables).toHaveLength(1);
    expect(docx.tables[0]![0]).toEqual(expect.arrayContaining(['名次', '单位', '总分', '等次', '备注']));
    expect(docx.tables[0]!.length - 1).toBe(units.length);
    // Every criterion column has a score, a top-level leaf (重点任务推进情况) included.
    expect(docx.tables[0]!.slice(1).every((r) => r.slice(2, 4).every((c) => /^\d+\.\d{2}$/.test(c)))).toBe(true);
    const text = docx.paragraphs.join('\n');
    expect(text).toContain('关于2023年度科技创新赋能行动市直单位考评结果的通报');
    expect(text).toMatch(/请于2024年1月\d+日前通过平台提出申诉/);
    expect(text).toContain('一票否决');
    // Opened by another word processor, it prints its pages; kept for the reader of the test run.
    const pdf = await docxToPdf(bytes);
    expect((await pdfPages(pdf))[0]!.text).toContain('考评结果的通报');
    await keepPageImages('year-end-notice', pdf);
    await keepArtifact('documents/year-end-notice.docx', bytes);
    await api
      .http()
      .get(`/api/assessments/${assessment}/notice.docx`)
      .set('Authorization', await api.login('gz-kjj'))
      .expect(403);
    await api
      .http()
      .get(`/api/assessments/${assessment}/notice.docx`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
  });

  it('takes appeals in the window: upheld ones change the result as a new revision', async () => {
    const kjj = await unit('GZ-KJJ');
    const gxj = await unit('GZ-GXJ');
    const liaison = await api.login('gz-kjj');
    const appeal = await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set('Authorization', liaison)
      .send({ unitId: kjj, criterionId: 'd2', reason: '任务17已于12月完成，附验收材料' })
      .expect(201);
    // Filed on the platform's clock, like the window it is judged against (it used to be the database's).
    expect(appeal.body.createdAt).toBe(api.clock.now().toISOString());
    await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set('Authorization', liaison)
      .send({ unitId: kjj, criterionId: 'd2', reason: '再次申诉' })
      .expect(409);
    await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set('Authorization', await api.login('gz-gxj'))
      .send({ unitId: kjj, criterionId: 'd2', reason: 'x' })
      .expect(403);
    const other = await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set('Authorization', await api.login('gz-gxj'))
      .send({ unitId: gxj, criterionId: 'd1.3', reason: '会议纪要漏报' })
      .expect(201);
    expect(
      (await api.http().get(`/api/assessments/${assessment}/appeals`).set('Authorization', liaison).expect(200)).body,
    ).toHaveLength(1);
    await api
      .http()
      .post(`/api/assessments/appeals/${appeal.body.id}/decision`)
      .set('Authorization', liaison)
      .send({ uphold: true, reason: 'x', input: { score: 66, reason: 'x' } })
      .expect(403);
    await api
      .http()
      .post(`/api/assessments/appeals/${appeal.body.id}/decision`)
      .set('Authorization', office)
      .send({ uphold: true, reason: '材料属实' })
      .expect(400);
    const approved = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', office)
      .expect(200);
    const lateLeaf = (body: { results: { unitId: string; leaves: { criterionId: string; score: string }[] }[] }) =>
      body.results.find((r) => r.unitId === gxj)!.leaves.find((l) => l.criterionId === 'd1.4')!.score;
    // The live data behind 市工信局's late-report leaf changes after approval: with no assignments it owes nothing.
    expect(await setAssignmentsActive(api.db, plan, gxj, false)).toBeGreaterThan(0);
    const upheld = await api
      .http()
      .post(`/api/assessments/appeals/${appeal.body.id}/decision`)
      .set('Authorization', office)
      .send({ uphold: true, reason: '验收材料属实', input: { score: 66, reason: '任务17已完成' } })
      .expect(200);
    expect(upheld.body.status).toBe('upheld');
    await scoringSettled(api, assessment);
    // The upheld appeal re-scores from the frozen inputs: only the appealed leaf moved, 市工信局 kept its approved score.
    const afterAppeal = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', office)
      .expect(200);
    expect(lateLeaf(afterAppeal.body)).toBe(lateLeaf(approved.body));
    expect(lateLeaf(approved.body)).not.toBe('10.00');
    await setAssignmentsActive(api.db, plan, gxj, true);
    // Every revision is kept with who made it and why, and the diff names what the appeal changed.
    const revisions = await api
      .http()
      .get(`/api/assessments/${assessment}/revisions`)
      .set('Authorization', await api.login('leader'))
      .expect(200);
    expect(
      revisions.body.map((r: { revision: number; kind: string; reason: string }) => [r.revision, r.kind, r.reason]),
    ).toEqual([
      [1, 'approval', ''],
      [2, 'appeal', '验收材料属实'],
    ]);
    expect(revisions.body[1].createdByName).toContain('领导小组办公室');
    const diff = await api
      .http()
      .get(`/api/assessments/${assessment}/revisions/2/diff`)
      .set('Authorization', office)
      .expect(200);
    const kjjChange = diff.body.units.find((u: { unitId: string }) => u.unitId === kjj);
    expect(kjjChange.leaves).toEqual([
      expect.objectContaining({
        criterionId: 'd2',
        score: { before: '62.00', after: '66.00' },
        input: {
          before: { score: 62, reason: '任务17进度滞后', evidence: [] },
          after: { score: 66, reason: '任务17已完成', evidence: [] },
        },
      }),
    ]);
    expect(
      diff.body.units.every((u: { leaves: { criterionId: string }[] }) =>
        u.leaves.every((l) => l.criterionId === 'd2'),
      ),
    ).toBe(true);
    const frozen = await api
      .http()
      .get(`/api/assessments/${assessment}/revisions/1`)
      .set('Authorization', office)
      .expect(200);
    expect(frozen.body.frozen.inputs).toHaveLength(approved.body.results.length);
    await api.http().get(`/api/assessments/${assessment}/revisions`).set('Authorization', liaison).expect(403);
    await api
      .http()
      .get(`/api/assessments/${assessment}/revisions`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
    await api.http().get(`/api/assessments/${assessment}/revisions/abc`).set('Authorization', office).expect(400);
    await api.http().get(`/api/assessments/${assessment}/revisions/9/diff`).set('Authorization', office).expect(404);
    const rejected = await api
      .http()
      .post(`/api/assessments/appeals/${other.body.id}/decision`)
      .set('Authorization', office)
      .send({ uphold: false, reason: '会议纪要未体现调度内容' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '会议纪要未体现调度内容' });
    const results = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', liaison)
      .expect(200);
    expect(results.body.assessment.revision).toBe(2);
    const mine = results.body.results.find((r: { unitId: string }) => r.unitId === kjj);
    expect(mine.leaves.find((l: { criterionId: string }) => l.criterionId === 'd2').score).toBe('66.00');

    api.travelTo('2024-03-01T09:00:00+08:00');
    await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set('Authorization', await api.login('gz-kjj'))
      .send({ unitId: kjj, criterionId: 'd1.3', reason: '过期' })
      .expect(409);
    office = await api.login('office');
  });

  it('lets only an administrator reopen approved results, with a reason, as a new revision', async () => {
    await api
      .http()
      .post(`/api/assessments/${assessment}/reopen`)
      .set('Authorization', office)
      .send({ reason: '更正' })
      .expect(403);
    const reopened = await api
      .http()
      .post(`/api/assessments/${assessment}/reopen`)
      .set('Authorization', await api.login('admin'))
      .send({ reason: '更正任务17的完成情况' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'review', revision: 3, results: null });
  });
});
