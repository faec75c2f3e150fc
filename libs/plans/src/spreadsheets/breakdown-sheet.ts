import { type Grid, valueAt, widthOf } from '@app/spreadsheets';
import {
  type ColumnSpec,
  findHeader,
  HEADER_SEARCH_ROWS,
  headerProblems,
  isEmptyRow,
  preambleMeta,
  soleCell,
} from '@app/spreadsheets';
import { parseYearHeader, splitIndicatorName } from './text.js';
import { isPlainNumber, normaliseHeader } from '@app/spreadsheets';
import type { BreakdownSheetRow } from './types.js';
import type { CellProblem, ParsedRow, ParsedSheet } from '@app/spreadsheets';
import {
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  estimateLines,
  linesHeight,
  setDecimal,
  type SheetWriteOptions,
  startSheet,
  styleBody,
  styleHeaderRow,
  workbookBuffer,
} from '@app/spreadsheets';

type LongColumn = 'unit' | 'indicator' | 'measure';

export const BREAKDOWN_LONG_COLUMNS: readonly ColumnSpec<LongColumn>[] = [
  { key: 'unit', label: '单位', aliases: ['单位名称', '县（市、区）', '地区'], required: true },
  { key: 'indicator', label: '指标名称', aliases: ['指标'], required: true },
  { key: 'measure', label: '计量单位', required: false },
];

type Value = BreakdownSheetRow['values'][number];

interface ValueColumn {
  column: number;
  indicator: string;
  unitOfMeasure: string;
  year: number;
}

/** The problem column of a value cell: "高新技术企业数量 2023". */
export function breakdownColumn(indicator: string, year: number): string {
  return `${indicator} ${year}`;
}

/**
 * 主要科技任务分解表 (Nanchang 附件3), one record per unit (南昌市 first as printed). Two layouts:
 * - office: a row "指标名称" followed by each indicator (unit in parentheses) merged across its
 *   year columns, a row "年度" with the years, then one row per unit;
 * - long (nanchang-2023-breakdown.csv): 单位 | 指标名称 | 计量单位 | 2023 | 2024 | 2025, one row
 *   per unit and indicator.
 * Values stay text as printed ("6.0", "1.80"); empty cells are left out. Problems: a value that
 * is not a number (column "指标 年份"), an empty or repeated unit (or unit × indicator), an empty
 * indicator, missing columns.
 */
export function readBreakdownSheet(grid: Grid): ParsedSheet<BreakdownSheetRow> {
  const office = findOfficeHeader(grid);
  return office ? readOffice(grid, office.row, office.column) : readLong(grid);
}

function findOfficeHeader(grid: Grid): { row: number; column: number } | null {
  for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.cells.length - 1); r++) {
    for (let c = 0; c < widthOf(grid); c++) {
      if (!['指标名称', '指标'].includes(normaliseHeader(valueAt(grid, r, c)))) continue;
      if (['年度', '年份'].includes(normaliseHeader(valueAt(grid, r + 1, c)))) return { row: r, column: c };
    }
  }
  return null;
}

function readOffice(grid: Grid, headerRow: number, unitColumn: number): ParsedSheet<BreakdownSheetRow> {
  const meta = { ...preambleMeta(grid, headerRow), layout: 'office' };
  const columns: ValueColumn[] = [];
  let lastIndicator = '';
  for (let c = unitColumn + 1; c < widthOf(grid); c++) {
    const year = parseYearHeader(valueAt(grid, headerRow + 1, c));
    const heading = valueAt(grid, headerRow, c) || lastIndicator;
    if (!year || !heading) continue;
    lastIndicator = heading;
    columns.push({ column: c, year: year.year, ...indicatorOf(heading) });
  }
  const problems: CellProblem[] = [];
  if (columns.length === 0) {
    problems.push({ sheet: grid.sheet, row: headerRow + 2, column: '年度', message: '缺少指标的年度列（如“2023”）' });
    return { sheet: grid.sheet, rows: [], problems, meta };
  }
  const rows: ParsedRow<BreakdownSheetRow>[] = [];
  const seen = new Map<string, number>();
  for (let r = headerRow + 2; r < grid.cells.length; r++) {
    if (isEmptyRow(grid, r) || isNote(grid, r)) continue;
    const found: CellProblem[] = [];
    const unit = valueAt(grid, r, unitColumn);
    if (!unit) found.push({ sheet: grid.sheet, row: r + 1, column: '单位', message: '单位为空' });
    else if (seen.has(unit))
      found.push({
        sheet: grid.sheet,
        row: r + 1,
        column: '单位',
        message: `单位“${unit}”与第 ${seen.get(unit)} 行重复`,
      });
    else seen.set(unit, r + 1);
    const values: Value[] = [];
    for (const v of columns) {
      const value = valueAt(grid, r, v.column);
      if (!value) continue;
      if (!isPlainNumber(value)) found.push(notNumber(grid, r, v, value));
      values.push({ indicator: v.indicator, unitOfMeasure: v.unitOfMeasure, year: v.year, value });
    }
    problems.push(...found);
    if (found.length === 0) rows.push({ row: r + 1, value: { unit, values } });
  }
  return { sheet: grid.sheet, rows, problems, meta };
}

function readLong(grid: Grid): ParsedSheet<BreakdownSheetRow> {
  const header = findHeader(grid, BREAKDOWN_LONG_COLUMNS);
  const problems = headerProblems(grid, header, BREAKDOWN_LONG_COLUMNS);
  if (!header || problems.length > 0) {
    return { sheet: grid.sheet, rows: [], problems, meta: header ? preambleMeta(grid, header.row) : {} };
  }
  const meta = { ...preambleMeta(grid, header.row), layout: 'long' };
  const columns = header.columns;
  const taken = new Set(Object.values(columns));
  const years: { column: number; year: number }[] = [];
  for (let c = 0; c < widthOf(grid); c++) {
    const year = taken.has(c) ? null : parseYearHeader(valueAt(grid, header.row, c));
    if (year) years.push({ column: c, year: year.year });
  }
  if (years.length === 0) {
    problems.push({ sheet: grid.sheet, row: header.row + 1, column: '年度', message: '缺少年度列（如“2023”）' });
    return { sheet: grid.sheet, rows: [], problems, meta };
  }

  const records = new Map<string, { row: number; values: Value[]; broken: boolean }>();
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r < grid.cells.length; r++) {
    if (isEmptyRow(grid, r) || isNote(grid, r)) continue;
    const found: CellProblem[] = [];
    const problem = (column: string, message: string) => found.push({ sheet: grid.sheet, row: r + 1, column, message });
    const unit = valueAt(grid, r, columns.unit!);
    const nameCell = valueAt(grid, r, columns.indicator!);
    const measureCell = columns.measure === undefined ? '' : valueAt(grid, r, columns.measure);
    const split = splitIndicatorName(nameCell);
    const indicator =
      measureCell && split.unitOfMeasure && split.unitOfMeasure !== measureCell
        ? nameCell.replace(/\s*\n\s*/g, '')
        : split.name;
    const unitOfMeasure = measureCell || split.unitOfMeasure;
    if (!unit) problem('单位', '单位为空');
    if (!indicator) problem('指标名称', '指标名称为空');
    const key = `${unit}\u0000${indicator}`;
    if (unit && indicator) {
      if (seen.has(key)) problem('指标名称', `${unit}的“${indicator}”与第 ${seen.get(key)} 行重复`);
      else seen.set(key, r + 1);
    }
    const values: Value[] = [];
    for (const y of years) {
      const value = valueAt(grid, r, y.column);
      if (!value) continue;
      if (!isPlainNumber(value))
        found.push(notNumber(grid, r, { column: y.column, indicator, unitOfMeasure, year: y.year }, value));
      values.push({ indicator, unitOfMeasure, year: y.year, value });
    }
    problems.push(...found);
    if (!unit) continue;
    const record = records.get(unit) ?? { row: r + 1, values: [], broken: false };
    record.values.push(...values);
    record.broken ||= found.length > 0;
    records.set(unit, record);
  }
  const rows = [...records]
    .filter(([, record]) => !record.broken)
    .map(([unit, record]) => ({ row: record.row, value: { unit, values: record.values } }));
  return { sheet: grid.sheet, rows, problems, meta };
}

/** A note under the table: "注：…" alone in its row. */
function isNote(grid: Grid, row: number): boolean {
  const sole = soleCell(grid, row);
  return sole !== null && /^注\s*[:：0-9]/.test(sole.text);
}

function indicatorOf(heading: string): { indicator: string; unitOfMeasure: string } {
  const { name, unitOfMeasure } = splitIndicatorName(heading);
  return { indicator: name, unitOfMeasure };
}

function notNumber(grid: Grid, row: number, column: ValueColumn, value: string): CellProblem {
  return {
    sheet: grid.sheet,
    row: row + 1,
    column: breakdownColumn(column.indicator, column.year),
    message: `“${column.indicator}”${column.year}年的值“${value}”不是数字`,
  };
}

/**
 * The office layout of 附件3: "指标名称" and each indicator (unit in parentheses) merged over its
 * years, "年度" and the years below, then one row per unit in the given order.
 */
export async function writeBreakdownSheet(rows: BreakdownSheetRow[], options: SheetWriteOptions): Promise<Buffer> {
  const indicators: { indicator: string; unitOfMeasure: string; years: number[] }[] = [];
  for (const row of rows) {
    for (const v of row.values) {
      let entry = indicators.find((i) => i.indicator === v.indicator);
      if (!entry) indicators.push((entry = { indicator: v.indicator, unitOfMeasure: v.unitOfMeasure, years: [] }));
      if (!entry.years.includes(v.year)) entry.years.push(v.year);
    }
  }
  for (const entry of indicators) entry.years.sort((a, b) => a - b);
  const valueColumns = indicators.flatMap((i) => i.years.map((year) => ({ indicator: i.indicator, year })));
  const layout: ColumnLayout[] = [
    { header: '指标名称', width: 14 },
    ...valueColumns.map(() => ({ header: '', width: 9 })),
  ];

  const workbook = createWorkbook(options);
  const { sheet, headerRow } = startSheet(workbook, '任务分解表', layout, options, [], 2);
  let column = 2;
  let headerLines = 1;
  for (const entry of indicators) {
    const heading = entry.unitOfMeasure ? `${entry.indicator}（${entry.unitOfMeasure}）` : entry.indicator;
    const last = column + entry.years.length - 1;
    if (last > column) sheet.mergeCells(headerRow, column, headerRow, last);
    sheet.getCell(headerRow, column).value = heading;
    headerLines = Math.max(headerLines, estimateLines(heading, 9 * entry.years.length));
    entry.years.forEach((year, i) => {
      sheet.getCell(headerRow + 1, column + i).value = year;
    });
    column = last + 1;
  }
  sheet.getCell(headerRow + 1, 1).value = '年度';
  styleHeaderRow(sheet, headerRow, layout.length);
  styleHeaderRow(sheet, headerRow + 1, layout.length);
  sheet.getRow(headerRow).height = linesHeight(headerLines);
  sheet.getRow(headerRow + 1).height = 20;

  let r = headerRow + 2;
  for (const row of rows) {
    sheet.getCell(r, 1).value = row.unit;
    valueColumns.forEach((vc, i) => {
      const value = row.values.find((v) => v.indicator === vc.indicator && v.year === vc.year)?.value;
      if (value !== undefined && value !== '') setDecimal(sheet.getCell(r, i + 2), value);
    });
    styleBody(
      sheet,
      r,
      r,
      layout.map(() => CENTRE),
    );
    sheet.getRow(r).height = 20;
    r++;
  }
  return workbookBuffer(workbook, options);
}
