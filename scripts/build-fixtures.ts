// Builds the checked-in office spreadsheets in fixtures/ from the reference CSVs in fixtures/source/:
//   node --import ./scripts/ts-loader.mjs scripts/build-fixtures.ts
// The CSVs are read with the same readers the import uses and written with the export writers, in
// the layouts of the source documents (赣市科赋字〔2023〕1号 附件1/2, 洪发〔2023〕10号 附件2/3 and its task list), and the
// special-fund performance target tables (绩效目标表) with the funds writer in both of its layouts.
// Liaison names are placeholders, never real people. The workbook and ZIP timestamps are fixed, so
// rebuilding without a change in the CSVs or the writers gives the same bytes.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readBreakdownSheet,
  readGoalSheet,
  readProjectSheet,
  readTaskSheet,
  writeBreakdownSheet,
  writeGoalSheet,
  writeProjectSheet,
  writeTaskSheet,
} from '../libs/plans/src/spreadsheets/index.js';
import { type CellProblem, type ParsedSheet, type Grid, loadGrid } from '@app/spreadsheets';
import { writeProgrammeTaskSheet } from '../libs/plans/src/spreadsheets/task-sheet.js';
import { type TargetTableForWrite, readTargetTables, writeTargetTables } from '../libs/funds/src/spreadsheets/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'fixtures');
const timestamp = new Date(Date.UTC(2023, 0, 1));
const PLACEHOLDER_PHONE = '0797-0000000';

async function read<T>(file: string, reader: (grid: Grid) => ParsedSheet<T>): Promise<ParsedSheet<T>> {
  const grids = await loadGrid(await readFile(path.join(fixtures, 'source', file)), file);
  const sheet = reader(grids[0]!);
  failOnProblems(file, sheet.problems);
  return sheet;
}

function failOnProblems(file: string, problems: CellProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((p) => `  ${p.sheet} 第${p.row}行 ${p.column}: ${p.message}`);
  throw new Error(`${file} has problems:\n${lines.join('\n')}`);
}

/** The target tables of a reference CSV, as the writer takes them. */
async function readTargets(file: string): Promise<TargetTableForWrite[]> {
  const parsed = readTargetTables(await loadGrid(await readFile(path.join(fixtures, 'source', file)), file));
  failOnProblems(file, parsed.problems);
  return parsed.tables.map((t) => ({ header: t.header, indicators: t.indicators.map((i) => i.value) }));
}

const indicatorCount = (tables: TargetTableForWrite[]) => tables.reduce((sum, t) => sum + t.indicators.length, 0);

async function write(file: string, buffer: Buffer, count: number): Promise<void> {
  await writeFile(path.join(fixtures, file), buffer);
  console.log(`fixtures/${file}: ${count} rows, ${buffer.length} bytes`);
}

const tasks = await read('ganzhou-2023-tasks.csv', readTaskSheet);
const taskRows = tasks.rows.map(({ value }) => ({
  ...value,
  liaisons: value.liaisons.map((l) => ({ ...l, name: `联络员（${l.unit}）`, phone: PLACEHOLDER_PHONE })),
}));
await write(
  'ganzhou-2023-tasks.xlsx',
  await writeTaskSheet(taskRows, { title: '2023年赣州市科技创新赋能行动任务清单', attachment: '附件1', timestamp }),
  taskRows.length,
);

const projects = await read('ganzhou-2023-projects.csv', readProjectSheet);
await write(
  'ganzhou-2023-projects.xlsx',
  await writeProjectSheet(
    projects.rows.map((r) => r.value),
    {
      title: '2023年赣州市科技创新赋能行动项目清单',
      attachment: '附件2',
      annualYear: projects.meta.annualYear!,
      timestamp,
    },
  ),
  projects.rows.length,
);

const goals = await read('nanchang-2023-goals.csv', readGoalSheet);
await write(
  'nanchang-2023-goals.xlsx',
  await writeGoalSheet(
    goals.rows.map((r) => r.value),
    { title: '区域科创中心重要任务情况和预期目标', attachment: '附件2', timestamp },
  ),
  goals.rows.length,
);

const breakdown = await read('nanchang-2023-breakdown.csv', readBreakdownSheet);
await write(
  'nanchang-2023-breakdown.xlsx',
  await writeBreakdownSheet(
    breakdown.rows.map((r) => r.value),
    { title: '主要科技任务分解表', attachment: '附件3', timestamp },
  ),
  breakdown.rows.length,
);

// 三、重点任务 and 二、区域布局 in the document's own layout (工程 | 任务名称 | 具体内容 | 牵头单位 | 责任单位).
const nanchangTasks = await read('nanchang-2023-tasks.csv', readTaskSheet);
await write(
  'nanchang-2023-tasks.xlsx',
  await writeProgrammeTaskSheet(
    nanchangTasks.rows.map((r) => r.value),
    { title: '关于建设区域科创中心推动经济高质量发展的实施方案 重点任务', timestamp },
  ),
  nanchangTasks.rows.length,
);

// 市级科技发展专项资金 2023 (the city's 58,600万元 science fund), as its table prints: 计算符号 | 目标值 | 单位.
const scienceFund = await readTargets('nanchang-2023-science-fund-targets.csv');
await write(
  'nanchang-2023-science-fund-targets.xlsx',
  await writeTargetTables(scienceFund, { layout: 'operator-columns', timestamp }),
  indicatorCount(scienceFund),
);

// Two illustrative project tables with half-year and full-year values, one after another on one sheet.
const halfYear = await readTargets('nanchang-2023-fund-targets-half-year.csv');
await write(
  'nanchang-2023-fund-targets-half-year.xlsx',
  await writeTargetTables(halfYear, { layout: 'half-and-full', sheetName: '绩效目标表', timestamp }),
  indicatorCount(halfYear),
);
