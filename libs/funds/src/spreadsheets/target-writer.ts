import type ExcelJS from 'exceljs';
import { type TargetOperator, type TargetValue, formatTargetValue, parseTargetValue } from '@app/domain';
import {
  CENTRE,
  type ColumnLayout,
  FONT,
  LEFT,
  createWorkbook,
  estimateLines,
  linesHeight,
  setDecimal,
  styleBody,
  styleHeaderRow,
  workbookBuffer,
} from '@app/spreadsheets';
import { FUND_SOURCE_LABELS, FUND_SOURCES } from '../views.js';
import { writeLevelRuns } from './levels.js';
import type {
  TargetCellsText,
  TargetTableForWrite,
  TargetTableHeader,
  TargetTableIndicator,
  TargetTableLayout,
  TargetTableWriteOptions,
} from './types.js';
import { A4_LANDSCAPE, LABEL_FONT, box, mergedCell, spanWidth, titleRow } from './workbook-parts.js';

interface LayoutSpec {
  columns: ColumnLayout[];
  alignments: Partial<ExcelJS.Alignment>[];
  /** The column header: one row, or two with captions merged over the cells of their period. */
  header: { captions: { text: string; from: number; to: number }[]; cells?: string[] };
  /** 1-based column of 序号, if the layout has one. */
  number?: number;
  /** 1-based columns of the 一级 / 二级 names (merged over their rows). */
  level1: number;
  level2: number;
  /** Header block geometry (column spans): labels on the left, a value across, or two label–value pairs on a row. */
  block: { label: Span; value: Span; left: Span; rightLabel: Span; right: Span; subLabel: Span; subValue: Span };
  cells(indicator: TargetTableIndicator): { column: number; value: string; decimal?: boolean }[];
}

type Span = [number, number];

const OPERATOR_CELLS = ['计算符号', '目标值', '单位'];

const LAYOUTS: Record<TargetTableLayout, LayoutSpec> = {
  'operator-columns': {
    columns: [
      { header: '序号', width: 6 },
      { header: '一级指标', width: 12 },
      { header: '二级指标', width: 16 },
      { header: '三级指标', width: 34 },
      { header: '计算符号', width: 8 },
      { header: '目标值', width: 14 },
      { header: '单位', width: 8 },
      { header: '计算符号', width: 8 },
      { header: '目标值', width: 14 },
      { header: '单位', width: 8 },
    ],
    alignments: [CENTRE, CENTRE, CENTRE, LEFT, CENTRE, CENTRE, CENTRE, CENTRE, CENTRE, CENTRE],
    header: {
      captions: [
        { text: '序号', from: 1, to: 1 },
        { text: '一级指标', from: 2, to: 2 },
        { text: '二级指标', from: 3, to: 3 },
        { text: '三级指标', from: 4, to: 4 },
        { text: '半年（程）指标值', from: 5, to: 7 },
        { text: '全年（程）指标值', from: 8, to: 10 },
      ],
      cells: ['', '', '', '', ...OPERATOR_CELLS, ...OPERATOR_CELLS],
    },
    number: 1,
    level1: 2,
    level2: 3,
    block: {
      label: [1, 2],
      value: [3, 10],
      left: [3, 4],
      rightLabel: [5, 7],
      right: [8, 10],
      subLabel: [3, 3],
      subValue: [4, 10],
    },
    cells: (indicator) => {
      const half = indicator.halfYear
        ? periodCells(indicator.halfYear, indicator.text?.half, null)
        : { operator: '', value: '', unit: '', decimal: false };
      const full = periodCells(indicator.fullYear, indicator.text?.full, indicator.text?.cells ?? null);
      return [
        { column: 4, value: indicator.level3 },
        { column: 5, value: half.operator },
        { column: 6, value: half.value, decimal: half.decimal },
        { column: 7, value: half.unit },
        { column: 8, value: full.operator },
        { column: 9, value: full.value, decimal: full.decimal },
        { column: 10, value: full.unit },
      ];
    },
  },
  'half-and-full': {
    columns: [
      { header: '一级指标', width: 12 },
      { header: '二级指标', width: 16 },
      { header: '三级指标', width: 36 },
      { header: '半年（程）指标值', width: 20 },
      { header: '全年（程）指标值', width: 20 },
    ],
    alignments: [CENTRE, CENTRE, LEFT, CENTRE, CENTRE],
    header: {
      captions: [
        { text: '一级指标', from: 1, to: 1 },
        { text: '二级指标', from: 2, to: 2 },
        { text: '三级指标', from: 3, to: 3 },
        { text: '半年（程）指标值', from: 4, to: 4 },
        { text: '全年（程）指标值', from: 5, to: 5 },
      ],
    },
    level1: 1,
    level2: 2,
    block: {
      label: [1, 1],
      value: [2, 5],
      left: [2, 3],
      rightLabel: [4, 4],
      right: [5, 5],
      subLabel: [2, 2],
      subValue: [3, 5],
    },
    cells: (indicator) => [
      { column: 3, value: indicator.level3 },
      { column: 4, value: indicator.text?.half || (indicator.halfYear ? formatTargetValue(indicator.halfYear) : '') },
      { column: 5, value: indicator.text?.full || formatTargetValue(indicator.fullYear) },
    ],
  },
};

// The office's form is headed 项目支出绩效目标表 (专项资金绩效目标表 is no form of theirs).
const DEFAULT_TITLE = '项目支出绩效目标表';
/** A typed 目标值 that is a plain number goes out as a number cell. */
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const YEAR_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 12 };

/**
 * Performance target tables as offices print them: per table a title, （2023年度）, 单位：万元, the
 * whole project header block label by label (项目名称; 主管部门 and 实施单位, 项目类型 and 项目级次,
 * 开始时间 and 完成时间 in pairs; 立项必要性, 实施可行性, 项目实施内容; 项目资金（万元） with 资金总额 and
 * the seven sources; 支出计划（万元） with 半年计划执行数 and 全年（程）预算数; 中长期目标, 年度目标;
 * labels bold on the left, values merged across) and the indicator table with 一级 / 二级 merged over
 * their rows, a bold grey header, borders and wrapped text on landscape A4. One sheet per project
 * (named after it, cut to Excel's 31 characters and made unique), or all on `sheetName` one after
 * another with a page break between. The operator-columns layout has 计算符号 | 目标值 | 单位 under
 * 半年（程）指标值 and again under 全年（程）指标值. `readTargetTables` reads back the same tables;
 * with `timestamp` the bytes are reproducible.
 */
export async function writeTargetTables(
  tables: TargetTableForWrite[],
  options: TargetTableWriteOptions,
): Promise<Buffer> {
  const spec = LAYOUTS[options.layout];
  const title = options.title ?? DEFAULT_TITLE;
  const workbook = createWorkbook({ title, timestamp: options.timestamp });
  const newSheet = (name: string) => {
    const sheet = workbook.addWorksheet(name, { pageSetup: { ...A4_LANDSCAPE } });
    sheet.columns = spec.columns.map((c) => ({ width: c.width }));
    return sheet;
  };
  if (options.sheetName !== undefined || tables.length === 0) {
    const sheet = newSheet(uniqueSheetName(options.sheetName ?? DEFAULT_TITLE, new Set()));
    let row = 1;
    tables.forEach((table, i) => {
      if (i > 0) {
        sheet.getRow(row - 1).addPageBreak();
        row++;
      }
      row = writeTable(sheet, row, table, spec, title).next;
    });
  } else {
    const taken = new Set<string>();
    for (const table of tables) {
      const sheet = newSheet(uniqueSheetName(table.header.projectName, taken));
      const { headerRows } = writeTable(sheet, 1, table, spec, title);
      sheet.pageSetup.printTitlesRow = `${headerRows[0]}:${headerRows[1]}`;
    }
  }
  return workbookBuffer(workbook, { title, timestamp: options.timestamp });
}

/** Writes one table from `top`; returns its column header rows (first, last) and the first row after it. */
function writeTable(
  sheet: ExcelJS.Worksheet,
  top: number,
  table: TargetTableForWrite,
  spec: LayoutSpec,
  title: string,
): { headerRows: Span; next: number } {
  const { header, indicators } = table;
  const width = spec.columns.length;
  let row = top;
  titleRow(sheet, row++, width, title);
  if (header.year !== null) titleRow(sheet, row++, width, `（${header.year}年度）`, YEAR_FONT, 20);
  const unit = sheet.getCell(row++, width);
  unit.value = '单位：万元';
  unit.font = FONT;
  unit.alignment = { horizontal: 'right', vertical: 'middle' };
  row = writeHeaderBlock(sheet, row, header, spec);

  const headerRow = row;
  const two = spec.header.cells !== undefined;
  for (const caption of spec.header.captions) {
    const merged = caption.to > caption.from || (two && caption.to === caption.from);
    if (merged)
      sheet.mergeCells(
        headerRow,
        caption.from,
        two && caption.to === caption.from ? headerRow + 1 : headerRow,
        caption.to,
      );
    sheet.getCell(headerRow, caption.from).value = caption.text;
  }
  styleHeaderRow(sheet, headerRow, width);
  if (two) {
    spec.header.cells!.forEach((text, i) => {
      if (text) sheet.getCell(headerRow + 1, i + 1).value = text;
    });
    styleHeaderRow(sheet, headerRow + 1, width);
    sheet.getRow(headerRow + 1).height = 20;
  }
  row = headerRow + (two ? 2 : 1);

  const first = row;
  const widths = spec.columns.map((c) => c.width);
  for (const indicator of indicators) {
    if (spec.number !== undefined) sheet.getCell(row, spec.number).value = indicator.number;
    let lines = 1;
    for (const cell of spec.cells(indicator)) {
      if (cell.decimal) setDecimal(sheet.getCell(row, cell.column), cell.value);
      else sheet.getCell(row, cell.column).value = cell.value;
      lines = Math.max(lines, estimateLines(cell.value, widths[cell.column - 1]!));
    }
    styleBody(sheet, row, row, spec.alignments);
    sheet.getRow(row).height = linesHeight(lines);
    row++;
  }
  writeLevelRuns(sheet, first, indicators, spec.level1, spec.level2);
  return { headerRows: [headerRow, first - 1], next: row };
}

/** The header block as the form prints it, from `top`; returns the first row after it. */
function writeHeaderBlock(sheet: ExcelJS.Worksheet, top: number, header: TargetTableHeader, spec: LayoutSpec): number {
  const widths = spec.columns.map((c) => c.width);
  const { block } = spec;
  let row = top;
  const label = (r: number, [from, to]: Span, text: string, bottom = r) => {
    if (bottom > r || to > from) sheet.mergeCells(r, from, bottom, to);
    sheet.getCell(r, from).value = text;
    for (let rr = r; rr <= bottom; rr++) box(sheet, rr, from, to, CENTRE, LABEL_FONT);
    return estimateLines(text, spanWidth(widths, from, to));
  };
  const text = (r: number, [from, to]: Span, value: string) => {
    mergedCell(sheet, r, from, to, value);
    box(sheet, r, from, to, LEFT);
    return estimateLines(value, spanWidth(widths, from, to));
  };
  const amount = (r: number, [from, to]: Span, value: string | null) => {
    const cell = mergedCell(sheet, r, from, to, null);
    if (value !== null) setDecimal(cell, value);
    box(sheet, r, from, to, CENTRE);
    return 1;
  };
  const height = (r: number, lines: number[]) => (sheet.getRow(r).height = linesHeight(Math.max(1, ...lines)));

  const whole = (name: string, value: string) => {
    height(row, [label(row, block.label, name), text(row, block.value, value)]);
    row++;
  };
  const pair = (leftName: string, leftValue: string, rightName: string, rightValue: string) => {
    height(row, [
      label(row, block.label, leftName),
      text(row, block.left, leftValue),
      label(row, block.rightLabel, rightName),
      text(row, block.right, rightValue),
    ]);
    row++;
  };
  /** A label merged down the left of its rows, each row a sub-label and an amount. */
  const group = (name: string, rows: [string, string | null][]) => {
    const lines = label(row, block.label, name, row + rows.length - 1);
    rows.forEach(([sub, value], i) =>
      height(row + i, [
        label(row + i, block.subLabel, sub),
        amount(row + i, block.subValue, value),
        i === 0 ? Math.ceil(lines / rows.length) : 1,
      ]),
    );
    row += rows.length;
  };

  whole('项目名称', header.projectName);
  pair('主管部门', header.department, '实施单位', header.implementingUnit);
  pair('项目类型', header.kindText, '项目级次', header.level ?? '');
  pair('开始时间', header.start?.text ?? '', '完成时间', header.end?.text ?? '');
  whole('立项必要性', header.necessity);
  whole('实施可行性', header.feasibility);
  whole('项目实施内容', header.implementationContent);
  group('项目资金（万元）', [
    ['资金总额', header.amount],
    ...FUND_SOURCES.map((s): [string, string | null] => [FUND_SOURCE_LABELS[s], header.sources[s] ?? null]),
  ]);
  group('支出计划（万元）', [
    ['半年计划执行数', header.halfYearPlan],
    ['全年（程）预算数', header.fullYearBudget],
  ]);
  whole('中长期目标', header.midLongTermGoal);
  whole('年度目标', header.annualGoal);
  return row;
}

/**
 * One period's 计算符号 | 目标值 | 单位 in the operator-columns layout: the typed cells when kept; else
 * the typed text split where that reads back as the same target (`≥10台、件、套、 项` → ≥ | 10 |
 * 台、件、套、 项, `＝规范` → ＝ | 规范); else from the parsed target (定性 for a qualitative one).
 */
function periodCells(
  target: TargetValue,
  typed: string | undefined,
  cells: TargetCellsText | null,
): { operator: string; value: string; unit: string; decimal: boolean } {
  if (cells) return { ...cells, decimal: DECIMAL.test(cells.value) };
  const split = typed ? (target.kind === 'numeric' ? splitTyped(typed) : splitOperator(typed)) : null;
  if (split) {
    const again = parseTargetValue(split.value, split.operator || undefined, split.unit || undefined);
    if (again.ok && sameTarget(again.target, target))
      return { ...split, decimal: target.kind === 'numeric' && DECIMAL.test(split.value) };
  }
  return {
    operator: operatorText(target),
    value: valueText(target),
    unit: target.kind === 'numeric' ? target.unit : '',
    decimal: target.kind === 'numeric',
  };
}

/** The same target whatever the order of its keys (a stored one comes back from jsonb reordered); ％ is %. */
function sameTarget(a: TargetValue, b: TargetValue): boolean {
  const fields = (t: TargetValue) => {
    switch (t.kind) {
      case 'numeric':
        return [t.kind, t.operator, t.value, t.unit.replace(/％/g, '%')];
      case 'date':
        return [t.kind, t.operator, t.date];
      case 'qualitative':
        return [t.kind, t.text];
      case 'pace':
        return [t.kind];
    }
  };
  return fields(a).join('\u0000') === fields(b).join('\u0000');
}

/** `≤2023年6月30日`, `＝规范`, `序时进度`: the sign, if any, and the rest. */
function splitOperator(text: string): { operator: string; value: string; unit: string } {
  const match = /^\s*(≥|>=|≤|<=|＝|=|＞|>|＜|<)?\s*([\s\S]*)$/.exec(text)!;
  return { operator: match[1] ?? '', value: match[2]!.trim(), unit: '' };
}

/** `=10%`, `100%`, `≥10台、件、套、 项` typed in one cell, split into 计算符号 | 目标值 | 单位 as typed. */
export function splitTyped(text: string): { operator: string; value: string; unit: string } | null {
  const match = /^\s*(≥|>=|≤|<=|＝|=|＞|>|＜|<)?\s*(-?\d+(?:\.\d+)?)\s*(.*)$/s.exec(text);
  return match ? { operator: match[1] ?? '', value: match[2]!, unit: match[3]!.trim() } : null;
}

function operatorSign(operator: TargetOperator): string {
  return formatTargetValue({ kind: 'numeric', operator, value: '', unit: '' });
}

/** 计算符号 of the operator-columns layout: the sign, 定性 for a qualitative target, '' for 序时进度. */
function operatorText(target: TargetValue): string {
  switch (target.kind) {
    case 'numeric':
    case 'date':
      return operatorSign(target.operator);
    case 'qualitative':
      return '定性';
    case 'pace':
      return '';
  }
}

/** 目标值 of the operator-columns layout: the number, 2023年12月31日, the word, or 序时进度. */
function valueText(target: TargetValue): string {
  switch (target.kind) {
    case 'numeric':
      return target.value;
    case 'date':
      return formatTargetValue(target).slice(operatorSign(target.operator).length);
    default:
      return formatTargetValue(target);
  }
}

/**
 * An Excel sheet name from a project name: without []:*?/\ and outer apostrophes, at most 31
 * characters, unique in the workbook (case-insensitive) by a "(2)", "(3)" … suffix.
 */
export function uniqueSheetName(name: string, taken: Set<string>): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, '')
    .replace(/^'+|'+$/g, '')
    .trim();
  const base = Array.from(cleaned).slice(0, 31).join('') || DEFAULT_TITLE;
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = `(${i})`;
    candidate =
      Array.from(base)
        .slice(0, 31 - suffix.length)
        .join('') + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}
