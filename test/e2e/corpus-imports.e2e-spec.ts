import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadGrid } from '@app/spreadsheets';
import * as sheetReaders from '../../libs/plans/src/import/sheet-readers.js';
import { startApi, type TestApi } from '../setup/api.js';

// Every workbook of fixtures/corpus (other producers' files, see scripts/corpus) through its
// import route as a dry run: the seeded plans and funds already hold the fixtures' content, so a
// file that reads right changes nothing. The manifest names the importer and the counts.

type PlanKind = 'tasks' | 'projects' | 'goals' | 'breakdown';

interface CorpusEntry {
  file: string;
  source: string;
  expected: {
    importer: PlanKind | 'fund-targets';
    rows?: number;
    unchanged?: number;
    projects?: number;
    indicators?: number;
    newProjects?: number;
  };
  /** Where the product handles this file wrongly: the named assertions leave it out and pin the defect. */
  knownDefect?: { assertions: string[]; reason: string };
}

const corpus = path.resolve('fixtures/corpus');
const entries = (JSON.parse(await readFile(path.join(corpus, 'manifest.json'), 'utf8')) as { files: CorpusEntry[] })
  .files;
const holds = (e: CorpusEntry, assertion: 'dry-run unchanged' | 'round-trip cell text') =>
  !e.knownDefect?.assertions.includes(assertion);
const planEntries = entries.filter((e) => e.expected.importer !== 'fund-targets');
const fundEntries = entries.filter((e) => e.expected.importer === 'fund-targets');

/**
 * A row without the unit names: the import matches 章贡区人民政府 to the register's 章贡区 (and 赣县区 to
 * 赣县区（赣州高新区）) and the export prints the register's name, by design; a placeholder liaison
 * name quotes its unit, so it follows. Every other cell must come back as the office wrote it.
 */
function asWritten(row: object): object {
  const { leadUnits, responsibleUnits, county, liaisons, ...rest } = row as Record<string, unknown>;
  void leadUnits;
  void responsibleUnits;
  void county;
  if (!Array.isArray(liaisons)) return rest;
  return {
    ...rest,
    liaisons: liaisons.map(({ section, phone }: { section: string; phone: string }) => ({ section, phone })),
  };
}

describe('imports of the real-world workbook corpus', () => {
  let api: TestApi;
  const tokens: Record<'gz' | 'nc', string> = { gz: '', nc: '' };
  const plans: Record<'gz' | 'nc', string> = { gz: '', nc: '' };
  const planOf = (kind: PlanKind) => (kind === 'tasks' || kind === 'projects' ? 'gz' : 'nc');

  beforeAll(async () => {
    api = await startApi({ now: '2023-12-20T10:00:00+08:00' });
    tokens.gz = await api.login('office');
    tokens.nc = await api.login('nc-office');
    const gz = await api.http().get('/api/plans').set('Authorization', tokens.gz).expect(200);
    plans.gz = gz.body.items.find((p: { docNumber: string }) => p.docNumber === '赣市科赋字〔2023〕1号').id;
    const nc = await api.http().get('/api/plans').set('Authorization', tokens.nc).expect(200);
    plans.nc = nc.body.items[0].id;
  });
  afterAll(async () => {
    await api.close();
  });

  const dryRun = (kind: PlanKind, file: Buffer, filename: string) => {
    const who = planOf(kind);
    return api
      .http()
      .post(`/api/plans/${plans[who]}/imports/${kind}`)
      .query({ mode: 'dry-run' })
      .set('Authorization', tokens[who])
      .attach('file', file, filename);
  };

  it.each(planEntries.filter((e) => holds(e, 'dry-run unchanged')).map((e) => [e.file, e] as const))(
    '%s imports as a dry run with its rows unchanged and no problems',
    async (file, entry) => {
      const kind = entry.expected.importer as PlanKind;
      const res = await dryRun(kind, await readFile(path.join(corpus, file)), file).expect(201);
      expect({ problems: res.body.problems, summary: res.body.summary }).toEqual({
        problems: [],
        summary: { create: 0, update: 0, unchanged: entry.expected.unchanged, remove: 0 },
      });
    },
  );

  it.each(fundEntries.filter((e) => holds(e, 'dry-run unchanged')).map((e) => [e.file, e] as const))(
    '%s imports as a fund target dry run with every project and indicator and no problems',
    async (file, entry) => {
      const res = await api
        .http()
        .post('/api/fund-projects/imports/targets')
        .set('Authorization', tokens.nc)
        .attach('file', await readFile(path.join(corpus, file)), file)
        .expect(201);
      expect(res.body).toMatchObject({ dryRun: true, committed: false, problems: [] });
      const { create, update, unchanged, remove } = res.body.summary as Record<string, number>;
      const newProjects = (res.body.changes as { label: string }[]).filter((c) =>
        c.label.endsWith('（新项目）'),
      ).length;
      // A new project counts once itself and once per indicator; a seeded one only per indicator.
      expect({ indicators: create + update + unchanged - newProjects, update, remove }).toEqual({
        indicators: entry.expected.indicators,
        update: 0,
        remove: 0,
      });
      // The seed holds the 市级科技发展专项资金 only: every other project must be announced as new.
      expect(newProjects).toBe(entry.expected.newProjects ?? 0);
    },
  );

  // Jest refuses an empty table: the pin exists only while the manifest names a defect.
  const defective = entries.filter((e) => !holds(e, 'dry-run unchanged'));
  if (defective.length > 0)
    it.each(defective.map((e) => [e.file, e] as const))(
      '%s still reports changes on a dry run of unchanged content (known defect, see the manifest)',
      async (file, entry) => {
        const res =
          entry.expected.importer === 'fund-targets'
            ? await api
                .http()
                .post('/api/fund-projects/imports/targets')
                .set('Authorization', tokens.nc)
                .attach('file', await readFile(path.join(corpus, file)), file)
                .expect(201)
            : await dryRun(entry.expected.importer, await readFile(path.join(corpus, file)), file).expect(201);
        expect(res.body.problems).toEqual([]);
        expect(res.body.summary.update).toBeGreaterThan(0);
      },
    );

  it('keeps a number as the office wrote it: 1.80 read back as 1.8 is a change the dry run shows, in both written forms', async () => {
    const csv = (await readFile(path.resolve('fixtures/source/nanchang-2023-breakdown.csv'), 'utf8'))
      .replace(
        '湾里管理局,全社会研发经费投入强度,%,1.74,1.80,1.88',
        '湾里管理局,全社会研发经费投入强度,%,1.74,1.8,1.88',
      )
      .replace('高新区,全社会研发经费投入强度,%,5.62,5.72,6.0', '高新区,全社会研发经费投入强度,%,5.62,5.72,6');
    const res = await dryRun('breakdown', Buffer.from(csv), 'breakdown.csv').expect(201);
    expect(res.body.problems).toEqual([]);
    expect(res.body.summary).toMatchObject({ create: 0, update: 2 });
    expect(res.body.changes.map((c: { changes: unknown[] }) => c.changes)).toEqual(
      expect.arrayContaining([
        [{ field: 'value', before: '1.80', after: '1.8' }],
        [{ field: 'value', before: '6.0', after: '6' }],
      ]),
    );
  });

  it.each(['tasks', 'projects', 'goals', 'breakdown'] as const)(
    'round trip of %s: each corpus file, exported and imported again, changes nothing and keeps its cell text',
    async (kind) => {
      const who = planOf(kind);
      const read = sheetReaders[kind];
      const exported = await api
        .http()
        .get(`/api/plans/${plans[who]}/exports/${kind}`)
        .set('Authorization', tokens[who])
        .responseType('blob')
        .expect(200);
      const back = await dryRun(kind, exported.body as Buffer, `${kind}.xlsx`).expect(201);
      expect({
        problems: back.body.problems,
        create: back.body.summary.create,
        update: back.body.summary.update,
        remove: back.body.summary.remove,
      }).toEqual({ problems: [], create: 0, update: 0, remove: 0 });
      const exportedRows = read(await loadGrid(exported.body as Buffer, `${kind}.xlsx`)).rows.map((r) =>
        asWritten(r.value),
      );
      for (const entry of planEntries.filter((e) => e.expected.importer === kind && holds(e, 'round-trip cell text'))) {
        const buffer = await readFile(path.join(corpus, entry.file));
        const imported = read(await loadGrid(buffer, entry.file)).rows.map((r) => asWritten(r.value));
        expect({ file: entry.file, rows: exportedRows }).toEqual({ file: entry.file, rows: imported });
      }
      // Pins each known defect, so the manifest is corrected when it is fixed.
      for (const entry of planEntries.filter(
        (e) => e.expected.importer === kind && !holds(e, 'round-trip cell text'),
      )) {
        const imported = read(await loadGrid(await readFile(path.join(corpus, entry.file)), entry.file)).rows.map((r) =>
          asWritten(r.value),
        );
        expect({ file: entry.file, rows: exportedRows }).not.toEqual({ file: entry.file, rows: imported });
      }
    },
  );
});
