import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { acceptancesAudited } from '../factories/audit.js';
import { aDocx, aPdf, aPng } from '../factories/files.js';
import { periodOf, planByDocNumber } from '../factories/plans.js';
import { statusesOf, submittedReportsOf, unreportedAssignmentOf } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import type { Schema } from '../setup/api-schema.js';
import { unitByCode } from '../setup/lookups.js';

type Row = Schema<'ReportRow'>;
type Expected = Schema<'ExpectedReport'>;
type Matrix = Schema<'CompletenessMatrix'>;

const MORNING = '2023-04-10T09:00:00+08:00';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The task number of a label such as "任务12 …", else null. */
const taskNumber = (label: string): number | null => {
  const m = /^任务(\d+) /.exec(label);
  return m ? Number(m[1]) : null;
};

/** True when the task numbers of consecutive rows in the same group never go down. */
function inTaskOrder<T>(rows: T[], group: (r: T) => string, label: (r: T) => string): boolean {
  return rows.every((r, i) => {
    if (i === 0) return true;
    const prev = rows[i - 1]!;
    const [a, b] = [taskNumber(label(prev)), taskNumber(label(r))];
    return group(prev) !== group(r) || a === null || b === null || a <= b;
  });
}

/** Reads a binary answer whole (supertest gives text for unknown types otherwise). */
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Issue #14 points 4, 6 and 7: lists name their items in task order, batch accept, evidence preview, matrix export. */
describe('the office’s review queue, lists and completeness export', () => {
  let api: TestApi;
  let plan: string;
  let office: string;

  beforeAll(async () => {
    api = await startApi();
    plan = await planByDocNumber(api.db, '赣市科赋字');
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(async () => {
    api.travelTo(MORNING);
    office = await api.login('office');
  });

  describe('lists name the item of each row and sort tasks by number', () => {
    it('the review queue and 报送记录 carry each report’s item', async () => {
      const res = await api
        .http()
        .get('/api/reports')
        .query({ planId: plan, status: 'submitted', pageSize: 200 })
        .set('Authorization', office)
        .expect(200);
      const rows: Row[] = res.body.items;
      expect(rows.length).toBeGreaterThan(20);
      for (const r of rows) expect(r.subjectLabel).toMatch(/^(任务\d+ \S|项目\d+ \S|指标数据$)/);
      expect(rows.some((r) => r.subjectType === 'project' || r.subjectType === 'indicators')).toBe(true);
    });

    it('a history by month lists a unit’s tasks by number (任务2 before 任务10)', async () => {
      const liaison = await api.login('gz-kjj');
      const res = await api
        .http()
        .get('/api/reports')
        .query({ planId: plan, order: 'period', pageSize: 200 })
        .set('Authorization', liaison)
        .expect(200);
      const rows: Row[] = res.body.items;
      expect(rows.map((r) => taskNumber(r.subjectLabel))).toContain(10);
      expect(
        inTaskOrder(
          rows,
          (r) => `${r.periodId}:${r.unitId}`,
          (r) => r.subjectLabel,
        ),
      ).toBe(true);
    });

    it('the to-do of a unit with 28 tasks lists them by number', async () => {
      const liaison = await api.login('gz-kjj');
      const res = await api.http().get('/api/reporting/todo').set('Authorization', liaison).expect(200);
      const numbers = (res.body as Expected[])
        .filter((t) => t.month === 4 && t.subjectType === 'assignment')
        .map((t) => taskNumber(t.label));
      expect(numbers.length).toBeGreaterThan(20);
      expect(numbers.indexOf(2)).toBeLessThan(numbers.indexOf(10));
      expect(numbers).toEqual([...numbers].sort((a, b) => a! - b!));
    });

    it('the unit history lists each month’s tasks by number', async () => {
      const kjj = await unitByCode(api.db, 'GZ-KJJ');
      const res = await api
        .http()
        .get(`/api/plans/${plan}/units/${kjj.id}/history`)
        .set('Authorization', office)
        .expect(200);
      const rows: Expected[] = res.body;
      expect(rows.filter((r) => r.month === 3).map((r) => taskNumber(r.label))).toContain(10);
      expect(
        inTaskOrder(
          rows,
          (r) => `${r.month}:${r.unitId}`,
          (r) => r.label,
        ),
      ).toBe(true);
    });
  });

  describe('batch accept', () => {
    it('accepts the selected reports together, each audited as one accept is', async () => {
      const picked = await submittedReportsOf(api.db, 'GZ-FGW', 2);
      expect(picked).toHaveLength(2);
      const res = await api
        .http()
        .post('/api/reports/accept')
        .set('Authorization', office)
        .send({ items: picked })
        .expect(200);
      expect(res.body.accepted).toEqual(picked.map((p) => ({ id: p.id, version: p.version + 1 })));
      expect(
        await statusesOf(
          api.db,
          picked.map((p) => p.id),
        ),
      ).toEqual(Object.fromEntries(picked.map((p) => [p.id, 'accepted'])));
      for (const p of picked)
        expect(await acceptancesAudited(api.db, p.id)).toEqual([{ actorName: expect.any(String) }]);
    });

    it('changes nothing when one of them was already decided or read at an older version', async () => {
      const [fresh, other] = await submittedReportsOf(api.db, 'GZ-GXJ', 2);
      const single = await api.http().post(`/api/reports/${other!.id}/accept`).set('Authorization', office).expect(200);
      const decided = await api
        .http()
        .post('/api/reports/accept')
        .set('Authorization', office)
        .send({ items: [fresh, { id: other!.id, version: single.body.version }] })
        .expect(409);
      expect(decided.body.message).toContain('不是待审核状态');
      const [next] = (await submittedReportsOf(api.db, 'GZ-GXJ', 3)).filter((r) => r.id !== fresh!.id);
      await api
        .http()
        .post('/api/reports/accept')
        .set('Authorization', office)
        .send({ items: [fresh, { id: next!.id, version: next!.version + 1 }] })
        .expect(409);
      expect(await statusesOf(api.db, [fresh!.id, next!.id])).toEqual({
        [fresh!.id]: 'submitted',
        [next!.id]: 'submitted',
      });
      expect(await acceptancesAudited(api.db, fresh!.id)).toEqual([]);
    });

    it('refuses liaisons and leaders, another city’s office, unknown ids and duplicates', async () => {
      const picked = await submittedReportsOf(api.db, 'GZ-KJJ', 2);
      for (const username of ['gz-kjj', 'leader']) {
        await api
          .http()
          .post('/api/reports/accept')
          .set('Authorization', await api.login(username))
          .send({ items: picked })
          .expect(403);
      }
      await api
        .http()
        .post('/api/reports/accept')
        .set('Authorization', await api.login('nc-office'))
        .send({ items: picked })
        .expect(404);
      await api
        .http()
        .post('/api/reports/accept')
        .set('Authorization', office)
        .send({ items: [picked[0], { id: '00000000-0000-4000-8000-000000000000', version: 1 }] })
        .expect(404);
      await api
        .http()
        .post('/api/reports/accept')
        .set('Authorization', office)
        .send({ items: [picked[0], picked[0]] })
        .expect(400);
      await api.http().post('/api/reports/accept').set('Authorization', office).send({ items: [] }).expect(400);
      expect(
        Object.values(
          await statusesOf(
            api.db,
            picked.map((p) => p.id),
          ),
        ),
      ).toEqual(['submitted', 'submitted']);
    });
  });

  describe('evidence preview', () => {
    let reportId: string;
    const files: Record<string, string> = {};

    beforeAll(async () => {
      api.travelTo(MORNING);
      const liaison = await api.login('gz-kx');
      const april = await periodOf(api.db, plan, 2023, 4);
      const subjectId = await unreportedAssignmentOf(api.db, 'GZ-KX', april);
      const draft = await api
        .http()
        .put('/api/reports')
        .set('Authorization', liaison)
        .send({ periodId: april, subjectType: 'assignment', subjectId, narrative: '附现场照片和会议纪要。' })
        .expect(200);
      reportId = draft.body.id;
      const uploads: [string, Buffer][] = [
        ['会议纪要.pdf', await aPdf('Minutes')],
        ['现场照片.png', aPng(4, 3, [200, 30, 30])],
        ['台账.docx', aDocx()],
      ];
      for (const [name, bytes] of uploads) {
        const res = await api
          .http()
          .post(`/api/reports/${reportId}/evidence`)
          .set('Authorization', liaison)
          .attach('file', bytes, name)
          .expect(201);
        files[name] = res.body.evidence.find((e: { filename: string }) => e.filename === name).sha256;
      }
    });

    it('shows PDF and images inline with their media type, and keeps nosniff', async () => {
      for (const [name, type] of [
        ['会议纪要.pdf', 'application/pdf'],
        ['现场照片.png', 'image/png'],
      ] as const) {
        const res = await api
          .http()
          .get(`/api/reports/${reportId}/evidence/${files[name]}/preview`)
          .set('Authorization', office)
          .buffer(true)
          .parse(binary)
          .expect(200);
        expect(res.headers['content-type']).toBe(type);
        expect(res.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent(name)}`);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect((res.body as Buffer).subarray(0, 4).toString('latin1')).toBe(type === 'image/png' ? '\x89PNG' : '%PDF');
      }
      // The download stays an attachment.
      const download = await api
        .http()
        .get(`/api/reports/${reportId}/evidence/${files['会议纪要.pdf']}`)
        .set('Authorization', office)
        .expect(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    });

    it('never shows other types inline, and hides the file from those who may not read the report', async () => {
      const docx = await api
        .http()
        .get(`/api/reports/${reportId}/evidence/${files['台账.docx']}/preview`)
        .set('Authorization', office)
        .expect(409);
      expect(docx.headers['content-disposition']).toBeUndefined();
      expect(docx.body.message).toContain('不能在线预览');
      for (const username of ['gz-kjj', 'nc-office']) {
        await api
          .http()
          .get(`/api/reports/${reportId}/evidence/${files['会议纪要.pdf']}/preview`)
          .set('Authorization', await api.login(username))
          .expect(404);
      }
      await api.http().get(`/api/reports/${reportId}/evidence/${files['会议纪要.pdf']}/preview`).expect(401);
    });
  });

  describe('completeness matrix export', () => {
    const exportOf = async (username: string, expected = 200) =>
      api
        .http()
        .get(`/api/plans/${plan}/completeness/export`)
        .query({ year: 2023 })
        .set('Authorization', await api.login(username))
        .buffer(true)
        .parse(binary)
        .expect(expected);

    it('writes the matrix the page shows into a workbook, states and rates in Chinese with their units', async () => {
      const matrix: Matrix = (
        await api
          .http()
          .get(`/api/plans/${plan}/completeness`)
          .query({ year: 2023 })
          .set('Authorization', office)
          .expect(200)
      ).body;
      const res = await exportOf('office');
      expect(res.headers['content-type']).toBe(XLSX);
      expect(decodeURIComponent(res.headers['content-disposition'] ?? '')).toContain('报送情况（2023年）.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(res.body as Buffer).buffer);
      const sheet = workbook.getWorksheet('报送情况')!;
      expect(sheet).toBeDefined();
      const headerRow = [...Array(10).keys()].map((i) => i + 1).find((r) => sheet.getCell(r, 1).value === '序号')!;
      const headers = (sheet.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1);
      expect(headers).toEqual([
        '序号',
        '单位',
        '类别',
        ...matrix.months.map((m) => `${m}月`),
        '应报（份）',
        '按时（份）',
        '迟报（份）',
        '未报（份）',
        '按时率（%）',
      ]);
      const names = { on_time: '按时', late: '迟报', missing: '未报', pending: '未到期' } as const;
      matrix.rows.forEach((unit, i) => {
        const row = sheet.getRow(headerRow + 1 + i);
        expect(row.getCell(2).value).toBe(unit.unitName);
        matrix.months.forEach((m, j) => expect(row.getCell(4 + j).value).toBe(names[unit.cells[m]!.status]));
        const rate = row.getCell(4 + matrix.months.length + 4);
        expect(rate.value).toBe(unit.rate === null ? '—' : Number(unit.rate));
        if (unit.rate !== null) expect(rate.numFmt).toBe('0.00');
      });
      const missingInMarch = matrix.rows.filter((r) => r.cells[3]?.status === 'missing');
      expect(missingInMarch.length).toBeGreaterThan(0);
      const totals = sheet.getRow(headerRow + 1 + matrix.rows.length);
      expect(totals.getCell(1).value).toBe('各月按时率（%）');
      expect(totals.getCell(4 + matrix.months.length + 4).value).toBe(Number(matrix.planRate));
    });

    it('gives a liaison only its own units, and another city nothing', async () => {
      const res = await exportOf('gz-kx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(res.body as Buffer).buffer);
      const names: unknown[] = [];
      workbook
        .getWorksheet('报送情况')!
        .getColumn(2)
        .eachCell((c) => names.push(c.value));
      expect(names).toContain('市科协');
      expect(names).not.toContain('市科技局');
      await exportOf('nc-office', 404);
      await api.http().get(`/api/plans/${plan}/completeness/export`).query({ year: 2023 }).expect(401);
    });
  });
});
