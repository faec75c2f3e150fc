import { scoringSettled } from '../setup/year-end-cycle.js';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { latestAuditChange } from '../factories/audit.js';
import { unitByCode } from '../setup/lookups.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';

interface FileView {
  purpose: string;
  criterionId: string;
  sha256: string;
  filename: string;
  size: number;
  href: string;
}

/**
 * Evidence for the rest of the year-end cycle (issue #15 point 2) and the event and appeal lists
 * the screens read (point 5): files for review leaves, bonus/penalty/veto events and appeals go
 * through the reports' evidence store, authorised before a byte is stored; a cited hash must name
 * a file uploaded for that assessment, unit and purpose; the explanation lists every cited file
 * with its size and download link; appeal files stay with those who may read the appeal; the unit
 * may take a self-assessment file back until it hands the self-assessment in.
 */
describe('year-end events, appeals and their evidence', () => {
  let api: TestApi;
  let dir: string;
  let assessment: string;
  let zgq: string;
  let nkq: string;
  const pdf = (label: string) => {
    const bytes = Buffer.from(`%PDF-1.4\n% ${label} ${randomUUID()}\n%%EOF\n`);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  };
  const stored = async (): Promise<string[]> =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile() && !e.parentPath.includes('.staging'))
      .map((e) => e.name)
      .sort();
  const as = async (login: string) => ({ Authorization: await api.login(login) });
  const upload = async (login: string, route: string, bytes: Buffer, name = '佐证.pdf') =>
    api
      .http()
      .post(`/api/assessments/${assessment}/${route}`)
      .set(await as(login))
      .attach('file', bytes, name);
  const download = async (login: string, href: string): Promise<Response> =>
    api
      .http()
      .get(href)
      .set(await as(login))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const selfEntries = (c21: number) => [
    { criterionId: 'c1.1', input: { value: 80 }, reason: '核实' },
    { criterionId: 'c2.1', input: { score: c21, reason: '科技局编制与经费到位' }, reason: '核实' },
    { criterionId: 'c2.2', input: { actual: 9, planned: 10 }, reason: '核实' },
    { criterionId: 'c3.1', input: { score: 9, reason: '重点项目按节点推进' }, reason: '核实' },
    { criterionId: 'c3.2', input: { score: 4, reason: '打造示范项目 2 个' }, reason: '核实' },
  ];
  const event = (unitId: string, evidence: string[], extra: Record<string, unknown> = {}) => ({
    unitId,
    kind: 'bonus',
    itemId: 'b.platform-provincial',
    count: 1,
    note: '获批组建省级科技创新平台',
    evidence,
    ...extra,
  });
  const eventFile = pdf('event');
  const appealFile = pdf('appeal');
  const reviewFile = pdf('review');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kc-year-end-events-'));
    api = await startApi({ demo: 'year-end', env: { EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir } });
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${await ganzhouPlan(api)}`)
      .set(await as('office'))
      .expect(200);
    assessment = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'county').id;
    zgq = (await unitByCode(api.db, 'GZ-ZGQ')).id;
    nkq = (await unitByCode(api.db, 'GZ-NKQ')).id;
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the liaison take a self-assessment file back before submitting, audited, and not after', async () => {
    const file = pdf('withdrawn');
    const up = await upload('gz-zgq', `units/${zgq}/self/c2.1/evidence`, file.bytes, '草稿.pdf');
    expect(up.status).toBe(201);
    expect(up.body[0]).toMatchObject({ purpose: 'self', filename: '草稿.pdf', size: file.bytes.length });
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${zgq}/self`)
      .set(await as('gz-zgq'))
      .send({ entries: selfEntries(8).map(({ reason: _reason, ...e }) => e) })
      .expect(200);
    const remove = async (login: string, unitId = zgq) =>
      api
        .http()
        .delete(`/api/assessments/${assessment}/units/${unitId}/self/c2.1/evidence/${file.sha256}`)
        .set(await as(login));
    for (const login of ['gz-nkq', 'office', 'nc-office']) expect([403, 404]).toContain((await remove(login)).status);
    const removed = await remove('gz-zgq');
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual([]);
    const entries = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${zgq}/entries`)
      .set(await as('gz-zgq'))
      .expect(200);
    expect(entries.body.files).toEqual([]);
    expect(entries.body.self.find((e: { criterionId: string }) => e.criterionId === 'c2.1').evidence).toEqual([]);
    const audited = await latestAuditChange(api.db, {
      entity: 'assessment_entry_evidence',
      action: 'purge',
      field: 'sha256',
    });
    expect(audited).toEqual([{ before: file.sha256, after: null }]);
    expect((await remove('gz-zgq')).status).toBe(404);

    const kept = pdf('kept');
    expect((await upload('gz-zgq', `units/${zgq}/self/c2.1/evidence`, kept.bytes)).status).toBe(201);
    await api
      .http()
      .post(`/api/assessments/${assessment}/units/${zgq}/self/submit`)
      .set(await as('gz-zgq'))
      .expect(200);
    const late = await api
      .http()
      .delete(`/api/assessments/${assessment}/units/${zgq}/self/c2.1/evidence/${kept.sha256}`)
      .set(await as('gz-zgq'));
    expect(late.status).toBe(409);
  });

  it('refuses a made-up hash, another purpose’s file and another unit’s file as an event’s evidence', async () => {
    const madeUp = await api
      .http()
      .post(`/api/assessments/${assessment}/events`)
      .set(await as('office'))
      .send(event(zgq, ['a'.repeat(64)]));
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.details).toEqual([{ field: 'evidence.0', reason: '佐证材料须先上传为该单位的加减分事项佐证' }]);
    // 章贡区's self-assessment file is a real upload, but not one given for an event.
    const selfFile = (
      await api
        .http()
        .get(`/api/assessments/${assessment}/units/${zgq}/entries`)
        .set(await as('office'))
    ).body.files[0].sha256 as string;
    await api
      .http()
      .post(`/api/assessments/${assessment}/events`)
      .set(await as('office'))
      .send(event(zgq, [selfFile]))
      .expect(400);
    const up = await upload('office', `units/${zgq}/events/evidence`, eventFile.bytes, '省级平台批复.pdf');
    expect(up.status).toBe(201);
    expect(up.body).toEqual([expect.objectContaining({ purpose: 'event', criterionId: '', sha256: eventFile.sha256 })]);
    await api
      .http()
      .post(`/api/assessments/${assessment}/events`)
      .set(await as('office'))
      .send(event(nkq, [eventFile.sha256]))
      .expect(400);
    const noReason = await api
      .http()
      .post(`/api/assessments/${assessment}/events`)
      .set(await as('office'))
      .send(event(zgq, [eventFile.sha256], { note: ' ' }))
      .expect(400);
    expect(noReason.body.details).toEqual([{ field: 'note', reason: '须说明加减分或否决的事由' }]);
    expect(
      (
        await api
          .http()
          .post(`/api/assessments/${assessment}/events`)
          .set(await as('office'))
          .send(event(zgq, [eventFile.sha256], { kind: 'veto', itemId: 'v.integrity', count: 2 }))
      ).status,
    ).toBe(400);
    const recorded = await api
      .http()
      .post(`/api/assessments/${assessment}/events`)
      .set(await as('office'))
      .send(event(zgq, [eventFile.sha256]))
      .expect(201);
    expect(recorded.body).toMatchObject({ kind: 'bonus', itemId: 'b.platform-provincial', count: 1 });
  });

  it('takes event files from the office of the city only, storing nothing otherwise', async () => {
    const before = await stored();
    for (const login of ['gz-zgq', 'leader', 'nc-office', 'gz-kjj']) {
      const res = await upload(login, `units/${zgq}/events/evidence`, pdf(login).bytes);
      expect([403, 404]).toContain(res.status);
    }
    expect(await stored()).toEqual(before);
  });

  it('lists events with their files: all to the office and leaders, a unit’s own to the unit', async () => {
    const list = async (login: string) =>
      api
        .http()
        .get(`/api/assessments/${assessment}/events`)
        .set(await as(login));
    for (const login of ['office', 'leader', 'gz-zgq']) {
      const res = await list(login);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          unitId: zgq,
          note: '获批组建省级科技创新平台',
          files: [expect.objectContaining({ filename: '省级平台批复.pdf', size: eventFile.bytes.length })],
        }),
      ]);
    }
    expect((await list('gz-nkq')).body).toEqual([]);
    expect([403, 404]).toContain((await list('nc-office')).status);
    const href = (await list('office')).body[0].files[0].href as string;
    expect((await download('gz-zgq', href)).status).toBe(200);
    expect((await download('gz-nkq', href)).status).toBe(404);
  });

  it('takes review files from the office while it reviews, for typed leaves only', async () => {
    const early = await upload('office', `units/${zgq}/review/c2.1/evidence`, reviewFile.bytes);
    expect(early.status).toBe(409);
    await api
      .http()
      .post(`/api/assessments/${assessment}/review`)
      .set(await as('office'))
      .expect(200);
    expect((await upload('gz-zgq', `units/${zgq}/review/c2.1/evidence`, reviewFile.bytes)).status).toBe(403);
    expect((await upload('office', `units/${zgq}/review/c1.2/evidence`, reviewFile.bytes)).status).toBe(404);
    const up = await upload('office', `units/${zgq}/review/c2.1/evidence`, reviewFile.bytes, '核查记录.pdf');
    expect(up.status).toBe(201);
    const progress = await api
      .http()
      .get(`/api/assessments/${assessment}/progress`)
      .set(await as('office'))
      .expect(200);
    for (const row of progress.body as { unitId: string }[]) {
      const entries = selfEntries(row.unitId === zgq ? 8 : 5).map((e) =>
        row.unitId === zgq && e.criterionId === 'c2.1' ? { ...e, evidence: [reviewFile.sha256] } : e,
      );
      await api
        .http()
        .put(`/api/assessments/${assessment}/units/${row.unitId}/review`)
        .set(await as('office'))
        .send({ entries })
        .expect(200);
    }
    // Another unit's review cannot cite 章贡区's file.
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${nkq}/review`)
      .set(await as('office'))
      .send({ entries: [{ ...selfEntries(5)[1], evidence: [reviewFile.sha256] }] })
      .expect(400);
    await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set(await as('leader'))
      .expect(202);
    await scoringSettled(api, assessment);
    // Approved: no more events, nor their files.
    expect((await upload('office', `units/${zgq}/events/evidence`, pdf('late').bytes)).status).toBe(409);
  });

  it('lists each cited file with its name, size and link in the explanation', async () => {
    const res = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${zgq}/explanation`)
      .set(await as('office'))
      .expect(200);
    const c21 = res.body.leaves.find((l: { criterionId: string }) => l.criterionId === 'c2.1');
    expect(c21.files).toEqual([
      expect.objectContaining({
        purpose: 'review',
        filename: '核查记录.pdf',
        size: reviewFile.bytes.length,
        sha256: reviewFile.sha256,
        href: `/api/assessments/${assessment}/units/${zgq}/evidence/${reviewFile.sha256}`,
      }),
    ]);
    expect(res.body.bonus.items).toEqual([
      expect.objectContaining({
        itemId: 'b.platform-provincial',
        points: '2.00',
        files: [expect.objectContaining({ filename: '省级平台批复.pdf', sha256: eventFile.sha256 })],
      }),
    ]);
    const got = await download('office', (c21.files as FileView[])[0]!.href);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body as Buffer, reviewFile.bytes)).toBe(0);
  });

  it('takes appeal files and appeals from the unit in the window, citing only its own appeal files', async () => {
    expect((await upload('gz-zgq', `units/${zgq}/appeals/evidence`, appealFile.bytes)).status).toBe(409);
    await api
      .http()
      .post(`/api/assessments/${assessment}/publish`)
      .set(await as('office'))
      .expect(200);
    for (const login of ['gz-nkq', 'nc-office', 'leader'])
      expect([403, 404]).toContain((await upload(login, `units/${zgq}/appeals/evidence`, appealFile.bytes)).status);
    const up = await upload('gz-zgq', `units/${zgq}/appeals/evidence`, appealFile.bytes, '能力建设补充材料.pdf');
    expect(up.status).toBe(201);
    const appeal = (evidence: string[]) => ({ unitId: zgq, criterionId: 'c2.1', reason: '编制文件漏报', evidence });
    const madeUp = await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set(await as('gz-zgq'))
      .send(appeal(['b'.repeat(64)]))
      .expect(400);
    expect(madeUp.body.details).toEqual([{ field: 'evidence.0', reason: '佐证材料须先随本单位申诉上传' }]);
    await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set(await as('gz-zgq'))
      .send(appeal([eventFile.sha256]))
      .expect(400);
    await api
      .http()
      .post(`/api/assessments/${assessment}/appeals`)
      .set(await as('gz-zgq'))
      .send(appeal([appealFile.sha256]))
      .expect(201);
  });

  it('shows an appeal and its files to the office and the unit only, and the revision an upheld one made', async () => {
    const list = async (login: string) =>
      (
        await api
          .http()
          .get(`/api/assessments/${assessment}/appeals`)
          .set(await as(login))
          .expect(200)
      ).body as { id: string; status: string; revision: number | null; files: FileView[] }[];
    const [mine] = await list('gz-zgq');
    expect(mine).toMatchObject({ status: 'open', revision: null });
    expect(mine!.files.map((f) => f.filename)).toEqual(['能力建设补充材料.pdf']);
    expect(await list('gz-nkq')).toEqual([]);
    // Results are public in the city once published; an appeal's file is not.
    expect((await download('gz-nkq', mine!.files[0]!.href)).status).toBe(404);
    expect((await download('nc-office', mine!.files[0]!.href)).status).toBe(404);
    for (const login of ['gz-zgq', 'office', 'leader'])
      expect((await download(login, mine!.files[0]!.href)).status).toBe(200);

    await api
      .http()
      .post(`/api/assessments/appeals/${mine!.id}/decision`)
      .set(await as('office'))
      .send({ uphold: true, reason: '补充材料属实', input: { score: 10, reason: '编制、经费均到位' } })
      .expect(200);
    await scoringSettled(api, assessment);
    const [decided] = await list('gz-zgq');
    expect(decided).toMatchObject({ status: 'upheld', decisionReason: '补充材料属实', revision: 2 });

    api.travelTo('2024-03-01T09:00:00+08:00');
    expect((await upload('gz-zgq', `units/${zgq}/appeals/evidence`, pdf('late').bytes)).status).toBe(409);
  });
});
