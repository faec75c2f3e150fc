import { scoringSettled } from '../setup/year-end-cycle.js';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { planByDocNumber } from '../factories/plans.js';
import { unitByCode } from '../setup/lookups.js';
import { startApi, type TestApi } from '../setup/api.js';

interface Progress {
  unitId: string;
  shortName: string;
  state: string;
  selfScore: string | null;
  reviewedScore: string | null;
  total: string | null;
}

/**
 * Evidence per self-assessment leaf (issue #15 point 2, the self-assessment part) and each unit's
 * submission, as the office's review list shows them: uploaded through the reports' evidence store
 * and checks, cited only when actually uploaded for that leaf, listed in the explanation, and read
 * only by those who may read the unit's entries.
 */
describe('year-end self-assessment evidence and submission', () => {
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
      .map((e) => e.name);
  const upload = async (login: string, unitId: string, criterionId: string, bytes: Buffer, name = '佐证.pdf') =>
    api
      .http()
      .post(`/api/assessments/${assessment}/units/${unitId}/self/${criterionId}/evidence`)
      .set('Authorization', await api.login(login))
      .attach('file', bytes, name);
  const download = async (login: string, unitId: string, sha256: string): Promise<Response> =>
    api
      .http()
      .get(`/api/assessments/${assessment}/units/${unitId}/evidence/${sha256}`)
      .set('Authorization', await api.login(login))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const selfEntries = (evidence?: string[]) => [
    { criterionId: 'c1.1', input: { value: 80 } },
    { criterionId: 'c2.1', input: { score: 8, reason: '科技局编制与经费到位' }, ...(evidence ? { evidence } : {}) },
    { criterionId: 'c2.2', input: { actual: 9, planned: 10 } },
    { criterionId: 'c3.1', input: { score: 9, reason: '重点项目按节点推进' } },
    { criterionId: 'c3.2', input: { score: 4, reason: '打造示范项目 2 个' } },
  ];
  const progress = async (): Promise<Progress[]> =>
    (
      await api
        .http()
        .get(`/api/assessments/${assessment}/progress`)
        .set('Authorization', await api.login('office'))
    ).body as Progress[];
  const rowOf = async (unitId: string) => (await progress()).find((p) => p.unitId === unitId)!;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kc-self-evidence-'));
    api = await startApi({ demo: 'year-end', env: { EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir } });
    const plan = await planByDocNumber(api.db, '赣市科赋字');
    const list = await api
      .http()
      .get(`/api/assessments/of-plan/${plan}`)
      .set('Authorization', await api.login('office'))
      .expect(200);
    assessment = list.body.find((a: { subjectKind: string }) => a.subjectKind === 'county').id;
    zgq = (await unitByCode(api.db, 'GZ-ZGQ')).id;
    nkq = (await unitByCode(api.db, 'GZ-NKQ')).id;
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows every county not started in the review list, to the office and leaders only', async () => {
    const rows = await progress();
    expect(rows.length).toBeGreaterThanOrEqual(18);
    expect(rows.find((r) => r.unitId === zgq)).toMatchObject({
      shortName: '章贡区',
      state: 'not_started',
      selfScore: null,
      reviewedScore: null,
      total: null,
    });
    const leader = await api.login('leader');
    await api.http().get(`/api/assessments/${assessment}/progress`).set('Authorization', leader).expect(200);
    for (const login of ['gz-zgq', 'gz-kjj'])
      await api
        .http()
        .get(`/api/assessments/${assessment}/progress`)
        .set('Authorization', await api.login(login))
        .expect(403);
    const other = await api
      .http()
      .get(`/api/assessments/${assessment}/progress`)
      .set('Authorization', await api.login('nc-office'));
    expect([403, 404]).toContain(other.status);
  });

  it('refuses a made-up hash as evidence, and a file uploaded for another leaf', async () => {
    const liaison = await api.login('gz-zgq');
    const made = await api
      .http()
      .put(`/api/assessments/${assessment}/units/${zgq}/self`)
      .set('Authorization', liaison)
      .send({ entries: selfEntries(['a'.repeat(64)]) })
      .expect(400);
    expect(made.body.details).toEqual([{ field: 'entries.1.evidence', reason: '佐证材料须先上传到该项' }]);
    const other = pdf('c3.1');
    expect((await upload('gz-zgq', zgq, 'c3.1', other.bytes)).status).toBe(201);
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${zgq}/self`)
      .set('Authorization', liaison)
      .send({ entries: selfEntries([other.sha256]) })
      .expect(400);
  });

  it('lets the unit’s liaison upload a file for a leaf, cite it and download it', async () => {
    const file = pdf('c2.1');
    const res = await upload('gz-zgq', zgq, 'c2.1', file.bytes, '科技管理能力建设情况.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      expect.objectContaining({ criterionId: 'c2.1', sha256: file.sha256, filename: '科技管理能力建设情况.pdf' }),
    ]);
    expect(await stored()).toContain(file.sha256);
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${zgq}/self`)
      .set('Authorization', await api.login('gz-zgq'))
      .send({ entries: selfEntries([file.sha256]) })
      .expect(200);
    const entries = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${zgq}/entries`)
      .set('Authorization', await api.login('office'))
      .expect(200);
    const c21 = entries.body.self.find((e: { criterionId: string }) => e.criterionId === 'c2.1');
    expect(c21.evidence).toEqual([file.sha256]);
    // Saved without naming evidence, a leaf cites every file uploaded for it.
    const c31 = entries.body.self.find((e: { criterionId: string }) => e.criterionId === 'c3.1');
    expect(c31.evidence).toHaveLength(1);
    expect(
      entries.body.files.map((f: { criterionId: string; filename: string }) => [f.criterionId, f.filename]),
    ).toEqual([
      ['c2.1', '科技管理能力建设情况.pdf'],
      ['c3.1', '佐证.pdf'],
    ]);
    for (const login of ['gz-zgq', 'office', 'leader']) {
      const got = await download(login, zgq, file.sha256);
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(got.body as Buffer, file.bytes)).toBe(0);
    }
    expect((await rowOf(zgq)).state).toBe('in_progress');
  });

  it('refuses uploads and downloads to another unit’s liaison, another city and other roles, writing nothing', async () => {
    const file = pdf('foreign');
    const before = await stored();
    for (const login of ['gz-nkq', 'gz-kjj', 'nc-ncx', 'nc-office', 'office', 'leader']) {
      const res = await upload(login, zgq, 'c2.1', file.bytes);
      expect([403, 404]).toContain(res.status);
    }
    // Nor does a leaf the scheme lacks.
    expect((await upload('gz-zgq', zgq, 'no-such-leaf', file.bytes)).status).toBe(404);
    expect(await stored()).toEqual(before);
    const existing = (
      await api
        .http()
        .get(`/api/assessments/${assessment}/units/${zgq}/entries`)
        .set('Authorization', await api.login('gz-zgq'))
    ).body.files[0].sha256 as string;
    for (const login of ['gz-nkq', 'nc-ncx', 'nc-office']) {
      const res = await download(login, zgq, existing);
      expect(res.status).toBe(404);
    }
    // A file of 章贡区 is not 南康区's to download, even by the office, under 南康区's path.
    expect((await download('office', nkq, existing)).status).toBe(404);
  });

  it('takes no change after submission until the office returns it', async () => {
    const incomplete = await api
      .http()
      .post(`/api/assessments/${assessment}/units/${nkq}/self/submit`)
      .set('Authorization', await api.login('gz-nkq'))
      .expect(409);
    expect(incomplete.body.message).toBe('尚有 5 项未填报，不能提交');
    await api
      .http()
      .post(`/api/assessments/${assessment}/units/${zgq}/self/submit`)
      .set('Authorization', await api.login('gz-nkq'))
      .expect(403);
    const submitted = await api
      .http()
      .post(`/api/assessments/${assessment}/units/${zgq}/self/submit`)
      .set('Authorization', await api.login('gz-zgq'))
      .expect(200);
    expect(submitted.body.status).toBe('submitted');
    const before = await stored();
    const late = await upload('gz-zgq', zgq, 'c2.1', pdf('late').bytes);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('自评已提交，如需修改请联系办公室退回');
    expect(await stored()).toEqual(before);
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${zgq}/self`)
      .set('Authorization', await api.login('gz-zgq'))
      .send({ entries: selfEntries() })
      .expect(409);
    expect(await rowOf(zgq)).toMatchObject({ state: 'submitted', selfScore: expect.any(String), reviewedScore: null });

    await api
      .http()
      .post(`/api/assessments/${assessment}/units/${zgq}/self/return`)
      .set('Authorization', await api.login('gz-zgq'))
      .send({ reason: '自退' })
      .expect(403);
    await api
      .http()
      .post(`/api/assessments/${assessment}/units/${zgq}/self/return`)
      .set('Authorization', await api.login('office'))
      .send({ reason: '请补充能力建设佐证' })
      .expect(200);
    expect((await rowOf(zgq)).state).toBe('returned');
    expect((await upload('gz-zgq', zgq, 'c2.1', pdf('again').bytes)).status).toBe(201);
    await api
      .http()
      .post(`/api/assessments/${assessment}/units/${zgq}/self/submit`)
      .set('Authorization', await api.login('gz-zgq'))
      .expect(200);
  });

  it('scores claims and review, lists the cited files in the explanation, and takes nothing once review starts', async () => {
    const office = await api.login('office');
    await api.http().post(`/api/assessments/${assessment}/review`).set('Authorization', office).expect(200);
    const closed = await upload('gz-zgq', zgq, 'c3.2', pdf('closed').bytes);
    expect(closed.status).toBe(409);
    const rows = await progress();
    // Review every county: 章贡区 as it claimed, the others lower on c2.1.
    for (const row of rows) {
      const body =
        row.unitId === zgq
          ? { acceptSelf: true }
          : {
              entries: selfEntries().map((e) =>
                e.criterionId === 'c2.1'
                  ? { ...e, input: { score: 5, reason: '核实' }, reason: '核实' }
                  : { ...e, reason: '核实' },
              ),
            };
      await api
        .http()
        .put(`/api/assessments/${assessment}/units/${row.unitId}/review`)
        .set('Authorization', office)
        .send(body)
        .expect(200);
    }
    const own = await rowOf(zgq);
    expect(own.state).toBe('reviewed');
    expect(own.reviewedScore).toBe(own.selfScore);
    const other = await rowOf(nkq);
    expect(other.selfScore).toBeNull();
    expect(Number(other.reviewedScore)).toBeLessThan(Number(own.reviewedScore));

    await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', await api.login('leader'))
      .expect(202);

    await scoringSettled(api, assessment);
    expect((await rowOf(zgq)).total).toEqual(expect.any(String));
    const explanation = await api
      .http()
      .get(`/api/assessments/${assessment}/units/${zgq}/explanation`)
      .set('Authorization', office)
      .expect(200);
    const c21 = explanation.body.leaves.find((l: { criterionId: string }) => l.criterionId === 'c2.1');
    expect(c21.explanation.evidence).toHaveLength(2);
    expect(c21.files.map((f: { filename: string }) => f.filename).sort()).toEqual([
      '佐证.pdf',
      '科技管理能力建设情况.pdf',
    ]);
    const c32 = explanation.body.leaves.find((l: { criterionId: string }) => l.criterionId === 'c3.2');
    expect(c32.files).toEqual([]);
  });
});
