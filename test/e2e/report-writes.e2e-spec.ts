import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEntriesOf } from '../factories/audit.js';
import { userByName } from '../factories/identity.js';
import { reportsAboutAssignment, unreportedAssignmentOf } from '../factories/reporting.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';

type Period = Schema<'ReportingPeriod'>;

/*
 * A report's save and submit write the report and its audit entry in one statement each, without the entity
 * subscriber (reports.service.ts). These specs hold them to what the subscriber writes for every other change,
 * and to the version check that stands in for the row lock they no longer take.
 */
describe('report save and submit: their audit entries and concurrent writers', () => {
  let api: TestApi;
  let april: Period;

  const trail = (reportId: string) => auditEntriesOf(api.db, { entity: 'reports', entityId: reportId });
  const save = (token: string, subjectId: string, body: Record<string, unknown> = {}) =>
    api
      .http()
      .put('/api/reports')
      .set('Authorization', token)
      .send({
        periodId: april.id,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'on_track',
        completionPercent: 40,
        narrative: '按计划推进。',
        ...body,
      });

  beforeAll(async () => {
    api = await startApi();
    const office = await api.login('office');
    const plan = await ganzhouPlan(api);
    const periods: Period[] = (
      await api.http().get(`/api/plans/${plan}/periods`).set('Authorization', office).expect(200)
    ).body;
    april = periods.find((p) => p.month === 4)!;
  });
  afterAll(async () => {
    await api.close();
  });

  it('writes the trail of a save and a submit as the entity subscriber writes a review', async () => {
    const liaison = await api.login('gz-kjj');
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KJJ', april.id);
    const draft = (await save(liaison, subjectId).expect(200)).body;
    const submitted = (
      await api
        .http()
        .post(`/api/reports/${draft.id}/submit`)
        .set('Authorization', liaison)
        .send({ version: 1 })
        .expect(200)
    ).body;
    // The return goes through the repository, so the subscriber writes its entry.
    await api
      .http()
      .post(`/api/reports/${draft.id}/return`)
      .set('Authorization', await api.login('office'))
      .send({ reason: '请补充佐证材料' })
      .expect(200);

    const [created, submission, returned] = await trail(draft.id);
    expect([created, submission, returned].map((e) => e?.action)).toEqual(['create', 'update', 'update']);
    // The row after the submission, as the statement wrote it, is the row the subscriber read before the return.
    expect(submission!.after).toEqual(returned!.before);
    expect(Object.keys(created!.after!).sort()).toEqual(Object.keys(returned!.after!).sort());
    expect(submission!.before).toMatchObject({ status: 'draft', version: 1, completionPercent: '40.00' });
    expect(created!.after).toMatchObject({ id: draft.id, status: 'draft', version: 1, narrative: '按计划推进。' });
    expect(submission!.after).toMatchObject({
      status: 'submitted',
      version: 2,
      submittedAt: submitted.submittedAt,
      firstSubmittedAt: submitted.submittedAt,
      late: false,
      createdAt: draft.createdAt,
    });
    const liaisonId = await userByName(api.db, 'gz-kjj');
    for (const entry of [created!, submission!]) {
      expect(entry.actorUserId).toBe(liaisonId);
      expect(entry.actorName).toBe(created!.actorName);
      expect(entry.actorName).not.toBe('系统');
      expect(entry.requestId).toEqual(expect.any(String));
    }
  });

  it('lets one of two saves of the same version through and tells the other to refresh', async () => {
    const liaison = await api.login('gz-kjj');
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KJJ', april.id);
    const draft = (await save(liaison, subjectId).expect(200)).body;
    const answers = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((who) =>
        save(liaison, subjectId, { version: draft.version, narrative: `${who}的修改` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 200)!.body;
    expect(answers.find((a) => a.status === 409)!.body.message).toBe('报告已被他人修改，请刷新后重试');
    const entries = await trail(draft.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]!.after).toMatchObject({ version: 2, narrative: winner.narrative });
  });

  it('creates a report once when two first saves arrive together', async () => {
    const liaison = await api.login('gz-kjj');
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KJJ', april.id);
    const answers = await Promise.all([save(liaison, subjectId), save(liaison, subjectId), save(liaison, subjectId)]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    // A save that read no report is told another request created it; one that read it, that it needs its version.
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect([
        { status: 409, message: '报告已被他人创建，请刷新后重试' },
        { status: 400, message: '修改已有报告须提供版本号' },
      ]).toContainEqual({ status: refused.status, message: refused.body.message });
    }
    const reports = await reportsAboutAssignment(api.db, april.id, subjectId);
    expect(reports).toHaveLength(1);
    expect((await trail(reports[0]!)).map((e) => e.action)).toEqual(['create']);
  });

  it('submits a report once when two submissions arrive together', async () => {
    const liaison = await api.login('gz-kjj');
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KJJ', april.id);
    const draft = (await save(liaison, subjectId).expect(200)).body;
    const submit = () =>
      api.http().post(`/api/reports/${draft.id}/submit`).set('Authorization', liaison).send({ version: draft.version });
    const answers = await Promise.all([submit(), submit(), submit()]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect((await trail(draft.id)).map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('keeps a save that changes nothing from writing, and its version', async () => {
    const liaison = await api.login('gz-kjj');
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KJJ', april.id);
    const draft = (await save(liaison, subjectId).expect(200)).body;
    const again = (await save(liaison, subjectId, { version: draft.version }).expect(200)).body;
    expect(again.version).toBe(draft.version);
    expect((await trail(draft.id)).map((e) => e.action)).toEqual(['create']);
  });
});
