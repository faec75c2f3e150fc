import { type TargetValue, parseTargetValue } from '@app/domain';
import {
  type CellProblem,
  type ColumnSpec,
  type Grid,
  type ParsedRow,
  cellAt,
  headerMatches,
  parseInteger,
  valueAt,
  widthOf,
} from '@app/spreadsheets';
import { blockRowKind, emptyHeader, readHeaderBlock } from './header-block.js';
import { LevelCarry, cleanName, emptyIn, firstText, indicatorKey, isFooterText } from './levels.js';
import type {
  ParsedTargetTable,
  ParsedTargetWorkbook,
  TargetCellsText,
  TargetTableIndicator,
  TargetTableLayout,
  TargetText,
} from './types.js';

type TargetColumn = 'number' | 'level1' | 'level2' | 'level3' | 'operator' | 'value' | 'unit' | 'halfYear' | 'fullYear';
/** The 计算符号 | 目标值 | 单位 cells under 半年（程）指标值 in a two-row operator-columns header. */
type HalfColumn = 'halfOperator' | 'halfValue' | 'halfUnit';

/** The columns of both layouts; `label` is the canonical name used in problems. */
export const TARGET_COLUMNS: readonly ColumnSpec<TargetColumn>[] = [
  { key: 'number', label: '序号', aliases: ['编号'], required: false },
  { key: 'level1', label: '一级指标', required: true },
  { key: 'level2', label: '二级指标', required: true },
  { key: 'level3', label: '三级指标', aliases: ['三级指标名称'], required: true },
  { key: 'operator', label: '计算符号', aliases: ['符号', '运算符号', '比较符号', '计算方式'], required: false },
  { key: 'value', label: '目标值', aliases: ['指标值', '年度目标值', '年度指标值'], required: false },
  { key: 'unit', label: '单位', aliases: ['计量单位', '度量单位', '指标单位'], required: false },
  {
    key: 'halfYear',
    label: '半年（程）指标值',
    pattern: /^半年(?:\(程\)|度)?(?:指标值|目标值)(?:\(.*\))?$/,
    required: false,
  },
  {
    key: 'fullYear',
    label: '全年（程）指标值',
    pattern: /^全年(?:\(程\)|度)?(?:指标值|目标值)(?:\(.*\))?$/,
    required: false,
  },
];

const LABEL = {
  ...Object.fromEntries(TARGET_COLUMNS.map((spec) => [spec.key, spec.label])),
  halfOperator: '半年（程）指标值',
  halfValue: '半年（程）指标值',
  halfUnit: '半年（程）指标值',
} as Record<TargetColumn | HalfColumn, string>;

/** 计算符号 cells that mean "no comparison" (qualitative targets). */
const NO_OPERATOR = /^(?:定性|—+|-+|－+|\/|无)?$/;

const TABLE_HEADERS = '“一级指标”“二级指标”“三级指标”和“目标值”（或“全年（程）指标值”）';
const NO_TABLE = `未找到绩效目标表：表头应包含${TABLE_HEADERS}`;

type Columns = Partial<Record<TargetColumn | HalfColumn, number>>;

interface TableHead {
  /** 0-based first and last header rows (two rows when 计算符号/目标值/单位 sit under a caption). */
  firstRow: number;
  dataStart: number;
  columns: Columns;
  layout: TargetTableLayout;
  missing: TargetColumn[];
}

interface BlockDraft {
  start: number;
  rows: number[];
  /** The block names something the header keeps (not only titles and 单位：万元). */
  fields: boolean;
  project: boolean;
}

interface TableDraft {
  block: BlockDraft | null;
  head: TableHead;
  rows: number[];
  /** A footer (注：…) was reached: the rows until the next block are not indicators. */
  ended: boolean;
}

/**
 * Reads the performance target tables (绩效目标表) of a workbook: any number per sheet, one after
 * another, each with its project header block (项目名称, 主管部门, 申请金额, （2023年度）, goals)
 * above its column header. The layout is decided per table by its header row: 计算符号 / 目标值 /
 * 单位 columns ('operator-columns'), or 半年（程）/ 全年（程）指标值 cells holding operator, number
 * and unit together ('half-and-full'). 一级 / 二级 names may be merged over their rows or written
 * once and left blank below. Every bad row is reported; a table with problems is still returned
 * with its clean indicators.
 */
export function readTargetTables(grids: Grid[]): ParsedTargetWorkbook {
  const tables: ParsedTargetTable[] = [];
  const problems: CellProblem[] = [];
  for (const grid of grids) readGrid(grid, tables, problems);
  if (tables.length === 0 && problems.length === 0)
    problems.push({ sheet: grids[0]?.sheet ?? '', row: 1, column: LABEL.level3, message: NO_TABLE });
  return { tables, problems };
}

function readGrid(grid: Grid, tables: ParsedTargetTable[], problems: CellProblem[]): void {
  let block: BlockDraft | null = null;
  let table: TableDraft | null = null;
  const finish = () => {
    if (table) finishTable(grid, table, tables, problems);
    table = null;
  };
  const orphan = (draft: BlockDraft) => {
    const { header } = readHeaderBlock(grid, draft.rows);
    const name = header.projectName ? `项目“${header.projectName}”` : '项目';
    problems.push({
      sheet: grid.sheet,
      row: draft.start + 1,
      column: LABEL.level3,
      message: `${name}的表头信息下没有绩效指标表`,
    });
  };

  for (let r = 0; r < grid.cells.length; r++) {
    const head = tableHeadAt(grid, r);
    if (head) {
      finish();
      table = { block, head, rows: [], ended: false };
      block = null;
      r = head.dataStart - 1;
      continue;
    }
    const found = blockRowKind(grid, r);
    // Inside a table only a title or a 项目名称 ends it for sure; another label does when it stands
    // left of the 三级指标 column (an indicator may well be called 完成时间).
    const inTable =
      table !== null &&
      !table.ended &&
      found !== null &&
      (found.kind === 'field' || found.kind === 'other') &&
      found.column >= (table.head.columns.level3 ?? 0);
    const kind = inTable ? null : found?.kind;
    if (kind) {
      finish();
      if (block && ((kind === 'title' && block.fields) || (kind === 'project' && block.project))) {
        orphan(block);
        block = null;
      }
      block ??= { start: r, rows: [], fields: false, project: false };
      block.rows.push(r);
      if (kind === 'field' || kind === 'project') block.fields = true;
      if (kind === 'project') block.project = true;
      continue;
    }
    if (table) {
      if (table.ended) continue;
      if (isFooterText(firstText(grid, r))) table.ended = true;
      else table.rows.push(r);
    } else if (block) block.rows.push(r);
  }
  finish();
  if (block?.fields) orphan(block);
}

function columnsAt(grid: Grid, row: number): Columns {
  const columns: Columns = {};
  const width = widthOf(grid);
  for (const spec of TARGET_COLUMNS) {
    for (let c = 0; c < width; c++) {
      if (headerMatches(spec, valueAt(grid, row, c))) {
        columns[spec.key] = c;
        break;
      }
    }
  }
  return columns;
}

function hasTargetColumn(columns: Columns): boolean {
  return (
    columns.operator !== undefined ||
    columns.value !== undefined ||
    columns.halfYear !== undefined ||
    columns.fullYear !== undefined
  );
}

/**
 * A table's column header at this row: 三级指标 with target columns, or 三级指标 above a row of
 * target columns (年度目标值 split into 计算符号 | 目标值 | 单位 on the next row), or 半年（程）指标值 and
 * 全年（程）指标值 above a 计算符号 | 目标值 | 单位 each (the operator-columns layout with half-year targets).
 */
function tableHeadAt(grid: Grid, row: number): TableHead | null {
  // Cheap test first: a header row writes 三级指标 in one of its own cells.
  if (!(grid.cells[row] ?? []).some((cell) => cell.replace(/\s+/g, '').includes('三级'))) return null;
  const here = columnsAt(grid, row);
  if (here.level3 === undefined) return null;
  let columns = here;
  let dataStart = row + 1;
  if (row + 1 < grid.cells.length) {
    const below = columnsAt(grid, row + 1);
    if (!hasTargetColumn(here) && hasTargetColumn(below)) {
      columns = { ...here, ...below };
      dataStart = row + 2;
    } else if (here.fullYear !== undefined && (below.operator !== undefined || below.value !== undefined)) {
      columns = { ...here, ...groupedColumns(grid, row + 1, here) };
      dataStart = row + 2;
    }
  }
  if (!hasTargetColumn(columns) && here.level1 === undefined && here.level2 === undefined) return null;
  const operatorLayout =
    columns.operator !== undefined ||
    (columns.value !== undefined && columns.fullYear === undefined && columns.halfYear === undefined);
  const layout: TargetTableLayout = operatorLayout ? 'operator-columns' : 'half-and-full';
  const required: TargetColumn[] = ['level1', 'level2', 'level3', operatorLayout ? 'value' : 'fullYear'];
  return { firstRow: row, dataStart, columns, layout, missing: required.filter((key) => columns[key] === undefined) };
}

/**
 * 计算符号 | 目标值 | 单位 under 半年（程）指标值 (merged over them) and again under 全年（程）指标值: each
 * group runs from its caption's column to the next caption. The full-year cells take the
 * operator-columns keys; the 半年 ones the half keys. The captions themselves are no target columns.
 */
function groupedColumns(grid: Grid, row: number, captions: Columns): Columns {
  const width = widthOf(grid);
  const starts = [captions.halfYear, captions.fullYear]
    .filter((c): c is number => c !== undefined)
    .sort((a, b) => a - b);
  const group = (start: number | undefined) => {
    if (start === undefined) return {};
    const end = starts.find((s) => s > start) ?? width;
    const found: Partial<Record<'operator' | 'value' | 'unit', number>> = {};
    for (const spec of TARGET_COLUMNS.filter((s) => s.key === 'operator' || s.key === 'value' || s.key === 'unit')) {
      for (let c = start; c < end; c++) {
        if (headerMatches(spec, cellAt(grid, row, c))) {
          found[spec.key as 'operator' | 'value' | 'unit'] = c;
          break;
        }
      }
    }
    return found;
  };
  const full = group(captions.fullYear);
  const half = group(captions.halfYear);
  return {
    halfYear: undefined,
    fullYear: undefined,
    operator: full.operator,
    value: full.value,
    unit: full.unit,
    halfOperator: half.operator,
    halfValue: half.value,
    halfUnit: half.unit,
  };
}

function finishTable(grid: Grid, draft: TableDraft, tables: ParsedTargetTable[], problems: CellProblem[]): void {
  const { head } = draft;
  const startRow = (draft.block?.start ?? head.firstRow) + 1;
  const read = draft.block
    ? readHeaderBlock(grid, draft.block.rows)
    : { header: emptyHeader(), problems: [], departmentRow: null, cells: {} };
  problems.push(...read.problems);
  const name = read.header.projectName;
  if (!name)
    problems.push({
      sheet: grid.sheet,
      row: startRow,
      column: '项目名称',
      message: '绩效目标表没有项目名称（表头应有“项目名称：…”）',
    });
  const table: ParsedTargetTable = {
    sheet: grid.sheet,
    startRow,
    layout: head.layout,
    header: read.header,
    departmentRow: read.departmentRow,
    cells: read.cells,
    indicators: [],
  };
  tables.push(table);
  if (head.missing.length > 0) {
    for (const key of head.missing)
      problems.push({
        sheet: grid.sheet,
        row: head.firstRow + 1,
        column: LABEL[key],
        message: `缺少“${LABEL[key]}”列`,
      });
    return;
  }
  const indicators = readIndicators(grid, head, draft.rows);
  if (indicators.count === 0) {
    const what = name ? `项目“${name}”的绩效目标表` : '绩效目标表';
    problems.push({ sheet: grid.sheet, row: startRow, column: LABEL.level3, message: `${what}没有指标行` });
  }
  problems.push(...indicators.problems);
  table.indicators = indicators.rows;
}

function readIndicators(
  grid: Grid,
  head: TableHead,
  rows: number[],
): { rows: ParsedRow<TargetTableIndicator>[]; problems: CellProblem[]; count: number } {
  const columns = head.columns;
  const tableColumns = Object.values(columns).filter((c): c is number => c !== undefined);
  const at = (row: number, key: TargetColumn | HalfColumn) =>
    columns[key] === undefined ? '' : valueAt(grid, row, columns[key]);
  const carry = new LevelCarry();
  const seen = new Map<string, number>();
  const parsed: ParsedRow<TargetTableIndicator>[] = [];
  const problems: CellProblem[] = [];
  let count = 0;
  for (const r of rows) {
    if (emptyIn(grid, r, tableColumns)) continue;
    const filled = tableColumns.filter((c) => cellAt(grid, r, c) !== '');
    if (filled.every((c) => c === columns.level1 || c === columns.level2)) {
      // A row naming only a 一级 / 二级 heads the rows below it.
      carry.next(at(r, 'level1'), at(r, 'level2'));
      continue;
    }
    count++;
    const found: CellProblem[] = [];
    const problem = (key: TargetColumn | HalfColumn, message: string) =>
      found.push({ sheet: grid.sheet, row: r + 1, column: LABEL[key], message });

    let number = count;
    const numberText = at(r, 'number');
    if (numberText) {
      const n = parseInteger(numberText);
      if (n === null) problem('number', `序号“${numberText}”不是整数`);
      else number = n;
    }
    const { level1, level2 } = carry.next(at(r, 'level1'), at(r, 'level2'));
    if (!level1) problem('level1', '一级指标为空');
    if (!level2) problem('level2', '二级指标为空');
    const level3 = cleanName(at(r, 'level3'));
    if (!level3) problem('level3', '三级指标为空');
    else if (level1 && level2) {
      const key = indicatorKey(level1, level2, level3);
      const first = seen.get(key);
      if (first !== undefined)
        problem('level3', `三级指标“${level3}”与第 ${first} 行重复（同一${level1}、${level2}下）`);
      else seen.set(key, r + 1);
    }

    const targets =
      head.layout === 'operator-columns' ? operatorTargets(r, at, problem) : halfAndFullTargets(r, at, problem);
    if (targets && level3 && isRateName(level3)) {
      const wrong = [targets.full, targets.half].find((t) => t?.kind === 'numeric' && t.unit !== '%');
      if (wrong?.kind === 'numeric') {
        const column: TargetColumn | HalfColumn =
          head.layout === 'half-and-full'
            ? wrong === targets.full
              ? 'fullYear'
              : 'halfYear'
            : wrong === targets.half
              ? 'halfValue'
              : columns.unit !== undefined
                ? 'unit'
                : 'value';
        problem(column, `“${level3}”是比率指标，目标值单位应为“%”，不是“${wrong.unit || '（无单位）'}”`);
      }
    }
    problems.push(...found);
    if (found.length > 0 || !targets) continue;
    const unit =
      targets.full.kind === 'numeric' ? targets.full.unit : targets.half?.kind === 'numeric' ? targets.half.unit : '';
    parsed.push({
      row: r + 1,
      value: {
        number,
        level1,
        level2,
        level3,
        unit,
        halfYear: targets.half,
        fullYear: targets.full,
        text: targets.text,
      },
    });
  }
  return { rows: parsed, problems, count };
}

type Problem = (key: TargetColumn | HalfColumn, message: string) => void;
type Cell = (row: number, key: TargetColumn | HalfColumn) => string;

/**
 * 计算符号 | 目标值 | 单位 (the operator and unit may also be written in the 目标值 cell), and the same
 * three cells of the half year when the header has them (blank there: no half-year target).
 */
function operatorTargets(row: number, at: Cell, problem: Problem): Targets | null {
  const full = operatorCells(row, at, problem, { operator: 'operator', value: 'value', unit: 'unit' });
  if (full === null || full === 'blank') return null;
  const half = operatorCells(row, at, problem, { operator: 'halfOperator', value: 'halfValue', unit: 'halfUnit' });
  if (half === null) return null;
  if (half === 'blank')
    return { half: null, full: full.target, text: { half: '', full: full.typed, cells: full.cells } };
  const units = sameUnits(half.target, full.target, () => problem('halfValue', unitMismatch(half.target, full.target)));
  return units
    ? { half: units.half, full: units.full, text: { half: half.typed, full: full.typed, cells: full.cells } }
    : null;
}

/** One period's 计算符号 | 目标值 | 单位 cells: the target, or 'blank' when a half-year 目标值 is empty, or null after a problem. */
function operatorCells(
  row: number,
  at: Cell,
  problem: Problem,
  keys: { operator: TargetColumn | HalfColumn; value: TargetColumn | HalfColumn; unit: TargetColumn | HalfColumn },
): { target: TargetValue; typed: string; cells: TargetCellsText } | 'blank' | null {
  const half = keys.value === 'halfValue';
  const operatorText = at(row, keys.operator).replace(/\s+/g, '');
  const valueText = at(row, keys.value);
  if (half && !valueText.trim()) return 'blank';
  let operator: string | undefined = NO_OPERATOR.test(operatorText) ? undefined : operatorText;
  let ok = true;
  if (operator) {
    const check = parseTargetValue('0', operator);
    if (!check.ok) {
      problem(keys.operator, check.reason);
      operator = undefined;
      ok = false;
    }
  }
  const parsed = parseTargetValue(valueText, operator, at(row, keys.unit) || undefined);
  if (!parsed.ok) {
    problem(keys.value, parsed.reason);
    return null;
  }
  if (
    operator &&
    parsed.target.kind === 'qualitative' &&
    parseTargetValue('0', operator, '').ok &&
    !isEquals(operator)
  ) {
    // ≥ / ≤ / > / < compare numbers and dates; a word under them is a slip.
    problem(keys.value, `目标值“${valueText}”不是数值或日期（计算符号为“${operator}”）`);
    return null;
  }
  if (!ok) return null;
  const cells = { operator: at(row, keys.operator).trim(), value: valueText.trim(), unit: at(row, keys.unit).trim() };
  const typed = `${NO_OPERATOR.test(operatorText) ? '' : cells.operator}${cells.value}${cells.value.endsWith(cells.unit) ? '' : cells.unit}`;
  return { target: withPercent(parsed.target), typed, cells };
}

/** A half-year value without unit takes the full-year unit and the other way round; different units are a slip (null). */
function sameUnits(
  half: TargetValue,
  full: TargetValue,
  mismatch: () => void,
): { half: TargetValue; full: TargetValue } | null {
  if (half.kind !== 'numeric' || full.kind !== 'numeric') return { half, full };
  if (half.unit && full.unit && half.unit !== full.unit) {
    mismatch();
    return null;
  }
  if (!half.unit) return { half: { ...half, unit: full.unit }, full };
  if (!full.unit) return { half, full: { ...full, unit: half.unit } };
  return { half, full };
}

function unitMismatch(half: TargetValue, full: TargetValue): string {
  const halfUnit = half.kind === 'numeric' ? half.unit : '';
  const fullUnit = full.kind === 'numeric' ? full.unit : '';
  return `单位不一致：半年指标值为“${halfUnit}”，全年指标值为“${fullUnit}”`;
}

interface Targets {
  half: TargetValue | null;
  full: TargetValue;
  text: TargetText;
}

/** A target cell as typed, with the 单位 column's unit when the cell leaves it out. */
function typedCell(cell: string, target: TargetValue | null, unitColumn: string | undefined): string {
  const text = cell.trim();
  const unit = unitColumn?.trim() ?? '';
  return target?.kind === 'numeric' && unit && !text.endsWith(unit) ? `${text}${unit}` : text;
}

/** 半年（程）指标值 | 全年（程）指标值 cells such as `≥900个`; a blank half-year cell is no target. */
function halfAndFullTargets(row: number, at: Cell, problem: Problem): Targets | null {
  const unitColumn = at(row, 'unit') || undefined;
  const halfText = at(row, 'halfYear');
  let half: TargetValue | null = null;
  let ok = true;
  if (halfText) {
    const parsed = parseTargetValue(halfText, undefined, unitColumn);
    if (parsed.ok) half = withPercent(parsed.target);
    else {
      problem('halfYear', parsed.reason);
      ok = false;
    }
  }
  const fullText = at(row, 'fullYear');
  const parsedFull = parseTargetValue(fullText, undefined, unitColumn);
  if (!parsedFull.ok) {
    problem('fullYear', fullText ? parsedFull.reason : '全年指标值为空');
    return null;
  }
  const full = withPercent(parsedFull.target);
  const text = {
    half: typedCell(halfText, half, unitColumn),
    full: typedCell(fullText, full, unitColumn),
    cells: null,
  };
  if (!half) return ok ? { half, full, text } : null;
  const units = sameUnits(half, full, () => problem('halfYear', unitMismatch(half!, full)));
  return ok && units ? { half: units.half, full: units.full, text } : null;
}

function isEquals(operator: string): boolean {
  const check = parseTargetValue('0', operator);
  return check.ok && check.target.kind === 'numeric' && check.target.operator === '=';
}

/** A full-width ％ is the per-cent sign. */
function withPercent(target: TargetValue): TargetValue {
  return target.kind === 'numeric' && target.unit.includes('％')
    ? { ...target, unit: target.unit.replace(/％/g, '%') }
    : target;
}

/** 合格率, 精准率, 占GDP比重 …: a numeric target of such an indicator is a percentage. */
export function isRateName(level3: string): boolean {
  const name = level3.replace(/\s*[(（][^()（）]*[)）]$/, '');
  return /(?:率|比重)$/.test(name);
}
