import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { assignmentOf, indicatorByName } from '../factories/plans.js';
import { reportCount, reportsInStatus, unreportedAssignmentOf } from '../factories/reporting.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import { unitByCode } from '../setup/lookups.js';
import type { Schema } from '../setup/api-schema.js';

type Period = Schema<'ReportingPeriod'>;

describe('monthly reporting', () => {
  let api: TestApi;
  let office: string;
  let plan: string;
  let periods: Period[];
  const april = () => periods.find((p) => p.month === 4)!;
  const march = () => periods.find((p) => p.month === 3)!;

  /** The assignment of a unit (by code) in a task (by number). */
  const assignment = (code: string, task: number): Promise<string> => assignmentOf(api.db, code, task);

  beforeAll(async () => {
    api = await startApi();
    office = await api.login('office');
    plan = await ganzhouPlan(api);
    periods = (await api.http().get(`/api/plans/${plan}/periods`).set('Authorization', office).expect(200)).body;
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    api.travelTo('2023-04-10T09:00:00+08:00');
    office = await api.login('office');
  });

  it('opens twelve monthly periods with deadlines moved off weekends and holidays', () => {
    expect(periods).toHaveLength(12);
    const due = periods.map((p) => new Date(p.deadline).toISOString());
    expect(due.slice(0, 4)).toEqual([
      '2023-02-06T09:00:00.000Z',
      '2023-03-06T09:00:00.000Z',
      '2023-04-06T09:00:00.000Z',
      '2023-05-05T09:00:00.000Z',
    ]);
    expect(new Date(periods[8]!.deadline).toISOString()).toBe('2023-10-07T09:00:00.000Z');
  });

  it('walks a report from draft to acceptance through a return, stamping lateness once', async () => {
    const liaison = await api.login('gz-kx');
    const subjectId = await assignment('GZ-KX', 28);
    const todo = await api.http().get('/api/reporting/todo').set('Authorization', liaison).expect(200);
    expect(
      todo.body.some(
        (t: { subjectId: string; month: number; daysLeft: number }) =>
          t.subjectId === subjectId && t.month === 4 && t.daysLeft === 25,
      ),
    ).toBe(true);

    const draft = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'on_track',
        completionPercent: 30,
        narrative: '已组织校企对接活动两场。',
      })
      .expect(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      version: 1,
      unitName: '市科协',
      subjectLabel: expect.stringContaining('任务28'),
    });
    const stale = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({ periodId: april().id, subjectType: 'assignment', subjectId, version: 7, narrative: 'x' })
      .expect(409);
    expect(stale.body.details[0].field).toBe('version');

    api.travelTo('2023-05-06T10:00:00+08:00');
    const liaisonLater = await api.login('gz-kx');
    const officeLater = await api.login('office');
    const submitted = await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaisonLater)
      .send({ version: 1 })
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', late: true });
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaisonLater)
      .send({ version: submitted.body.version })
      .expect(409);

    const returned = await api
      .http()
      .post(`/api/reports/${draft.body.id}/return`)
      .set('Authorization', officeLater)
      .send({ reason: '请补充活动成效数据' })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnedReason: '请补充活动成效数据' });
    const inTodo = await api.http().get('/api/reporting/todo').set('Authorization', liaisonLater).expect(200);
    // Returned reports come first, with their reason.
    const firstOthers = inTodo.body.findIndex((t: { status: string | null }) => t.status !== 'returned');
    const returnedItems = inTodo.body.slice(0, firstOthers === -1 ? undefined : firstOthers);
    expect(returnedItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reportId: draft.body.id, status: 'returned', returnedReason: '请补充活动成效数据' }),
      ]),
    );
    expect(
      inTodo.body.slice(returnedItems.length).every((t: { status: string | null }) => t.status !== 'returned'),
    ).toBe(true);

    const fixed = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaisonLater)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        version: returned.body.version,
        narrative: '已组织校企对接活动两场，签约项目5个。',
      })
      .expect(200);
    const resubmitted = await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaisonLater)
      .send({ version: fixed.body.version })
      .expect(200);
    expect(resubmitted.body).toMatchObject({
      status: 'submitted',
      late: true,
      firstSubmittedAt: submitted.body.firstSubmittedAt,
    });
    await api.http().post(`/api/reports/${draft.body.id}/accept`).set('Authorization', liaisonLater).expect(403);
    const accepted = await api
      .http()
      .post(`/api/reports/${draft.body.id}/accept`)
      .set('Authorization', officeLater)
      .expect(200);
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaisonLater)
      .send({ version: accepted.body.version })
      .expect(409);
    await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaisonLater)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        version: accepted.body.version,
        narrative: '改',
      })
      .expect(409);
    const reopened = await api
      .http()
      .post(`/api/reports/${draft.body.id}/reopen`)
      .set('Authorization', officeLater)
      .send({ reason: '数据口径有误' })
      .expect(200);
    expect(reopened.body.status).toBe('returned');

    const trail = await api
      .http()
      .get('/api/audit')
      .query({ entity: 'reports', entityId: draft.body.id })
      .set('Authorization', await api.login('admin'))
      .expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'update',
      'update',
      'update',
      'update',
      'update',
      'update',
      'create',
    ]);
    expect(trail.body.items[0]).toMatchObject({ reason: '数据口径有误' });
    api.travelTo('2023-04-10T09:00:00+08:00');
  });

  it('counts a returned report as not reported until it comes back, then as its first submission was', async () => {
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-SWJ', april().id);
    const unit = await unitByCode(api.db, 'GZ-SWJ');
    api.travelTo('2023-04-20T10:00:00+08:00');
    const liaison = await api.login('gz-swj');
    const draft = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'on_track',
        completionPercent: 40,
        narrative: '按计划推进。',
      })
      .expect(200);
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaison)
      .send({ version: draft.body.version })
      .expect(200);
    const returned = await api
      .http()
      .post(`/api/reports/${draft.body.id}/return`)
      .set('Authorization', await api.login('office'))
      .send({ reason: '请补充具体工作内容' })
      .expect(200);

    // After April's deadline (05-05) the returned report is owed like one never sent: missing, not on time.
    api.travelTo('2023-05-08T10:00:00+08:00');
    const officeLater = await api.login('office');
    const rowOf = async () => {
      const history = await api
        .http()
        .get(`/api/plans/${plan}/units/${unit.id}/history`)
        .set('Authorization', officeLater)
        .expect(200);
      return history.body.find((h: { subjectId: string; month: number }) => h.subjectId === subjectId && h.month === 4);
    };
    expect(await rowOf()).toMatchObject({
      status: 'returned',
      timeliness: 'missing',
      outstanding: true,
      firstLate: false,
    });
    const owed = await api
      .http()
      .get(`/api/plans/${plan}/outstanding`)
      .query({ periodId: april().id })
      .set('Authorization', officeLater)
      .expect(200);
    expect(owed.body.filter((o: { subjectId: string }) => o.subjectId === subjectId)).toHaveLength(1);
    const matrix = await api
      .http()
      .get(`/api/plans/${plan}/completeness`)
      .query({ year: 2023 })
      .set('Authorization', officeLater)
      .expect(200);
    const row = matrix.body.rows.find((r: { unitId: string }) => r.unitId === unit.id);
    expect(row.cells[4].status).toBe('missing');

    // Resubmitted after the deadline, it keeps the on-time stamp of its first submission.
    const liaisonLater = await api.login('gz-swj');
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaisonLater)
      .send({ version: returned.body.version })
      .expect(200);
    expect(await rowOf()).toMatchObject({ status: 'submitted', timeliness: 'on_time', outstanding: false });
    api.travelTo('2023-04-10T09:00:00+08:00');
  });

  it('keeps evidence private to those who may read the report', async () => {
    const liaison = await api.login('gz-gxj');
    const subjectId = await unreportedAssignmentOf(api.db, 'GZ-GXJ', april().id);
    const draft = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'at_risk',
        completionPercent: 20,
        narrative: '推进技改项目。',
      })
      .expect(200);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    const withFile = await api
      .http()
      .post(`/api/reports/${draft.body.id}/evidence`)
      .set('Authorization', liaison)
      .attach('file', pdf, '技改项目清单.pdf')
      .expect(201);
    expect(withFile.body.evidence).toEqual([expect.objectContaining({ filename: '技改项目清单.pdf' })]);
    const sha = withFile.body.evidence[0].sha256;
    const own = await api
      .http()
      .get(`/api/reports/${draft.body.id}/evidence/${sha}`)
      .set('Authorization', liaison)
      .responseType('blob')
      .expect(200);
    expect(Buffer.from(own.body as ArrayBuffer).equals(pdf)).toBe(true);
    await api.http().get(`/api/reports/${draft.body.id}/evidence/${sha}`).set('Authorization', office).expect(200);
    await api
      .http()
      .get(`/api/reports/${draft.body.id}/evidence/${sha}`)
      .set('Authorization', await api.login('gz-zgq'))
      .expect(404);
    await api
      .http()
      .get(`/api/reports/${draft.body.id}`)
      .set('Authorization', await api.login('gz-zgq'))
      .expect(404);

    const exe = await api
      .http()
      .post(`/api/reports/${draft.body.id}/evidence`)
      .set('Authorization', liaison)
      .attach('file', Buffer.from('MZ\x90\x00'), 'tool.exe')
      .expect(400);
    expect(exe.body.message).toContain('不支持的附件类型');
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/evidence`)
      .set('Authorization', liaison)
      .attach('file', Buffer.from('not a pdf'), 'fake.pdf')
      .expect(400);
    await api
      .http()
      .post(`/api/reports/${draft.body.id}/evidence`)
      .set('Authorization', liaison)
      .attach('file', Buffer.alloc(21 * 1024 * 1024, 1), 'big.pdf')
      .expect(413);
  });

  it('answers bad input with a clear 4xx and changes nothing', async () => {
    const liaison = await api.login('gz-kx');
    const mine = await assignment('GZ-KX', 29);
    const count = () => reportCount(api.db);
    const before = await count();
    const percent = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({ periodId: april().id, subjectType: 'assignment', subjectId: mine, completionPercent: 120 })
      .expect(400);
    expect(percent.body.details[0]).toEqual({ field: 'completionPercent', reason: '超出最大值（100）' });
    const others = await assignment('GZ-KJJ', 1);
    await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({ periodId: april().id, subjectType: 'assignment', subjectId: others, narrative: 'x' })
      .expect(403);
    const county = await api.login('gz-zgq');
    const zgq = (await unitByCode(api.db, 'GZ-ZGQ')).id;
    const rd = await indicatorByName(api.db, '研发支出与地区生产总值之比');
    const notAssigned = await api
      .http()
      .put('/api/reports')
      .set('Authorization', county)
      .send({
        periodId: april().id,
        subjectType: 'indicators',
        subjectId: zgq,
        values: [{ indicatorId: rd, value: '1.2' }],
      })
      .expect(400);
    expect(notAssigned.body.details[0]).toEqual({ field: 'values.0.indicatorId', reason: '该指标未分配给本单位填报' });
    const future = periods.find((p) => p.month === 6)!;
    await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({ periodId: future.id, subjectType: 'assignment', subjectId: mine, narrative: 'x' })
      .expect(409);
    const incomplete = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({ periodId: april().id, subjectType: 'assignment', subjectId: mine, narrative: '' })
      .expect(200);
    const refused = await api
      .http()
      .post(`/api/reports/${incomplete.body.id}/submit`)
      .set('Authorization', liaison)
      .send({ version: 1 })
      .expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual([
      'progressStatus',
      'completionPercent',
      'narrative',
    ]);
    expect(await count()).toBe(before + 1);
    const rule = await api
      .http()
      .put(`/api/plans/${plan}/deadline-rule`)
      .set('Authorization', office)
      .send({ dayOfFollowingMonth: 31 })
      .expect(400);
    expect(rule.body.details[0].field).toBe('dayOfFollowingMonth');
  });

  it('closes entry after the configured days and lets the office reopen it for one unit', async () => {
    await api
      .http()
      .put(`/api/plans/${plan}/deadline-rule`)
      .set('Authorization', office)
      .send({ dayOfFollowingMonth: 5, time: '17:00', moveToNextWorkingDay: true, closeAfterDays: 2 })
      .expect(200);
    const after = (await api.http().get(`/api/plans/${plan}/periods`).set('Authorization', office)).body as Period[];
    // March is past its deadline: its close does not move; April's is recomputed.
    expect(after.find((p) => p.month === 3)!.closesAt).toBeNull();
    expect(new Date(after.find((p) => p.month === 4)!.closesAt!).toISOString()).toBe('2023-05-07T09:00:00.000Z');
    api.travelTo('2023-05-08T09:00:00+08:00');
    const liaison = await api.login('gz-lyj');
    const officeLater = await api.login('office');
    const subjectId = await assignment('GZ-LYJ', 19);
    const closed = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'on_track',
        completionPercent: 35,
        narrative: '补报',
      })
      .expect(409);
    expect(closed.body.message).toContain('已截止');
    const lyj = (await unitByCode(api.db, 'GZ-LYJ')).id;
    await api
      .http()
      .post(`/api/periods/${april().id}/exceptions`)
      .set('Authorization', liaison)
      .send({ unitId: lyj, reason: '系统故障', openUntil: '2023-05-10T17:00:00+08:00' })
      .expect(403);
    await api
      .http()
      .post(`/api/periods/${april().id}/exceptions`)
      .set('Authorization', officeLater)
      .send({ unitId: lyj, reason: '系统故障补报', openUntil: '2023-05-10T17:00:00+08:00' })
      .expect(201);
    const draft = await api
      .http()
      .put('/api/reports')
      .set('Authorization', liaison)
      .send({
        periodId: april().id,
        subjectType: 'assignment',
        subjectId,
        progressStatus: 'on_track',
        completionPercent: 35,
        narrative: '补报',
      })
      .expect(200);
    const late = await api
      .http()
      .post(`/api/reports/${draft.body.id}/submit`)
      .set('Authorization', liaison)
      .send({ version: draft.body.version })
      .expect(200);
    expect(late.body.late).toBe(true);
    api.travelTo('2023-04-10T09:00:00+08:00');
  });

  it('shows the office who is on time, late or missing, and what lags', async () => {
    const matrix = await api
      .http()
      .get(`/api/plans/${plan}/completeness`)
      .query({ year: 2023 })
      .set('Authorization', office)
      .expect(200);
    expect(matrix.body.months).toEqual([1, 2, 3, 4]);
    const statuses = new Set(
      matrix.body.rows.flatMap((r: { cells: Record<string, { status: string }> }) =>
        Object.values(r.cells).map((c) => c.status),
      ),
    );
    expect([...statuses].sort()).toEqual(['late', 'missing', 'on_time', 'pending']);
    // The plan rate is the share of unit × month cells (pending ones left out) that are on time.
    const cells = matrix.body.rows
      .flatMap((r: { cells: Record<string, { status: string }> }) => Object.values(r.cells))
      .filter((c: { status: string }) => c.status !== 'pending');
    const onTime = cells.filter((c: { status: string }) => c.status === 'on_time').length;
    expect(matrix.body.planRate).toBe(((onTime * 100) / cells.length).toFixed(2));
    expect(onTime).toBeGreaterThan(0);
    expect(onTime).toBeLessThan(cells.length);
    const kx = matrix.body.rows.find((r: { unitName: string }) => r.unitName === '市科协');
    expect(kx.cells[4].expected).toBe(2);

    const queue = await api
      .http()
      .get('/api/reports')
      .query({ planId: plan, status: 'submitted', pageSize: 200 })
      .set('Authorization', office)
      .expect(200);
    expect(queue.body.total).toBe(await reportsInStatus(api.db, plan, 'submitted'));
    expect(queue.body.total).toBeGreaterThan(10);
    const outstanding = await api
      .http()
      .get(`/api/plans/${plan}/outstanding`)
      .query({ periodId: march().id })
      .set('Authorization', office)
      .expect(200);
    // March closed on 04-06: what is still owed for it was never submitted (missing) or was returned.
    type Owed = { timeliness: string; outstanding: boolean; status: string | null };
    expect(outstanding.body.some((o: Owed) => o.timeliness === 'missing')).toBe(true);
    expect(
      outstanding.body
        .filter((o: Owed) => !o.outstanding || (o.timeliness !== 'missing' && o.status !== 'returned'))
        .slice(0, 3),
    ).toEqual([]);
    const lagging = await api.http().get(`/api/plans/${plan}/lagging`).set('Authorization', office).expect(200);
    expect(lagging.body.items.some((l: { kind: string }) => l.kind === 'task')).toBe(true);
    expect(lagging.body.items.some((l: { kind: string }) => l.kind === 'indicator')).toBe(true);

    const liaison = await api.login('gz-zgq');
    const own = await api
      .http()
      .get(`/api/plans/${plan}/completeness`)
      .query({ year: 2023 })
      .set('Authorization', liaison)
      .expect(200);
    expect(own.body.rows.map((r: { unitName: string }) => r.unitName).sort()).toEqual(['章贡区']);
  });

  it('keeps a plan reminder rule, refusing one that makes no sense', async () => {
    const defaults = await api.http().get(`/api/plans/${plan}/reminder-rule`).set('Authorization', office).expect(200);
    expect(defaults.body).toMatchObject({ beforeDays: [3, 1], sendTime: '09:00' });
    const bad = await api
      .http()
      .put(`/api/plans/${plan}/reminder-rule`)
      .set('Authorization', office)
      .send({ sendTime: '25:00', beforeDays: [-2] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      expect.arrayContaining(['sendTime']),
    );
    const good = await api
      .http()
      .put(`/api/plans/${plan}/reminder-rule`)
      .set('Authorization', office)
      .send({ beforeDays: [5, 2], sendTime: '08:30' })
      .expect(200);
    expect(good.body).toMatchObject({ beforeDays: [5, 2], sendTime: '08:30' });
    await api
      .http()
      .put(`/api/plans/${plan}/reminder-rule`)
      .set('Authorization', await api.login('gz-kjj'))
      .send({ beforeDays: [1] })
      .expect(403);
  });

  it('keeps the figures a county reports, and a confirmed one stands against the next report', async () => {
    const zgq = (await unitByCode(api.db, 'GZ-ZGQ')).id;
    const rd = await indicatorByName(api.db, '研发支出与地区生产总值之比');
    const stranger = await api
      .http()
      .put(`/api/plans/${plan}/indicator-assignments`)
      .set('Authorization', office)
      .send({ items: [{ indicatorId: rd, unitIds: ['00000000-0000-4000-8000-000000000000'], reporter: 'unit' }] })
      .expect(400);
    expect(stranger.body.details[0].field).toBe('items.0.unitIds.0');
    await api
      .http()
      .put(`/api/plans/${plan}/indicator-assignments`)
      .set('Authorization', office)
      .send({ items: [{ indicatorId: rd, unitIds: [zgq], reporter: 'unit' }] })
      .expect(200, { assigned: 1 });
    const assigned = await api
      .http()
      .get(`/api/plans/${plan}/indicator-assignments`)
      .set('Authorization', office)
      .expect(200);
    expect(assigned.body).toContainEqual({
      indicatorId: rd,
      name: '研发支出与地区生产总值之比',
      unitId: zgq,
      unitName: '章贡区',
      reporter: 'unit',
    });

    const county = await api.login('gz-zgq');
    const figure = (body: { values: { indicatorId: string; value: string | null; confirmation: string }[] }) => {
      const v = body.values.find((x) => x.indicatorId === rd)!;
      return { value: Number(v.value), confirmation: v.confirmation };
    };
    const reported = await api
      .http()
      .put('/api/reports')
      .set('Authorization', county)
      .send({
        periodId: april().id,
        subjectType: 'indicators',
        subjectId: zgq,
        values: [{ indicatorId: rd, value: '1.2' }],
      })
      .expect(200);
    expect(figure(reported.body)).toEqual({ value: 1.2, confirmation: 'reported' });

    const confirmed = await api
      .http()
      .put('/api/indicator-values')
      .set('Authorization', office)
      .send({ items: [{ indicatorId: rd, unitId: zgq, year: 2023, month: 4, value: '1.5', confirm: true }] })
      .expect(200);
    expect(confirmed.body[0]).toMatchObject({ confirmation: 'confirmed', reportId: reported.body.id });
    await api
      .http()
      .put('/api/indicator-values')
      .set('Authorization', office)
      .send({ items: [{ indicatorId: rd, unitId: zgq, year: 2023, month: 4, value: '1.6' }] })
      .expect(409);

    const again = await api
      .http()
      .put('/api/reports')
      .set('Authorization', county)
      .send({
        periodId: april().id,
        subjectType: 'indicators',
        subjectId: zgq,
        version: reported.body.version,
        values: [{ indicatorId: rd, value: '1.9' }],
      })
      .expect(200);
    expect(figure(again.body)).toEqual({ value: 1.5, confirmation: 'confirmed' });
    await api
      .http()
      .post(`/api/reports/${again.body.id}/submit`)
      .set('Authorization', county)
      .send({ version: again.body.version })
      .expect(200);
  });
});
