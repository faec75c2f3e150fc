import type ExcelJS from 'exceljs';
import { type TargetOperator, type TargetValue, formatTargetValue } from '@app/domain';
import { CENTRE, type ColumnLayout, FONT, LEFT, createWorkbook, estimateLines, linesHeight, setDecimal, styleBody, styleHeaderRow, workbookBuffer } from '@app/spreadsheets';
import { writeLevelRuns } from './levels.js';
import type { TargetTableForWrite, TargetTableIndicator, TargetTableLayout, TargetTableWriteOptions } from './types.js';
import { A4_LANDSCAPE, LABEL_FONT, box, mergedCell, spanWidth, titleRow } from './workbook-parts.js';

interface LayoutSpec {
  columns: ColumnLayout[];
  alignments: Partial<ExcelJS.Alignment>[];
  /** 1-based column of 序号, if the layout has one. */
  number?: number;
  /** 1-based columns of the 一级 / 二级 names (merged over their rows). */
  level1: number;
  level2: number;
  /** Header block geometry: label cells, project name, amount label and amount value (column spans). */
  label: [number, number];
  name: [number, number];
  amountLabel: [number, number];
  amountValue: [number, number];
  cells(indicator: TargetTableIndicator): { column: number; value: string; decimal?: boolean }[];
}

const LAYOUTS: Record<TargetTableLayout, LayoutSpec> = {
  'operator-columns': {
    columns: [
      { header: '序号', width: 6 },
      { header: '一级指标', width: 12 },
      { header: '二级指标', width: 14 },
      { header: '三级指标', width: 40 },
      { header: '计算符号', width: 9 },
      { header: '目标值', width: 16 },
      { header: '单位', width: 10 },
    ],
    alignments: [CENTRE, CENTRE, CENTRE, LEFT, CENTRE, CENTRE, CENTRE],
    number: 1,
    level1: 2,
    level2: 3,
    label: [1, 2],
    name: [3, 4],
    amountLabel: [5, 6],
    amountValue: [7, 7],
    cells: (indicator) => {
      const target = indicator.fullYear;
      const typed = indicator.text?.cells ?? (target.kind === 'numeric' ? splitTyped(indicator.text?.full ?? '') : null);
      if (typed) {
        return [
          { column: 4, value: indicator.level3 },
          { column: 5, value: typed.operator },
          { column: 6, value: typed.value, decimal: DECIMAL.test(typed.value) },
          { column: 7, value: typed.unit },
        ];
      }
      return [
        { column: 4, value: indicator.level3 },
        { column: 5, value: operatorText(target) },
        { column: 6, value: valueText(target), decimal: target.kind === 'numeric' },
        { column: 7, value: target.kind === 'numeric' ? target.unit : '' },
      ];
    },
  },
  'half-and-full': {
    columns: [
      { header: '一级指标', width: 12 },
      { header: '二级指标', width: 14 },
      { header: '三级指标', width: 36 },
      { header: '半年（程）指标值', width: 20 },
      { header: '全年（程）指标值', width: 20 },
    ],
    alignments: [CENTRE, CENTRE, LEFT, CENTRE, CENTRE],
    level1: 1,
    level2: 2,
    label: [1, 2],
    name: [3, 3],
    amountLabel: [4, 4],
    amountValue: [5, 5],
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
 * project header block (项目名称 | 申请金额（万元）, 主管部门, 中长期目标, 年度总体目标) and the
 * indicator table with 一级 / 二级 merged over their rows, a bold grey header, borders and wrapped
 * text on landscape A4. One sheet per project (named after it, cut to Excel's 31 characters and
 * made unique), or all on `sheetName` one after another with a page break between. The
 * operator-columns layout holds the full-year target only. `readTargetTables` reads back the same
 * tables; with `timestamp` the bytes are reproducible.
 */
export async function writeTargetTables(tables: TargetTableForWrite[], options: TargetTableWriteOptions): Promise<Buffer> {
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
      const { headerRow } = writeTable(sheet, 1, table, spec, title);
      sheet.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
    }
  }
  return workbookBuffer(workbook, { title, timestamp: options.timestamp });
}

/** Writes one table from `top`; returns its header row and the first row after it. */
function writeTable(sheet: ExcelJS.Worksheet, top: number, table: TargetTableForWrite, spec: LayoutSpec, title: string): { headerRow: number; next: number } {
  const { header, indicators } = table;
  const width = spec.columns.length;
  const widths = spec.columns.map((c) => c.width);
  let row = top;
  titleRow(sheet, row++, width, title);
  if (header.year !== null) titleRow(sheet, row++, width, `（${header.year}年度）`, YEAR_FONT, 20);
  const unit = sheet.getCell(row++, width);
  unit.value = '单位：万元';
  unit.font = FONT;
  unit.alignment = { horizontal: 'right', vertical: 'middle' };

  const label = (r: number, [from, to]: [number, number], text: string) => {
    mergedCell(sheet, r, from, to, text);
    box(sheet, r, from, to, CENTRE, LABEL_FONT);
  };
  const value = (r: number, [from, to]: [number, number], text: string) => {
    mergedCell(sheet, r, from, to, text);
    box(sheet, r, from, to, LEFT);
    return estimateLines(text, spanWidth(widths, from, to));
  };
  label(row, spec.label, '项目名称');
  const nameLines = value(row, spec.name, header.projectName);
  label(row, spec.amountLabel, '申请金额（万元）');
  const amount = mergedCell(sheet, row, spec.amountValue[0], spec.amountValue[1], null);
  if (header.amount !== null) setDecimal(amount, header.amount);
  box(sheet, row, spec.amountValue[0], spec.amountValue[1], CENTRE);
  sheet.getRow(row++).height = linesHeight(Math.max(nameLines, estimateLines('申请金额（万元）', spanWidth(widths, ...spec.amountLabel))));
  const fields: [string, string][] = [
    ['主管部门', header.department],
    ...(header.level === undefined ? [] : [['项目级次', header.level] as [string, string]]),
    ['中长期目标', header.midLongTermGoal],
    ['年度总体目标', header.annualGoal],
  ];
  for (const [text, content] of fields) {
    label(row, spec.label, text);
    sheet.getRow(row).height = linesHeight(value(row, [spec.label[1] + 1, width], content));
    row++;
  }

  const headerRow = row++;
  spec.columns.forEach((column, i) => (sheet.getCell(headerRow, i + 1).value = column.header));
  styleHeaderRow(sheet, headerRow, width);

  const first = row;
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
  return { headerRow, next: row };
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
  const cleaned = name.replace(/[[\]:*?/\\]/g, '').replace(/^'+|'+$/g, '').trim();
  const base = Array.from(cleaned).slice(0, 31).join('') || DEFAULT_TITLE;
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = `(${i})`;
    candidate = Array.from(base).slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}
