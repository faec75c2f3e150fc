import { formatTargetValue } from '@app/domain';
import {
  CENTRE,
  type CellProblem,
  type ColumnLayout,
  type ColumnSpec,
  type Grid,
  LEFT,
  type ParsedRow,
  type ParsedSheet,
  cellAt,
  createWorkbook,
  estimateLines,
  findHeader,
  headerProblems,
  linesHeight,
  startSheet,
  styleBody,
  valueAt,
  workbookBuffer,
} from '@app/spreadsheets';
import { fieldCell } from './header-block.js';
import { LevelCarry, cleanName, emptyIn, firstText, indicatorKey, isFooterText, writeLevelRuns } from './levels.js';
import type { ActualsSheetRow, ActualsTemplateOptions, TargetTableForWrite } from './types.js';

type ActualsColumn = 'number' | 'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'deviationReason' | 'note';

export const ACTUALS_COLUMNS: readonly ColumnSpec<ActualsColumn>[] = [
  { key: 'number', label: '序号', aliases: ['编号'], required: false },
  { key: 'level1', label: '一级指标', required: true },
  { key: 'level2', label: '二级指标', required: true },
  { key: 'level3', label: '三级指标', aliases: ['三级指标名称'], required: true },
  {
    key: 'target',
    label: '全年目标值',
    aliases: ['目标值', '年度目标值', '年度指标值', '全年指标值', '全年（程）指标值'],
    required: false,
  },
  {
    key: 'actual',
    label: '实际完成值',
    aliases: ['实际值', '完成值', '实际完成', '实际完成情况', '全年实际完成值', '年度实际完成值'],
    required: true,
  },
  {
    key: 'deviationReason',
    label: '偏离原因',
    aliases: ['偏差原因', '偏差原因分析', '偏离原因分析', '未完成原因'],
    required: false,
  },
  { key: 'note', label: '说明', aliases: ['备注', '情况说明'], required: false },
];

const LABEL = Object.fromEntries(ACTUALS_COLUMNS.map((spec) => [spec.key, spec.label])) as Record<
  ActualsColumn,
  string
>;

const TEMPLATE_COLUMNS: ColumnLayout[] = [
  { header: '序号', width: 6 },
  { header: '一级指标', width: 12 },
  { header: '二级指标', width: 14 },
  { header: '三级指标', width: 34 },
  { header: '全年目标值', width: 18 },
  { header: '实际完成值', width: 16 },
  { header: '偏离原因', width: 28 },
  { header: '说明', width: 22 },
];

/**
 * A sheet of actual values (实际完成值) against a target table: 序号 | 一级指标 | 二级指标 | 三级指标 |
 * 全年目标值 | 实际完成值 | 偏离原因 | 说明. Actual values stay text as written (`380项`, `100%`,
 * `2023年11月30日`, `规范`); comparing them with the targets is the funds service's business. Rows
 * without an actual value are skipped. Problems: missing columns, empty 一级 / 二级 / 三级 on a row
 * with a value, the same 三级指标 twice within one 一级 + 二级. `meta` holds the title and the
 * project name and year written above the table (项目名称：…, 年度：…).
 */
export function readActualsSheet(grid: Grid): ParsedSheet<ActualsSheetRow> {
  const header = findHeader(grid, ACTUALS_COLUMNS);
  const problems: CellProblem[] = headerProblems(grid, header, ACTUALS_COLUMNS);
  const meta = header ? preamble(grid, header.row) : {};
  if (!header || problems.length > 0) return { sheet: grid.sheet, rows: [], problems, meta };

  const columns = header.columns;
  const tableColumns = Object.values(columns);
  const at = (row: number, key: ActualsColumn) => (columns[key] === undefined ? '' : valueAt(grid, row, columns[key]));
  const carry = new LevelCarry();
  const seen = new Map<string, number>();
  const rows: ParsedRow<ActualsSheetRow>[] = [];
  for (let r = header.row + 1; r < grid.cells.length; r++) {
    if (emptyIn(grid, r, tableColumns)) continue;
    if (isFooterText(firstText(grid, r))) break;
    const { level1, level2 } = carry.next(at(r, 'level1'), at(r, 'level2'));
    const actual = at(r, 'actual');
    if (!actual) continue;
    const found: CellProblem[] = [];
    const problem = (key: ActualsColumn, message: string) =>
      found.push({ sheet: grid.sheet, row: r + 1, column: LABEL[key], message });
    const level3 = cleanName(at(r, 'level3'));
    if (!level1) problem('level1', '一级指标为空');
    if (!level2) problem('level2', '二级指标为空');
    if (!level3) problem('level3', '三级指标为空');
    else if (level1 && level2) {
      const key = indicatorKey(level1, level2, level3);
      const first = seen.get(key);
      if (first !== undefined)
        problem('level3', `三级指标“${level3}”与第 ${first} 行重复（同一${level1}、${level2}下）`);
      else seen.set(key, r + 1);
    }
    problems.push(...found);
    if (found.length > 0) continue;
    rows.push({
      row: r + 1,
      value: { level1, level2, level3, actual, deviationReason: at(r, 'deviationReason'), note: at(r, 'note') },
    });
  }
  return { sheet: grid.sheet, rows, problems, meta };
}

/** Title (the first other text), projectName and year from the lines above the header. */
function preamble(grid: Grid, headerRow: number): Record<string, string> {
  const meta: Record<string, string> = {};
  for (let r = 0; r < headerRow; r++) {
    for (let c = 0; c < (grid.cells[r]?.length ?? 0); c++) {
      const text = cellAt(grid, r, c);
      if (!text) continue;
      const field = fieldCell(text);
      if (field?.inline && field.key === 'projectName') meta.projectName ??= field.inline;
      else if (field?.inline && field.key === 'year') meta.year ??= field.inline.replace(/\D/g, '');
      else if (!field) meta.title ??= text;
    }
  }
  return meta;
}

/**
 * The sheet a department fills in at the year's end: the table's indicators with their full-year
 * targets, 一级 / 二级 merged over their rows, and empty 实际完成值 | 偏离原因 | 说明 columns.
 */
export async function writeActualsTemplate(
  table: TargetTableForWrite,
  options: ActualsTemplateOptions = {},
): Promise<Buffer> {
  const { header, indicators } = table;
  const title = options.title ?? `${header.projectName}绩效目标实际完成情况表`;
  const lines = [`项目名称：${header.projectName}`];
  if (header.year !== null) lines.push(`年度：${header.year}`);
  if (header.department) lines.push(`主管部门：${header.department}`);
  const sheetOptions = { title, timestamp: options.timestamp };
  const workbook = createWorkbook(sheetOptions);
  const { sheet, headerRow } = startSheet(workbook, '实际完成值', TEMPLATE_COLUMNS, sheetOptions, lines);
  let row = headerRow + 1;
  for (const indicator of indicators) {
    const target = formatTargetValue(indicator.fullYear);
    sheet.getCell(row, 1).value = indicator.number;
    sheet.getCell(row, 4).value = indicator.level3;
    sheet.getCell(row, 5).value = target;
    styleBody(sheet, row, row, [CENTRE, CENTRE, CENTRE, LEFT, CENTRE, CENTRE, LEFT, LEFT]);
    sheet.getRow(row).height = linesHeight(Math.max(estimateLines(indicator.level3, 34), estimateLines(target, 18)));
    row++;
  }
  writeLevelRuns(sheet, headerRow + 1, indicators, 2, 3);
  return workbookBuffer(workbook, sheetOptions);
}
