import { type Grid, valueAt, widthOf } from '@app/spreadsheets';
import { type ColumnSpec, findHeader, headerProblems, isEmptyRow, preambleMeta, soleCell } from '@app/spreadsheets';
import { parseYearHeader, splitIndicatorName, type YearMark } from './text.js';
import { parseInteger } from '@app/spreadsheets';
import type { GoalSheetRow } from './types.js';
import type { CellProblem, ParsedRow, ParsedSheet } from '@app/spreadsheets';
import {
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  estimateLines,
  LEFT,
  linesHeight,
  setDecimal,
  type SheetWriteOptions,
  startSheet,
  styleBody,
  workbookBuffer,
} from '@app/spreadsheets';

type GoalColumn = 'number' | 'indicator' | 'unit';

export const GOAL_COLUMNS: readonly ColumnSpec<GoalColumn>[] = [
  { key: 'number', label: '序号', required: true },
  { key: 'indicator', label: '指标名称', aliases: ['指标', '主要指标'], required: true },
  { key: 'unit', label: '计量单位', aliases: ['单位'], required: false },
];

interface YearColumn {
  column: number;
  year: number;
  kind: 'baseline' | 'target';
}

/**
 * Which year columns are baselines: a header that says so (2022年（基期）, 2025年目标) decides;
 * when no header says anything, the earliest year is the baseline (基期) if there are at least two
 * year columns — as in Nanchang 附件2, where 2022 is the baseline of the 2023–2025 targets.
 */
function classifyYears(found: { column: number; year: number; mark: YearMark }[]): YearColumn[] {
  const anyBaseline = found.some((y) => y.mark === 'baseline');
  const anyTarget = found.some((y) => y.mark === 'target');
  const earliest = Math.min(...found.map((y) => y.year));
  return found.map((y) => {
    let kind: YearColumn['kind'];
    if (y.mark) kind = y.mark;
    else if (anyBaseline) kind = 'target';
    else if (anyTarget) kind = 'baseline';
    else kind = found.length >= 2 && y.year === earliest ? 'baseline' : 'target';
    return { column: y.column, year: y.year, kind };
  });
}

/**
 * 主要目标 (Nanchang 附件2). Office layout: 序号 | 指标名称（unit） | 2022年 | 2023年 … with the
 * unit in full- or half-width parentheses; CSV layout: a separate 计量单位 column and year headers
 * "2023" or "2023年". Values stay text as printed ("预估2.0以上"); empty cells are left out.
 * Problems: 序号 empty, not an integer or repeated; empty 指标名称; no year column.
 */
export function readGoalSheet(grid: Grid): ParsedSheet<GoalSheetRow> {
  const header = findHeader(grid, GOAL_COLUMNS);
  const problems: CellProblem[] = headerProblems(grid, header, GOAL_COLUMNS);
  if (!header || problems.length > 0) {
    return { sheet: grid.sheet, rows: [], problems, meta: header ? preambleMeta(grid, header.row) : {} };
  }
  const columns = header.columns;
  const meta = { ...preambleMeta(grid, header.row), layout: columns.unit === undefined ? 'office' : 'flat' };
  const taken = new Set(Object.values(columns));
  const found: { column: number; year: number; mark: YearMark }[] = [];
  for (let c = 0; c < widthOf(grid); c++) {
    if (taken.has(c)) continue;
    const year = parseYearHeader(valueAt(grid, header.row, c));
    if (year) found.push({ column: c, ...year });
  }
  if (found.length === 0) {
    problems.push({ sheet: grid.sheet, row: header.row + 1, column: '年度', message: '缺少年度列（如“2023年”）' });
    return { sheet: grid.sheet, rows: [], problems, meta };
  }
  const years = classifyYears(found);
  const valueColumns = new Set([...years.map((y) => y.column), columns.indicator, columns.unit]);

  const rows: ParsedRow<GoalSheetRow>[] = [];
  const seen = new Map<number, number>();
  for (let r = header.row + 1; r < grid.cells.length; r++) {
    if (isEmptyRow(grid, r)) continue;
    const sole = soleCell(grid, r);
    if (sole && !valueColumns.has(sole.column) && parseInteger(sole.text) === null) continue;
    const found: CellProblem[] = [];
    const problem = (column: string, message: string) => found.push({ sheet: grid.sheet, row: r + 1, column, message });
    const numberText = valueAt(grid, r, columns.number!);
    const number = parseInteger(numberText);
    if (numberText === '') problem('序号', '序号为空');
    else if (number === null) problem('序号', `序号“${numberText}”不是整数`);
    else if (seen.has(number)) problem('序号', `序号 ${number} 与第 ${seen.get(number)} 行重复`);
    else seen.set(number, r + 1);

    const nameCell = valueAt(grid, r, columns.indicator!);
    const unitCell = columns.unit === undefined ? '' : valueAt(grid, r, columns.unit);
    const split = splitIndicatorName(nameCell);
    const keepsUnit = unitCell !== '' && split.unitOfMeasure !== '' && split.unitOfMeasure !== unitCell;
    const indicator = keepsUnit ? nameCell.replace(/\s*\n\s*/g, '') : split.name;
    const unitOfMeasure = unitCell || split.unitOfMeasure;
    if (!indicator) problem('指标名称', '指标名称为空');

    let baseline: GoalSheetRow['baseline'] = null;
    const targets: GoalSheetRow['targets'] = [];
    for (const y of years) {
      const value = valueAt(grid, r, y.column);
      if (!value) continue;
      if (y.kind === 'baseline') baseline = { year: y.year, value };
      else targets.push({ year: y.year, value });
    }
    problems.push(...found);
    if (found.length > 0 || number === null) continue;
    rows.push({ row: r + 1, value: { number, indicator, unitOfMeasure, baseline, targets } });
  }
  return { sheet: grid.sheet, rows, problems, meta };
}

/**
 * The office layout of 附件2: 序号 | 指标名称（unit） | one column per year. Year headers are plain
 * ("2022年") when the layout rule reads them right (one baseline year before every target year);
 * otherwise they say 基期 / 目标. Numeric values are number cells that print as given.
 */
export async function writeGoalSheet(
  rows: GoalSheetRow[],
  options: SheetWriteOptions & {
    /** Year columns to print even when no row fills them (a blank template); else the years the rows fill. */
    years?: { baseline: number[]; targets: number[] };
  },
): Promise<Buffer> {
  const baselineYears = [
    ...new Set([
      ...(options.years?.baseline ?? []),
      ...rows.flatMap((g) => (g.baseline && g.baseline.value !== '' ? [g.baseline.year] : [])),
    ]),
  ];
  const targetYears = [
    ...new Set([
      ...(options.years?.targets ?? []),
      ...rows.flatMap((g) => g.targets.filter((t) => t.value !== '').map((t) => t.year)),
    ]),
  ];
  const columns: YearColumn[] = [
    ...baselineYears.map((year) => ({ column: 0, year, kind: 'baseline' as const })),
    ...targetYears.map((year) => ({ column: 0, year, kind: 'target' as const })),
  ].sort((a, b) => a.year - b.year || (a.kind === 'baseline' ? -1 : 1));
  const plain =
    (baselineYears.length === 1 && targetYears.every((y) => y > baselineYears[0]!)) ||
    (baselineYears.length === 0 && targetYears.length === 1);
  const layout: ColumnLayout[] = [
    { header: '序号', width: 6 },
    { header: '指标名称', width: 46 },
    ...columns.map((y) => ({
      header: plain ? `${y.year}年` : `${y.year}年（${y.kind === 'baseline' ? '基期' : '目标'}）`,
      width: 13,
    })),
  ];
  const workbook = createWorkbook(options);
  const { sheet, headerRow } = startSheet(workbook, '主要目标', layout, options);
  let r = headerRow + 1;
  for (const goal of rows) {
    const name = goal.unitOfMeasure ? `${goal.indicator}（${goal.unitOfMeasure}）` : goal.indicator;
    sheet.getCell(r, 1).value = goal.number;
    sheet.getCell(r, 2).value = name;
    columns.forEach((y, i) => {
      const value =
        y.kind === 'baseline'
          ? goal.baseline && goal.baseline.year === y.year
            ? goal.baseline.value
            : ''
          : (goal.targets.find((t) => t.year === y.year)?.value ?? '');
      if (value !== '') setDecimal(sheet.getCell(r, i + 3), value);
    });
    styleBody(sheet, r, r, [CENTRE, LEFT, ...columns.map(() => CENTRE)]);
    sheet.getRow(r).height = linesHeight(estimateLines(name, 46));
    r++;
  }
  return workbookBuffer(workbook, options);
}
