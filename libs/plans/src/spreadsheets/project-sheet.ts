import { Decimal } from 'decimal.js';
import { type Grid, valueAt } from '@app/spreadsheets';
import { type ColumnSpec, findHeader, headerProblems, isEmptyRow, preambleMeta, soleCell } from '@app/spreadsheets';
import { chineseNumeral, formatMonth, parseMonth } from './text.js';
import { normaliseHeader, parseDecimalText, parseInteger } from '@app/spreadsheets';
import type { ProjectSheetRow, ProjectStage } from './types.js';
import type { CellProblem, ParsedRow, ParsedSheet } from '@app/spreadsheets';
import {
  CENTRE,
  type ColumnLayout,
  createWorkbook,
  estimateLines,
  headingRow,
  LEFT,
  linesHeight,
  setDecimal,
  type SheetWriteOptions,
  startSheet,
  styleBody,
  workbookBuffer,
} from '@app/spreadsheets';

type ProjectColumn =
  | 'number'
  | 'stage'
  | 'name'
  | 'county'
  | 'category'
  | 'code'
  | 'content'
  | 'start'
  | 'end'
  | 'builder'
  | 'total'
  | 'annual'
  | 'leader';

const ANNUAL_HEADER = /^(\d{4})年度?(?:投资计划|计划投资)(?:\(.*\))?$/;

export const PROJECT_COLUMNS: readonly ColumnSpec<ProjectColumn>[] = [
  { key: 'number', label: '序号', required: true },
  { key: 'stage', label: '阶段', aliases: ['项目阶段', '建设性质'], required: false },
  { key: 'name', label: '项目名称', required: true },
  { key: 'county', label: '隶属', aliases: ['所属县（市、区）', '县（市、区）', '所属地区'], required: true },
  { key: 'category', label: '类别', aliases: ['项目类别', '行业类别'], required: true },
  { key: 'code', label: '项目代码', aliases: ['项目编码', '项目统一代码'], required: false },
  {
    key: 'content',
    label: '建设内容或建设规模',
    aliases: ['建设内容及规模', '建设内容和规模', '建设内容'],
    required: true,
  },
  { key: 'start', label: '开工年月', aliases: ['开工时间', '开工日期'], required: true },
  { key: 'end', label: '竣工年月', aliases: ['竣工时间', '竣工日期', '完工年月'], required: true },
  { key: 'builder', label: '建设单位', aliases: ['项目单位', '实施单位'], required: true },
  { key: 'total', label: '总投资', required: true },
  { key: 'annual', label: '年度投资计划', pattern: ANNUAL_HEADER, required: true },
  { key: 'leader', label: '包保责任领导', aliases: ['包保责任领导职务', '包保领导', '责任领导'], required: true },
];

const STAGE_LABELS: Record<ProjectStage, string> = { new: '新开工', continuing: '续建' };

function stageOf(text: string): ProjectStage | null {
  if (/续建/.test(text)) return 'continuing';
  if (/新开工|新建/.test(text)) return 'new';
  return null;
}

/**
 * 附件2 项目清单 (amounts in 万元). Two layouts:
 * - office: title, "单位：万元", header 序号 … 包保责任领导 with "2023年投资计划", merged stage rows
 *   "一、新开工（…）" / "二、续建（…）" above their projects;
 * - flat (ganzhou-2023-projects.csv): a 阶段 column (新开工/续建) instead of stage rows.
 * meta.annualYear is the year of the 投资计划 column. Problems: 序号 empty, not an integer or
 * repeated; empty 项目名称; unknown stage; an amount that is empty, not a number or negative; a
 * month that cannot be read; 竣工年月 before 开工年月; a 单位 other than 万元. An annual amount above
 * the total is not a problem.
 */
export function readProjectSheet(grid: Grid): ParsedSheet<ProjectSheetRow> {
  const header = findHeader(grid, PROJECT_COLUMNS);
  const headerIssues = headerProblems(grid, header, PROJECT_COLUMNS);
  if (!header || headerIssues.length > 0) {
    return { sheet: grid.sheet, rows: [], problems: headerIssues, meta: header ? preambleMeta(grid, header.row) : {} };
  }
  const columns = header.columns;
  const annualHeader = normaliseHeader(valueAt(grid, header.row, columns.annual!));
  const annualYear = ANNUAL_HEADER.exec(annualHeader)![1]!;
  const annualLabel = `${annualYear}年投资计划`;
  const labels: Record<ProjectColumn, string> = Object.fromEntries(
    PROJECT_COLUMNS.map((c) => [c.key, c.label]),
  ) as Record<ProjectColumn, string>;
  labels.annual = annualLabel;
  const meta: Record<string, string> = {
    ...preambleMeta(grid, header.row),
    annualYear,
    layout: columns.stage === undefined ? 'office' : 'flat',
  };
  const problems: CellProblem[] = [];
  const rows: ParsedRow<ProjectSheetRow>[] = [];

  if (meta.unit && normaliseHeader(meta.unit) !== '万元') {
    const unitRow = grid.cells.findIndex(
      (row, r) => r < header.row && row.some((cell) => /^(?:金额)?单\s*位\s*[:：]/.test(cell)),
    );
    problems.push({
      sheet: grid.sheet,
      row: unitRow + 1,
      column: '单位',
      message: `金额单位为“${meta.unit}”，本表应以万元为单位`,
    });
  }

  const bodyColumns = new Set(PROJECT_COLUMNS.filter((c) => c.key !== 'number').map((c) => columns[c.key]));
  const seen = new Map<number, number>();
  let stage: ProjectStage | null = null;
  for (let r = header.row + 1; r < grid.cells.length; r++) {
    if (isEmptyRow(grid, r)) continue;
    const sole = soleCell(grid, r);
    if (sole && !bodyColumns.has(sole.column) && parseInteger(sole.text) === null) {
      stage = stageOf(sole.text);
      if (stage) meta[`${stage}Heading`] ??= sole.text;
      continue;
    }
    const v = (key: ProjectColumn) => (columns[key] === undefined ? '' : valueAt(grid, r, columns[key]));
    if (
      /^(合计|总计|小计)$/.test(v('number').replace(/\s+/g, '')) ||
      /^(合计|总计|小计)$/.test(v('name').replace(/\s+/g, ''))
    )
      continue;
    const found: CellProblem[] = [];
    const problem = (key: ProjectColumn, message: string) =>
      found.push({ sheet: grid.sheet, row: r + 1, column: labels[key], message });

    const numberText = v('number');
    const number = parseInteger(numberText);
    if (numberText === '') problem('number', '序号为空');
    else if (number === null) problem('number', `序号“${numberText}”不是整数`);
    else if (seen.has(number)) problem('number', `序号 ${number} 与第 ${seen.get(number)} 行重复`);
    else seen.set(number, r + 1);

    const name = v('name');
    if (!name) problem('name', '项目名称为空');

    const stageText = v('stage');
    const rowStage = stageText ? stageOf(stageText) : stage;
    if (stageText && !rowStage) problem('stage', `阶段“${stageText}”应为“新开工”或“续建”`);
    else if (!rowStage) problem('stage', '无法确定项目阶段：缺少“一、新开工”“二、续建”分段行或“阶段”列');

    const month = (key: 'start' | 'end'): string | null => {
      const text = v(key);
      if (!text) {
        problem(key, `${labels[key]}为空`);
        return null;
      }
      const parsed = parseMonth(text);
      if (!parsed) problem(key, `${labels[key]}“${text}”无法识别，应写作“2023年1月”或“2023-01”`);
      return parsed;
    };
    const startMonth = month('start');
    const endMonth = month('end');
    if (startMonth && endMonth && endMonth < startMonth) {
      problem('end', `竣工年月（${formatMonth(endMonth)}）早于开工年月（${formatMonth(startMonth)}）`);
    }

    const amount = (key: 'total' | 'annual'): string | null => {
      const text = v(key);
      const parsed = parseDecimalText(text);
      if (!parsed.ok) {
        problem(key, parsed.reason === 'empty' ? `${labels[key]}为空` : `${labels[key]}“${text}”不是数字`);
        return null;
      }
      if (new Decimal(parsed.value).isNegative() && !new Decimal(parsed.value).isZero()) {
        problem(key, `${labels[key]}不能为负数（${text}）`);
        return null;
      }
      return parsed.value;
    };
    const totalInvestment = amount('total');
    const annualInvestment = amount('annual');

    problems.push(...found);
    if (
      found.length > 0 ||
      number === null ||
      !rowStage ||
      !startMonth ||
      !endMonth ||
      totalInvestment === null ||
      annualInvestment === null
    )
      continue;
    const code = v('code');
    rows.push({
      row: r + 1,
      value: {
        number,
        stage: rowStage,
        name,
        county: v('county'),
        category: v('category'),
        code: code || null,
        content: v('content'),
        startMonth,
        endMonth,
        builder: v('builder'),
        totalInvestment,
        annualInvestment,
        responsibleLeader: v('leader'),
      },
    });
  }
  return { sheet: grid.sheet, rows, problems, meta };
}

/** 万元 → 亿元 with at most two decimals, trailing zeros trimmed: 82000 → "8.2". */
export function wanToYi(amount: Decimal.Value): string {
  return new Decimal(amount).div(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
}

/** "一、新开工（项目11个、总投资16.46亿元、年度计划投资8.2亿元）" from a stage's count and sums in 万元. */
export function formatStageHeading(
  ordinal: number,
  stage: ProjectStage,
  count: number,
  total: Decimal.Value,
  annual: Decimal.Value,
): string {
  return (
    `${chineseNumeral(ordinal)}、${STAGE_LABELS[stage]}` +
    `（项目${count}个、总投资${wanToYi(total)}亿元、年度计划投资${wanToYi(annual)}亿元）`
  );
}

/** The heading computed from the stage's rows. */
export function stageHeading(ordinal: number, stage: ProjectStage, rows: ProjectSheetRow[]): string {
  const total = rows.reduce((sum, p) => sum.plus(p.totalInvestment), new Decimal(0));
  const annual = rows.reduce((sum, p) => sum.plus(p.annualInvestment), new Decimal(0));
  return formatStageHeading(ordinal, stage, rows.length, total, annual);
}

function projectLayout(annualYear: string): ColumnLayout[] {
  return [
    { header: '序号', width: 6 },
    { header: '项目名称', width: 24 },
    { header: '隶属', width: 10 },
    { header: '类别', width: 14 },
    { header: '项目代码', width: 15 },
    { header: '建设内容或建设规模', width: 40 },
    { header: '开工\n年月', width: 11 },
    { header: '竣工\n年月', width: 11 },
    { header: '建设单位', width: 22 },
    { header: '总投资', width: 10 },
    { header: `${annualYear}年\n投资计划`, width: 10 },
    { header: '包保责任领导', width: 18 },
  ];
}

/**
 * The office layout of 附件2: title, "单位：万元", the header, then 新开工 and 续建 projects each
 * under a merged stage row whose counts and totals are computed from the rows; amounts are
 * number cells.
 */
export async function writeProjectSheet(
  rows: ProjectSheetRow[],
  options: SheetWriteOptions & { annualYear: number | string },
): Promise<Buffer> {
  const workbook = createWorkbook(options);
  const layout = projectLayout(String(options.annualYear));
  const { sheet, headerRow } = startSheet(workbook, '项目清单', layout, options, ['单位：万元']);
  const width = layout.length;
  const alignments = [CENTRE, LEFT, CENTRE, CENTRE, CENTRE, LEFT, CENTRE, CENTRE, LEFT, CENTRE, CENTRE, CENTRE];
  let r = headerRow + 1;
  let ordinal = 0;
  for (const stage of ['new', 'continuing'] as const) {
    const projects = rows.filter((p) => p.stage === stage);
    if (projects.length === 0) continue;
    headingRow(sheet, r, width, stageHeading(++ordinal, stage, projects));
    r++;
    for (const p of projects) {
      const texts = [
        String(p.number),
        p.name,
        p.county,
        p.category,
        p.code ?? '',
        p.content,
        formatMonth(p.startMonth),
        formatMonth(p.endMonth),
        p.builder,
      ];
      texts.forEach((text, i) => {
        sheet.getCell(r, i + 1).value = text;
      });
      sheet.getCell(r, 1).value = p.number;
      setDecimal(sheet.getCell(r, 10), p.totalInvestment);
      setDecimal(sheet.getCell(r, 11), p.annualInvestment);
      sheet.getCell(r, 12).value = p.responsibleLeader;
      styleBody(sheet, r, r, alignments);
      const lines = Math.max(
        ...[...texts, p.responsibleLeader].map((text, i) =>
          estimateLines(text, layout[i === texts.length ? 11 : i]!.width),
        ),
      );
      sheet.getRow(r).height = linesHeight(lines);
      r++;
    }
  }
  return workbookBuffer(workbook, options);
}
