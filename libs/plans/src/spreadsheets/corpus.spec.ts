import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { readTargetTables } from '../../../funds/src/spreadsheets/index.js';
import * as sheetReaders from '../import/sheet-readers.js';
import { type Grid, loadGrid } from '@app/spreadsheets';
import { FIXTURES_DIR, fixtureBuffer } from './spec-helpers.js';

// fixtures/corpus (scripts/corpus/build-corpus.sh): our fixtures as LibreOffice and openpyxl save
// them, repacked the way Excel stores a package, with tabs moved and deleted, and fund target
// tables twelve to a workbook with WPS number formats. Each must read as the fixture it came from.

type Importer = 'tasks' | 'projects' | 'goals' | 'breakdown' | 'fund-targets';

interface CorpusEntry {
  file: string;
  source: string;
  writer: string;
  varies: string;
  sheets: string[];
  expected: { importer: Importer; rows?: number; unchanged?: number; projects?: number; indicators?: number };
  /**
   * grids: the same grids as the source; per-sheet: the same grid under the same sheet name;
   * fund-tables: the same target tables; fund-values: the same, but for the raw cell texts a typed
   * cell legitimately changes (100 typed as 100% reads "100%", the same target).
   */
  compare: 'grids' | 'per-sheet' | 'fund-tables' | 'fund-values';
  extraSheets?: string[];
  /** Where the product handles this file wrongly: the named assertions leave it out and pin the defect. */
  knownDefect?: { assertions: string[]; reason: string };
}

const manifest = JSON.parse(readFileSync(`${FIXTURES_DIR}corpus/manifest.json`, 'utf8')) as { files: CorpusEntry[] };
const entries = manifest.files;
const holds = (e: CorpusEntry, assertion: 'grids' | 'rows') => !e.knownDefect?.assertions.includes(assertion);

async function grids(name: string): Promise<Grid[]> {
  return loadGrid(await fixtureBuffer(name), name);
}

/** Indicators without the sheet position, which legitimately moves when tables are stacked. */
function indicatorsOf(tables: ReturnType<typeof readTargetTables>['tables']) {
  return tables.map((t) => t.indicators.map((i) => i.value));
}

/** The tables without each target's raw cell texts (`text.cells`: operator, value, unit as written). */
function withoutCellTexts(workbook: ReturnType<typeof readTargetTables>): unknown {
  return JSON.parse(
    JSON.stringify(workbook, (key, value: unknown) =>
      key === 'cells' && value !== null && typeof value === 'object' && 'operator' in value ? undefined : value,
    ),
  );
}

describe('real-world workbook corpus', () => {
  it('lists every workbook of the folder once, with a known importer', () => {
    expect(entries.length).toBeGreaterThanOrEqual(27);
    expect(new Set(entries.map((e) => e.file)).size).toBe(entries.length);
    for (const e of entries)
      expect(['tasks', 'projects', 'goals', 'breakdown', 'fund-targets']).toContain(e.expected.importer);
  });

  it.each(entries.map((e) => [e.file, e] as const))(
    "%s reads to the same grids 20 times, with the manifest's sheets",
    async (file, entry) => {
      const buffer = await fixtureBuffer(`corpus/${file}`);
      const first = await loadGrid(buffer, file);
      expect(first.map((g) => g.sheet)).toEqual(entry.sheets);
      for (let i = 1; i < 20; i++) expect(await loadGrid(buffer, file)).toEqual(first);
    },
  );

  it.each(entries.filter((e) => e.compare === 'grids' && holds(e, 'grids')).map((e) => [e.file, e] as const))(
    '%s holds exactly the grids of its source fixture',
    async (file, entry) => {
      expect(await grids(`corpus/${file}`)).toEqual(await grids(entry.source));
    },
  );

  it.each(entries.filter((e) => e.compare === 'per-sheet' && holds(e, 'grids')).map((e) => [e.file, e] as const))(
    '%s keeps every remaining tab, merges included, under its name',
    async (file, entry) => {
      const theirs = await grids(`corpus/${file}`);
      const ours = await grids(entry.source);
      expect(theirs.map((g) => g.sheet)).toEqual([...(entry.extraSheets ?? []), ...ours.map((g) => g.sheet)]);
      for (const grid of ours) expect(theirs.find((g) => g.sheet === grid.sheet)).toEqual(grid);
      const note = theirs.find((g) => g.sheet === '填表说明');
      expect(note?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    },
  );

  const planFiles = entries.filter((e) => e.expected.importer !== 'fund-targets' && holds(e, 'rows'));
  it.each(planFiles.map((e) => [e.file, e] as const))(
    '%s parses into the rows of its source fixture, without problems',
    async (file, entry) => {
      const read = sheetReaders[entry.expected.importer as Exclude<Importer, 'fund-targets'>];
      const theirs = read(await grids(`corpus/${file}`));
      const ours = read(await grids(entry.source));
      expect(theirs.problems).toEqual([]);
      expect(theirs.rows).toHaveLength(entry.expected.rows!);
      expect(theirs).toEqual(ours);
    },
  );

  const fundFiles = entries.filter((e) => e.expected.importer === 'fund-targets' && holds(e, 'rows'));
  it.each(fundFiles.map((e) => [e.file, e] as const))(
    '%s parses into the target tables of its source fixture, without problems',
    async (file, entry) => {
      const theirs = readTargetTables(await grids(`corpus/${file}`));
      const ours = readTargetTables(await grids(entry.source));
      expect(theirs.problems).toEqual([]);
      expect(theirs.tables).toHaveLength(entry.expected.projects!);
      expect(theirs.tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(entry.expected.indicators);
      if (entry.compare === 'fund-tables' && theirs.tables.length !== ours.tables.length) {
        // Twelve projects made from the fixture's two, alternately: each reads as its model.
        const models = indicatorsOf(ours.tables);
        indicatorsOf(theirs.tables).forEach((indicators, k) => expect(indicators).toEqual(models[k % models.length]));
        theirs.tables.forEach((table, k) => {
          expect(table.header).toEqual({
            ...ours.tables[k % 2]!.header,
            projectName: `${ours.tables[k % 2]!.header.projectName}（第${k + 1}批）`,
            amount: String(100 + 25 * k),
          });
        });
      } else if (entry.compare === 'fund-values') {
        expect(withoutCellTexts(theirs)).toEqual(withoutCellTexts(ours));
      } else {
        expect(theirs).toEqual(ours);
      }
    },
  );

  // Jest refuses an empty table: the pin exists only while the manifest names a defect.
  const defective = entries.filter((e) => e.expected.importer === 'fund-targets' && !holds(e, 'rows'));
  if (defective.length > 0)
    it.each(defective.map((e) => [e.file, e] as const))(
      '%s still reads differently from its source fixture (known defect, see the manifest)',
      async (file, entry) => {
        const theirs = readTargetTables(await grids(`corpus/${file}`));
        expect(theirs.problems).toEqual([]);
        expect(theirs.tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(entry.expected.indicators);
        expect(theirs).not.toEqual(readTargetTables(await grids(entry.source)));
      },
    );
});
