import { scoringSettled } from '../setup/year-end-cycle.js';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EvidenceSweep } from '@app/reporting';
import type { Response } from 'supertest';
import { assignedUnits } from '../factories/plans.js';
import { monthsReportedLate } from '../factories/reporting.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { unitByCode } from '../setup/lookups.js';
import { startApi, type TestApi } from '../setup/api.js';

interface Part {
  itemId: string;
  unitId: string;
  content: string;
  status: string;
  overdue: boolean;
  closedOn: string | null;
  returnReason: string | null;
  files: { sha256: string; filename: string }[];
  canClose: boolean;
  canConfirm: boolean;
}

/**
 * 交办事项 (issue #15 point 4): the office assigns work to units with a due date, each unit closes its
 * part with a note and files, the office confirms or returns; overdue (not closed by the end of the
 * due date, Asia/Shanghai) counts in the year-end late-work leaf of 附表3-2 beside the late months.
 */
describe('assigned work items', () => {
  let api: TestApi;
  let dir: string;
  let kjj: string;
  let gxj: string;
  let nc: string;
  /** Items by the name the spec gives them. */
  const items = new Map<string, string>();
  const pdf = (label: string) => {
    const bytes = Buffer.from(`%PDF-1.4\n% ${label} ${randomUUID()}\n%%EOF\n`);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  const as = async (login: string) => api.login(login);
  const create = async (login: string, body: object): Promise<Response> =>
    api
      .http()
      .post('/api/assigned-work')
      .set('Authorization', await as(login))
      .send(body);
  const close = async (login: string, item: string, unitId: string, note = '已按要求办结'): Promise<Response> =>
    api
      .http()
      .post(`/api/assigned-work/${item}/units/${unitId}/close`)
      .set('Authorization', await as(login))
      .send({ note });
  const upload = async (
    login: string,
    item: string,
    unitId: string,
    bytes: Buffer,
    name = '办结材料.pdf',
  ): Promise<Response> =>
    api
      .http()
      .post(`/api/assigned-work/${item}/units/${unitId}/evidence`)
      .set('Authorization', await as(login))
      .attach('file', bytes, name);
  const download = async (login: string, item: string, unitId: string, sha256: string): Promise<Response> =>
    api
      .http()
      .get(`/api/assigned-work/${item}/units/${unitId}/evidence/${sha256}`)
      .set('Authorization', await as(login))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const list = async (login: string, query: object = {}): Promise<Part[]> =>
    (
      await api
        .http()
        .get('/api/assigned-work')
        .query({ pageSize: 200, ...query })
        .set('Authorization', await as(login))
        .expect(200)
    ).body.items as Part[];
  /** The response once its status is the one expected (the body is shown when it is not). */
  const status = async (pending: Promise<Response>, code: number): Promise<Response> => {
    const res = await pending;
    expect({ status: res.status, body: res.status === code ? null : res.body }).toEqual({ status: code, body: null });
    return res;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kc-assigned-work-'));
    // Items are assigned in November 2023, before the year-end demo's date (2024-01-20).
    api = await startApi({
      demo: 'year-end',
      now: '2023-11-01T09:00:00+08:00',
      env: { EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir },
    });
    kjj = (await unitByCode(api.db, 'GZ-KJJ')).id;
    gxj = (await unitByCode(api.db, 'GZ-GXJ')).id;
    nc = (await unitByCode(api.db, 'NC')).id;
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the office assign work to units of its city, refusing bad input with the field and a reason', async () => {
    const made = [
      ['A', '报送2023年度科技创新工作总结', [kjj, gxj], '2023-11-30'],
      ['B', '梳理科技型中小企业入库情况', [kjj], '2023-12-15'],
      ['C', '提交科技成果转化典型案例', [kjj], '2023-12-31'],
    ] as const;
    for (const [name, content, unitIds, dueDate] of made) {
      const res = await status(create('office', { content, unitIds, dueDate, basis: '市领导小组第三次会议交办' }), 201);
      expect(res.body.units.map((u: Part) => u.status)).toEqual(unitIds.map(() => 'open'));
      items.set(name, res.body.id);
    }
    const refused = [
      [{ content: '事项', unitIds: [kjj], dueDate: '2023-10-31' }, 'dueDate'],
      [{ content: '事项', unitIds: [kjj], dueDate: '2023-02-30' }, 'dueDate'],
      [{ content: '事项', unitIds: [], dueDate: '2023-12-01' }, 'unitIds'],
      [{ content: '事项', unitIds: [nc], dueDate: '2023-12-01' }, 'unitIds'],
      [{ content: '', unitIds: [kjj], dueDate: '2023-12-01' }, 'content'],
      [{ content: ' \n ', unitIds: [kjj], dueDate: '2023-12-01' }, 'content'],
      [{ content: '事项', unitIds: [kjj], dueDate: '2023-12-01', taskId: randomUUID() }, 'planId'],
    ] as const;
    for (const [body, field] of refused) {
      const res = await status(create('office', body), 400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(res.body.details.find((d: { field: string }) => d.field === field).reason).toMatch(/[\u4e00-\u9fa5]/);
    }
    await status(create('gz-kjj', { content: '事项', unitIds: [kjj], dueDate: '2023-12-01' }), 403);
    await status(create('leader', { content: '事项', unitIds: [kjj], dueDate: '2023-12-01' }), 403);
    // Another city's office cannot hand Ganzhou's units work either.
    await status(create('nc-office', { content: '事项', unitIds: [kjj], dueDate: '2023-12-01' }), 400);
    const plan = await ganzhouPlan(api);
    const linked = await create('office', {
      content: '关联方案的事项',
      unitIds: [gxj],
      dueDate: '2024-03-01',
      planId: plan,
    });
    expect(linked.status).toBe(201);
    items.set('D', linked.body.id);
  });

  it('shows a unit only the items assigned to it, and another city nothing', async () => {
    const own = await list('gz-kjj');
    expect(new Set(own.map((p) => p.unitId))).toEqual(new Set([kjj]));
    expect(own.map((p) => p.itemId).sort()).toEqual([items.get('A'), items.get('B'), items.get('C')].sort());
    const todo = await api
      .http()
      .get('/api/assigned-work/todo')
      .set('Authorization', await as('gz-kjj'))
      .expect(200);
    expect(todo.body.map((p: Part) => p.itemId)).toEqual([items.get('A'), items.get('B'), items.get('C')]);
    expect(todo.body.every((p: Part) => p.canClose)).toBe(true);
    // The existing to-do list still answers as before.
    await api
      .http()
      .get('/api/reporting/todo')
      .set('Authorization', await as('gz-kjj'))
      .expect(200);
    await api
      .http()
      .get(`/api/assigned-work/${items.get('B')}`)
      .set('Authorization', await as('gz-gxj'))
      .expect(404);
    const shared = await api
      .http()
      .get(`/api/assigned-work/${items.get('A')}`)
      .set('Authorization', await as('gz-gxj'))
      .expect(200);
    expect(shared.body.units.map((u: Part) => u.unitId)).toEqual([gxj]);
    expect(await list('nc-office')).toEqual([]);
    await api
      .http()
      .get(`/api/assigned-work/${items.get('A')}`)
      .set('Authorization', await as('nc-office'))
      .expect(404);
    expect((await list('office')).length).toBe(5);
    expect((await list('leader')).length).toBe(5);
  });

  it('lets the unit close its part with a note and files, and only its own part', async () => {
    api.travelTo('2023-11-29T10:00:00+08:00');
    const file = pdf('A');
    const added = await status(upload('gz-kjj', items.get('A')!, kjj, file.bytes), 201);
    expect(added.body.units[0].files).toEqual([
      expect.objectContaining({ sha256: file.sha256, filename: '办结材料.pdf' }),
    ]);
    await status(upload('gz-gxj', items.get('A')!, kjj, pdf('x').bytes), 404);
    await status(upload('nc-office', items.get('A')!, kjj, pdf('x').bytes), 403);
    await status(upload('nc-kjj', items.get('A')!, kjj, pdf('x').bytes), 404);
    await status(upload('gz-kjj', items.get('A')!, gxj, pdf('x').bytes), 404);
    await status(close('gz-gxj', items.get('A')!, kjj), 404);
    await status(close('leader', items.get('A')!, kjj), 403);
    // The office confirms or returns a closure; it does not close on the unit's behalf.
    await status(close('office', items.get('A')!, kjj), 403);
    await status(upload('office', items.get('A')!, kjj, pdf('x').bytes), 403);
    const noNote = await status(close('gz-kjj', items.get('A')!, kjj, ''), 400);
    await status(close('gz-kjj', items.get('A')!, kjj, '   '), 400);
    expect(noNote.body.details[0].field).toBe('note');
    const closed = await status(close('gz-kjj', items.get('A')!, kjj, '总结已报送，见附件'), 200);
    expect(closed.body.units[0]).toMatchObject({ status: 'closed', closedOn: '2023-11-29', overdue: false });
    await status(close('gz-kjj', items.get('A')!, kjj), 409);
    await status(upload('gz-kjj', items.get('A')!, kjj, pdf('late').bytes), 409);

    const body = (await status(download('office', items.get('A')!, kjj, file.sha256), 200)).body as Buffer;
    expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
    await status(download('gz-kjj', items.get('A')!, kjj, file.sha256), 200);
    await status(download('gz-gxj', items.get('A')!, kjj, file.sha256), 404);
    await status(download('nc-office', items.get('A')!, kjj, file.sha256), 404);

    // The evidence sweep counts a closure's file as referenced: hours later it is still there.
    api.travelTo('2023-11-29T15:00:00+08:00');
    await api.app.get(EvidenceSweep).run();
    await status(download('office', items.get('A')!, kjj, file.sha256), 200);
    api.travelTo('2023-11-29T10:00:00+08:00');
  });

  it('lets the office confirm a closure or return it, and only the office of the city', async () => {
    const waiting = await api
      .http()
      .get('/api/assigned-work/todo')
      .set('Authorization', await as('office'))
      .expect(200);
    expect(waiting.body.map((p: Part) => [p.itemId, p.unitId, p.canConfirm])).toEqual([[items.get('A'), kjj, true]]);
    const part = `/api/assigned-work/${items.get('A')}/units/${kjj}`;
    await api
      .http()
      .post(`${part}/confirm`)
      .set('Authorization', await as('gz-kjj'))
      .expect(403);
    await api
      .http()
      .post(`${part}/confirm`)
      .set('Authorization', await as('nc-office'))
      .expect(404);
    await api
      .http()
      .post(`${part}/return`)
      .set('Authorization', await as('office'))
      .send({ reason: '' })
      .expect(400);
    const returned = await api
      .http()
      .post(`${part}/return`)
      .set('Authorization', await as('office'))
      .send({ reason: '请补充报送回执' })
      .expect(200);
    const kjjPart = returned.body.units.find((u: Part) => u.unitId === kjj);
    expect(kjjPart).toMatchObject({ status: 'open', closedOn: null, returnReason: '请补充报送回执' });
    await status(close('gz-kjj', items.get('A')!, kjj, '已补充回执'), 200);
    const confirmed = await api
      .http()
      .post(`${part}/confirm`)
      .set('Authorization', await as('office'))
      .expect(200);
    expect(confirmed.body.units.find((u: Part) => u.unitId === kjj)).toMatchObject({
      status: 'confirmed',
      closedOn: '2023-11-29',
      overdue: false,
    });
    await api
      .http()
      .post(`${part}/return`)
      .set('Authorization', await as('office'))
      .send({ reason: '再看看' })
      .expect(409);
  });

  it('judges overdue by the calendar date in Asia/Shanghai: closed after the due date, or still open past it', async () => {
    api.travelTo('2023-12-05T09:00:00+08:00');
    await status(close('gz-gxj', items.get('A')!, gxj, '已报送'), 200);
    // 00:30 on 1 January in Shanghai is still 31 December in UTC: late all the same.
    api.travelTo('2024-01-01T00:30:00+08:00');
    const lateC = await status(close('gz-kjj', items.get('C')!, kjj, '案例已提交'), 200);
    expect(lateC.body.units[0]).toMatchObject({ closedOn: '2024-01-01', overdue: true });

    api.travelTo('2024-01-20T09:00:00+08:00');
    const overdue = await list('office', { status: 'overdue' });
    expect(overdue.map((p) => `${p.itemId}:${p.unitId}:${p.status}`).sort()).toEqual(
      [`${items.get('A')}:${gxj}:closed`, `${items.get('B')}:${kjj}:open`, `${items.get('C')}:${kjj}:closed`].sort(),
    );
    const open = await list('office', { status: 'open' });
    expect(open.map((p) => p.itemId).sort()).toEqual([items.get('B'), items.get('D')].sort());
    const done = await list('gz-kjj', { status: 'closed' });
    expect(done.map((p) => p.itemId).sort()).toEqual([items.get('A'), items.get('C')].sort());
    expect((await list('office', { unitId: gxj })).map((p) => p.itemId).sort()).toEqual(
      [items.get('A'), items.get('D')].sort(),
    );
    await api
      .http()
      .get('/api/assigned-work')
      .query({ status: 'late' })
      .set('Authorization', await as('office'))
      .expect(400);
  });

  it('counts each overdue item in the year-end late-work leaf (附表3-2 d1.4) beside the late months', async () => {
    const office = await as('office');
    const plan = await ganzhouPlan(api);
    const assessments = await api
      .http()
      .get(`/api/assessments/of-plan/${plan}`)
      .set('Authorization', office)
      .expect(200);
    const assessment = assessments.body.find((a: { subjectKind: string }) => a.subjectKind === 'department').id;
    await api.http().post(`/api/assessments/${assessment}/review`).set('Authorization', office).expect(200);
    const entries = [
      { criterionId: 'd1.1', input: { satisfied: ['leader', 'section'] }, reason: '办公室核定' },
      { criterionId: 'd1.2', input: { satisfied: ['plan'] }, reason: '办公室核定' },
      { criterionId: 'd1.3', input: { score: 4, reason: '每季度召开专题会议' }, reason: '办公室核定' },
      { criterionId: 'd2', input: { score: 60, reason: '牵头任务均按节点推进' }, reason: '办公室核定' },
    ];
    for (const u of await assignedUnits(api.db, plan, ['department', 'institution', 'enterprise']))
      await api
        .http()
        .put(`/api/assessments/${assessment}/units/${u.id}/review`)
        .set('Authorization', office)
        .send({ entries })
        .expect(200);
    await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await as('leader'))
      .expect(202);
    await scoringSettled(api, assessment);
    const results = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', office)
      .expect(200);
    const leaf = (unitId: string) =>
      results.body.results
        .find((r: { unitId: string }) => r.unitId === unitId)
        .leaves.find((l: { criterionId: string }) => l.criterionId === 'd1.4');
    // 市科技局: B still open past its date and C closed late; A closed on time does not count.
    // 市工信局: A closed after its date; D (due 2024) does not count in 2023.
    for (const [unitId, overdueItems] of [
      [kjj, 2],
      [gxj, 1],
    ] as const) {
      const d14 = leaf(unitId);
      const parts = /^迟报\/漏报 (\d+) 个月，逾期交办事项 (\d+) 项$/.exec(d14.explanation.inputs.parts);
      expect(parts).not.toBeNull();
      const months = Number(parts![1]);
      expect(months).toBeGreaterThanOrEqual(await monthsReportedLate(api.db, plan, unitId));
      expect(Number(parts![2])).toBe(overdueItems);
      expect(Number(d14.explanation.inputs.count)).toBe(months + overdueItems);
      expect(d14.explanation.steps[0]).toBe(
        `次数：迟报/漏报 ${months} 个月，逾期交办事项 ${overdueItems} 项，共 ${months + overdueItems} 次`,
      );
      expect(d14.score).toBe(Math.max(0, 10 - months - overdueItems).toFixed(2));
    }
  });
});
