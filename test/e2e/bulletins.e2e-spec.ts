import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { inspectDocx } from '../../libs/assessment/src/render/testing/docx-inspect.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { schemesCoded } from '../factories/assessment.js';
import {
  bulletinCount,
  deleteBulletins,
  insertBulletinLike,
  rewriteBulletins,
  storedSnapshot,
  storedSnapshotHas,
} from '../factories/bulletins.js';
import { ganzhouPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';

describe('quarterly rankings and bulletins', () => {
  let api: TestApi;
  let office: string;
  let plan: string;

  beforeAll(async () => {
    api = await startApi();
    office = await api.login('office');
    plan = await ganzhouPlan(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('has the demo Q1 bulletin, ranked by tier from platform data', async () => {
    const list = await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office).expect(200);
    expect(list.body.map((b: { quarterKey: string; revision: number }) => [b.quarterKey, b.revision])).toEqual([
      ['2023-Q1', 1],
    ]);
    const bulletin = await api.http().get(`/api/bulletins/${list.body[0].id}`).set('Authorization', office).expect(200);
    const snapshot = (bulletin.body as Schema<'StoredBulletin'>).snapshot;
    expect(snapshot.title).toBe('2023年第一季度科技创新赋能行动县（市、区）推进情况通报');
    expect(snapshot.tiers.map((t) => t.rows.length)).toEqual([6, 6, 8]);
    for (const tier of snapshot.tiers) {
      const totals = tier.rows.map((r) => Number(r.total));
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      expect(tier.rows[0]!.rank).toBe(1);
      tier.rows.forEach((r, i) => {
        const expected = i === 0 || r.total !== tier.rows[i - 1]!.total ? i + 1 : tier.rows[i - 1]!.rank;
        expect(r.rank).toBe(expected);
        const sum = r.subtotals.reduce((s, x) => s + Math.round(Number(x) * 100), 0);
        expect(sum).toBe(Math.round(Number(r.total) * 100));
      });
    }
    expect(Object.keys(snapshot.inputs)).toHaveLength(20);
    expect(snapshot.results.every((r: { leaves: { explanation?: unknown }[] }) => r.leaves.length === 3)).toBe(true);
    expect(snapshot.lateUnits.length).toBeGreaterThan(0);
    expect(snapshot.lagging.length).toBeGreaterThan(0);
    // every lagging figure carries its own unit: % for tasks, 万元 for projects, the indicator's own for indicators
    for (const lag of snapshot.lagging) {
      const unit = { task: '%', project: '万元' }[lag.kind as 'task' | 'project'];
      if (unit)
        expect([lag.actual.unit, lag.expected.unit, lag.label]).toEqual([
          unit,
          unit,
          expect.stringMatching(/^(任务|项目)\d+ /),
        ]);
      expect(['red', 'yellow']).toContain(lag.light);
    }
    expect(
      snapshot.tiers.flatMap((t) => t.rows.map((r) => r.light)).every((l) => ['red', 'yellow', 'green'].includes(l)),
    ).toBe(true);
  });

  it('returns the published bulletin when asked again, and keeps both versions of a correction', async () => {
    const again = await api
      .http()
      .post(`/api/plans/${plan}/bulletins`)
      .set('Authorization', office)
      .send({ quarter: '2023-Q1' })
      .expect(201);
    expect(again.body.revision).toBe(1);
    expect(await bulletinCount(api.db)).toBe(1);
    const corrected = await api
      .http()
      .post(`/api/plans/${plan}/bulletins`)
      .set('Authorization', office)
      .send({ quarter: '2023-Q1', correctionReason: '补录南康区3月指标数据' })
      .expect(201);
    expect(corrected.body).toMatchObject({ revision: 2, reason: '补录南康区3月指标数据' });
    const list = await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office).expect(200);
    expect(list.body.map((b: { revision: number }) => b.revision)).toEqual([2, 1]);
    await expect(rewriteBulletins(api.db)).rejects.toThrow('immutable');
    await expect(deleteBulletins(api.db)).rejects.toThrow('immutable');
    expect(await bulletinCount(api.db)).toBe(2);
    const future = await api
      .http()
      .post(`/api/plans/${plan}/bulletins`)
      .set('Authorization', office)
      .send({ quarter: '2023-Q2' })
      .expect(409);
    expect(future.body.message).toContain('尚未结束');
  });

  it('runs as the worker would: the quarter just ended, once, and says it found it published', async () => {
    const { QuarterlyRankingService } = await import('@app/assessment');
    const before = await bulletinCount(api.db);
    const result = await api.app.get(QuarterlyRankingService).publishDue();
    expect(result.quarterKey).toBe('2023-Q1');
    expect(result.published).toEqual([]);
    expect(result.alreadyPublished).toContainEqual({ planId: plan, bulletinId: expect.any(String), revision: 2 });
    expect(await bulletinCount(api.db)).toBe(before);
  });

  it('explains a county’s score point by point against its tier', async () => {
    const [first] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office)).body;
    const zgq = (await unitByCode(api.db, 'GZ-ZGQ')).id;
    const res = await api
      .http()
      .get(`/api/bulletins/${first.id}/units/${zgq}/explanation`)
      .set('Authorization', await api.login('gz-zgq'))
      .expect(200);
    expect(res.body).toMatchObject({ unitName: '章贡区', tier: '1', quarterKey: '2023-Q1' });
    expect(res.body.leaves.map((l: { criterionId: string }) => l.criterionId)).toEqual(['q1', 'q2', 'q3']);
    for (const leaf of res.body.leaves) {
      expect(leaf.tier.units).toBe(6);
      expect(Number(leaf.tier.best)).toBeGreaterThanOrEqual(Number(leaf.score));
      expect(leaf.explanation.steps.length).toBeGreaterThan(0);
      expect(leaf.explanation.steps.at(-1)).toMatch(/^得分 = /);
    }
    await api
      .http()
      .get(`/api/bulletins/${first.id}/units/${zgq}/explanation`)
      .set('Authorization', await api.login('nc-ncx'))
      .expect(404);
  });

  it('lets every user of the city read it, nobody else, and only the office publish', async () => {
    const [first] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office)).body;
    await api
      .http()
      .get(`/api/bulletins/${first.id}`)
      .set('Authorization', await api.login('gz-scx'))
      .expect(200);
    await api
      .http()
      .get(`/api/bulletins/${first.id}`)
      .set('Authorization', await api.login('leader'))
      .expect(200);
    await api
      .http()
      .get(`/api/bulletins/${first.id}`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
    await api
      .http()
      .post(`/api/plans/${plan}/bulletins`)
      .set('Authorization', await api.login('gz-scx'))
      .send({ quarter: '2023-Q1' })
      .expect(403);
    await api
      .http()
      .post(`/api/plans/${plan}/bulletins`)
      .set('Authorization', await api.login('leader'))
      .send({ quarter: '2023-Q1' })
      .expect(403);
  });

  it('downloads as xlsx and as PDF with the Chinese font embedded', async () => {
    const [first] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office)).body;
    const xlsx = await api
      .http()
      .get(`/api/bulletins/${first.id}/export/xlsx`)
      .set('Authorization', office)
      .responseType('blob')
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toContain('排名');
    const pdf = await api
      .http()
      .get(`/api/bulletins/${first.id}/export/pdf`)
      .set('Authorization', await api.login('gz-scx'))
      .responseType('blob')
      .expect(200);
    const bytes = Buffer.from(pdf.body as ArrayBuffer);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.includes('/FontFile2')).toBe(true);
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('推进情况通报'));
  });

  it('downloads as an editable .docx 公文 naming the demo’s counties, for a county liaison too', async () => {
    const [first] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office)).body;
    const res = await api
      .http()
      .get(`/api/bulletins/${first.id}/export/docx`)
      .set('Authorization', await api.login('gz-scx'))
      .responseType('blob')
      .expect(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('推进情况通报'));
    expect(res.headers['content-disposition']).toMatch(/\.docx$/);
    const docx = await inspectDocx(Buffer.from(res.body as ArrayBuffer));
    expect(docx.paragraphs).toContain('赣州市科技创新赋能行动领导小组办公室文件');
    const counties = docx.tables.slice(0, 3).flatMap((t) => t.slice(1).map((r) => r[1]));
    expect(counties).toHaveLength(20);
    expect(counties).toEqual(expect.arrayContaining(['章贡区', '石城县', '赣州蓉江新区']));
    await api
      .http()
      .get(`/api/bulletins/${first.id}/export/doc`)
      .set('Authorization', office)
      .expect(400)
      .expect((r) => expect(r.body.details[0]).toMatchObject({ field: 'format' }));
    await api
      .http()
      .get(`/api/bulletins/${first.id}/export/docx`)
      .set('Authorization', await api.login('nc-office'))
      .expect(404);
  });

  it('reads a bulletin stored in the first snapshot layout with lights and units, as published', async () => {
    const [first] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office)).body;
    const current = (await api.http().get(`/api/bulletins/${first.id}`).set('Authorization', office))
      .body as Schema<'StoredBulletin'>;
    const { format: _format, lagging: _lagging, tiers, lateUnits: _late, ...rest } = current.snapshot;
    const legacy = {
      ...rest,
      quarterKey: '2022-Q4',
      tiers: tiers.map((t) => ({
        ...t,
        rows: t.rows.map(({ light, ...r }) => ({ ...r, flags: light === 'green' ? [] : [light] })),
      })),
      laggingTasks: [
        {
          label: '项目28 稀土新材料产业园标准厂房（完成投资，万元）',
          unitName: '龙南市',
          actual: '8112.15',
          expected: '12500',
          flag: 'yellow',
        },
      ],
      lateUnits: [{ unitName: '寻乌县', late: 2, missing: 1, flag: 'red' }],
    };
    const id = await insertBulletinLike(api.db, first.id, '2022-Q4', legacy);

    const read = (await api.http().get(`/api/bulletins/${id}`).set('Authorization', office).expect(200))
      .body as Schema<'StoredBulletin'>;
    expect(read.snapshot.format).toBe(3);
    expect(read.snapshot.lagging).toEqual([
      {
        kind: 'project',
        label: '项目28 稀土新材料产业园标准厂房',
        unitName: '龙南市',
        actual: { value: '8112.15', unit: '万元', decimals: 2 },
        expected: { value: '12500', unit: '万元', decimals: 2 },
        light: 'yellow',
      },
    ]);
    expect(read.snapshot.lateUnits).toEqual([{ unitName: '寻乌县', late: 2, missing: 1, light: 'red' }]);
    expect(read.snapshot.tiers[0]!.rows.map((r) => r.light)).toEqual(tiers[0]!.rows.map((r) => r.light));
    expect(read.snapshot.results).toEqual(current.snapshot.results);

    const pdf = await api
      .http()
      .get(`/api/bulletins/${id}/export/pdf`)
      .set('Authorization', office)
      .responseType('blob')
      .expect(200);
    const document = await getDocument({ data: new Uint8Array(pdf.body as ArrayBuffer), verbosity: 0 }).promise;
    let text = '';
    for (let n = 1; n <= document.numPages; n++)
      text += (await (await document.getPage(n)).getTextContent()).items
        .map((item) => ('str' in item ? item.str : ''))
        .join('');
    await document.destroy();
    expect(text).toContain('8112.15万元');
    expect(text).toContain('12500.00万元');
    expect(text).not.toMatch(/8112\.15%|旗/);
    // stored as it was published: the database still holds the first layout
    expect(await storedSnapshotHas(api.db, id, 'laggingTasks')).toBe(true);
  });

  it('stores its lagging list and inputs as rows (format 3), and reads one stored as objects (format 2) the same', async () => {
    const [first] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', office)).body;
    const current = (await api.http().get(`/api/bulletins/${first.id}`).set('Authorization', office))
      .body as Schema<'StoredBulletin'>;
    expect(current.snapshot.lagging.length).toBeGreaterThan(0);

    const stored = (await storedSnapshot(api.db, first.id)) as {
      format: number;
      lagging: unknown[];
      inputs: Record<string, { indicators: unknown[]; reports: unknown }>;
    };
    expect(stored.format).toBe(3);
    const lag = current.snapshot.lagging[0]!;
    expect(stored.lagging[0]).toEqual([
      lag.kind,
      lag.label,
      lag.unitName,
      lag.actual.value,
      lag.expected.value,
      lag.actual.unit,
      lag.actual.decimals,
      lag.light,
    ]);
    const [unitId, inputs] = Object.entries(stored.inputs)[0]!;
    expect(inputs.reports).toEqual(Object.values(current.snapshot.inputs[unitId]!.reports));

    const id = await insertBulletinLike(api.db, first.id, '2022-Q3', { ...current.snapshot, format: 2 });
    const read = (await api.http().get(`/api/bulletins/${id}`).set('Authorization', office).expect(200))
      .body as Schema<'StoredBulletin'>;
    expect(read.snapshot).toEqual(current.snapshot);
  });

  it('gives each county its rank in the quarter before, read from that bulletin as stored', async () => {
    const before = api.clock.now().toISOString();
    api.travelTo('2023-07-10T09:00:00+08:00');
    try {
      const signedIn = await api.login('office');
      const [q1] = (await api.http().get(`/api/plans/${plan}/bulletins`).set('Authorization', signedIn)).body;
      expect(q1.quarterKey).toBe('2023-Q1');
      const earlier = (await api.http().get(`/api/bulletins/${q1.id}`).set('Authorization', signedIn))
        .body as Schema<'StoredBulletin'>;
      const q2 = await api
        .http()
        .post(`/api/plans/${plan}/bulletins`)
        .set('Authorization', signedIn)
        .send({ quarter: '2023-Q2' })
        .expect(201);
      const ranks = new Map(earlier.snapshot.tiers.flatMap((t) => t.rows.map((r) => [r.unitName, r.rank])));
      const rows = (q2.body as Schema<'StoredBulletin'>).snapshot.tiers.flatMap((t) => t.rows);
      expect(rows).toHaveLength(20);
      for (const row of rows) expect(row.previousRank).toBe(ranks.get(row.unitName));
      // Stored as the text it was serialised to, read back as the object it was.
      expect(await storedSnapshot(api.db, q2.body.id)).toMatchObject({ format: 3, quarterKey: '2023-Q2' });
    } finally {
      api.travelTo(before);
    }
  });

  describe('schemes as data', () => {
    it('refuses a scheme whose points do not add up, a leaf without a rule and wrong parameters', async () => {
      const bad = {
        id: 'x',
        name: '测试',
        total: 100,
        criteria: [
          { id: 'a', name: '甲', points: 60, rule: { kind: 'rate', cap: 'lots' } },
          { id: 'b', name: '乙', points: 30 },
        ],
      };
      const res = await api
        .http()
        .post('/api/schemes')
        .set('Authorization', office)
        .send({ code: 'bad-2024', name: '坏方案', kind: 'county', year: 2024, definition: bad })
        .expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'definition.criteria[0].rule.cap',
          expect.stringMatching(/^definition\.criteria\[1\]/),
        ]),
      );
      expect(res.body.details.some((d: { reason: string }) => /合计|总分|不等/.test(d.reason))).toBe(true);
      expect(await schemesCoded(api.db, 'bad-2024')).toBe(0);
    });

    it('freezes a scheme a bulletin used, and versions changes through a clone', async () => {
      const schemes = await api
        .http()
        .get('/api/schemes')
        .query({ kind: 'quarterly' })
        .set('Authorization', office)
        .expect(200);
      const used = schemes.body[0];
      expect(used.status).toBe('frozen');
      await api.http().patch(`/api/schemes/${used.id}`).set('Authorization', office).send({ name: '改' }).expect(409);
      const copy = await api
        .http()
        .post(`/api/schemes/${used.id}/clone`)
        .set('Authorization', office)
        .send({})
        .expect(201);
      expect(copy.body).toMatchObject({ code: used.code, version: used.version + 1, status: 'draft' });
      const definition = {
        ...copy.body.definition,
        criteria: copy.body.definition.criteria.map((c: { id: string; points: number }) => ({
          ...c,
          points: c.id === 'q1' ? 50 : c.id === 'q3' ? 25 : c.points,
        })),
      };
      const edited = await api
        .http()
        .patch(`/api/schemes/${copy.body.id}`)
        .set('Authorization', office)
        .send({ definition })
        .expect(200);
      expect(edited.body.definition.criteria[0].points).toBe(50);
      await api.http().post(`/api/schemes/${copy.body.id}/activate`).set('Authorization', office).expect(201);
      const wrongLeaf = await api
        .http()
        .patch(`/api/schemes/${copy.body.id}`)
        .set('Authorization', office)
        .send({ inputMap: { nope: { type: 'timeliness' } } })
        .expect(409);
      expect(wrongLeaf.body.message).toContain('草稿');
    });
  });
});
