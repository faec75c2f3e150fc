import { Decimal } from 'decimal.js';
import {
  type CellProblem,
  type Grid,
  cellAt,
  normaliseHeader,
  parseDecimalText,
  toHalfWidth,
  widthOf,
} from '@app/spreadsheets';
import { type BudgetProjectKind, FUND_SOURCE_LABELS, FUND_SOURCES } from '../views.js';
import type { HeaderCell, HeaderField, HeaderSource, TargetTableHeader } from './types.js';
import { firstText } from './levels.js';

/** What a label names: a header field, a group heading without a value (资金来源, 其中), or a known part of the form not kept. */
type LabelKey = HeaderField | 'group' | 'other';

/**
 * The labels of a project header block, as offices vary them. A label is followed by its value in
 * the next cell of the row, or written "label：value" in one cell; a label may end in a
 * parenthesis (项目资金（万元）) and a source may follow 其中：. Departments are taken in the order
 * listed (主管部门 before 项目单位 …); without any, 实施单位 names the department too. 项目资金 is
 * 资金总额 when a value follows it, else the heading of the source rows. `other` labels are known
 * parts of the form whose values the table does not keep.
 */
const FIELDS: readonly { key: LabelKey; names: readonly string[] }[] = [
  { key: 'projectName', names: ['项目名称', '专项名称', '专项资金名称', '资金名称'] },
  {
    key: 'department',
    names: [
      '主管部门',
      '主管部门/实施单位',
      '主管部门及代码',
      '主管单位',
      '项目单位',
      '预算单位',
      '申报单位',
      '填报单位',
    ],
  },
  { key: 'implementingUnit', names: ['实施单位', '项目实施单位', '实施主体'] },
  { key: 'kindText', names: ['项目类型', '项目类别'] },
  { key: 'level', names: ['项目级次', '项目级别'] },
  {
    key: 'start',
    names: ['开始时间', '起始时间', '开始日期', '起始日期', '项目开始时间', '计划开始时间', '实施开始时间'],
  },
  {
    key: 'end',
    names: ['完成时间', '结束时间', '完成日期', '结束日期', '截止时间', '项目完成时间', '计划完成时间', '实施完成时间'],
  },
  { key: 'necessity', names: ['立项必要性', '项目立项必要性', '必要性'] },
  { key: 'feasibility', names: ['实施可行性', '项目实施可行性', '可行性'] },
  { key: 'implementationContent', names: ['项目实施内容', '实施内容', '项目内容', '项目主要内容'] },
  {
    key: 'amount',
    names: [
      '资金总额',
      '申请金额',
      '项目资金',
      '项目资金总额',
      '年度资金总额',
      '资金金额',
      '预算金额',
      '项目金额',
      '申请资金',
    ],
  },
  {
    key: 'generalBudget',
    names: ['一般公共预算', '一般公共预算资金', '一般公共预算拨款', '一般公共预算安排', '公共财政预算'],
  },
  { key: 'governmentFunds', names: ['政府性基金预算', '政府性基金', '政府性基金预算资金', '政府性基金预算拨款'] },
  { key: 'specialAccounts', names: ['财政专户管理资金', '财政专户', '财政专户资金', '财政专户管理的资金'] },
  { key: 'stateCapital', names: ['国有资本经营预算', '国有资本经营预算资金'] },
  { key: 'socialSecurityFunds', names: ['社会保障基金', '社会保障基金预算', '社会保险基金', '社会保险基金预算'] },
  { key: 'carriedOver', names: ['上年结转', '上年结转资金', '上年结余结转', '结转资金'] },
  { key: 'otherFunds', names: ['其他资金', '其他来源资金', '其他来源'] },
  {
    key: 'halfYearPlan',
    names: [
      '半年计划执行数',
      '半年支出计划',
      '半年计划支出数',
      '半年(程)计划执行数',
      '半年预算执行数',
      '上半年支出计划',
      '半年计划',
    ],
  },
  {
    key: 'fullYearBudget',
    names: ['全年(程)预算数', '全年预算数', '全程预算数', '全年(程)计划执行数', '全年计划执行数', '全年支出计划'],
  },
  { key: 'year', names: ['年度', '预算年度', '项目年度'] },
  { key: 'midLongTermGoal', names: ['中长期目标', '中长期绩效目标', '项目中长期目标', '长期目标', '总体目标'] },
  {
    key: 'annualGoal',
    names: ['年度目标', '年度总体目标', '年度绩效目标', '本年度目标', '项目年度目标', '专项年度绩效目标'],
  },
  { key: 'group', names: ['资金来源', '项目资金来源', '支出计划', '项目支出计划', '其中'] },
  {
    key: 'other',
    names: ['单位', '金额单位', '项目基本信息', '立项依据', '项目概况', '项目属性', '实施期限', '项目期限'],
  },
];

const LABELS = new Map<string, { key: LabelKey; priority: number }>(
  FIELDS.flatMap((field) =>
    field.names.map((name, priority) => [normaliseHeader(name), { key: field.key, priority }] as const),
  ),
);

/** Fields written as paragraphs: an unlabelled row with text in the value column continues them. */
const PARAGRAPHS = new Set<HeaderField>([
  'midLongTermGoal',
  'annualGoal',
  'necessity',
  'feasibility',
  'implementationContent',
]);
type AmountField = HeaderSource | 'amount' | 'halfYearPlan' | 'fullYearBudget';
const AMOUNTS = new Set<HeaderField>([...FUND_SOURCES, 'amount', 'halfYearPlan', 'fullYearBudget']);
/** numeric(14,2): amounts below a trillion 万元. */
const MAX_AMOUNT = new Decimal('1e12');
const KIND_TEXT_MAX = 50;
const LEVEL_MAX = 20;

interface FieldCell {
  key: LabelKey;
  priority: number;
  /** The label as the sheet writes it, without colon and trailing parenthesis (申请金额). */
  label: string;
  /** The value written in the same cell after the colon; null when it is in the next cell. */
  inline: string | null;
}

function labelOf(text: string): { key: LabelKey; priority: number; label: string } | null {
  const compact = normaliseHeader(text)
    .replace(/:$/, '')
    .replace(/^其中:?(?=.)/, '');
  const bare = compact.replace(/\([^()]*\)$/, '');
  const found = LABELS.get(compact) ?? LABELS.get(bare);
  return found ? { ...found, label: bare.replace(/\(/g, '（').replace(/\)/g, '）') } : null;
}

/**
 * A header block label cell: "项目名称", "项目名称：", "申请金额（万元）", "其中：一般公共预算",
 * "项目名称：市级科技发展专项资金".
 */
export function fieldCell(text: string): FieldCell | null {
  const whole = labelOf(text);
  if (whole) return { ...whole, inline: null };
  const split = /^([^:：\n]{1,20})[:：]([\s\S]*)$/.exec(text.trim());
  const label = split ? labelOf(split[1]!) : null;
  if (!label) return null;
  const inline = split![2]!.trim();
  // 其中：上年结转：80 — a heading before the source it introduces.
  return (label.key === 'group' && inline && fieldCell(inline)) || { ...label, inline };
}

/**
 * A table title (专项资金绩效目标表, 2023年度项目支出绩效目标申报表) or its year line （ 2023 年度）;
 * a title ends in 表 (an indicator such as 绩效目标表填报及时率 is none).
 */
export function isTitle(text: string): boolean {
  return isYearLine(text) || isFormTitle(text);
}

function isYearLine(text: string): boolean {
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  return /^\(?(?:19|20)\d{2}年度?\)?$/.test(compact);
}

function isFormTitle(text: string): boolean {
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  return compact.length <= 40 && /绩效目标(?:申报|申请)?表(?:\([^()]*\))?$/.test(compact);
}

function titleYear(text: string): number | null {
  const match = /((?:19|20)\d{2})年度?/.exec(toHalfWidth(text).replace(/\s+/g, ''));
  return match ? Number(match[1]) : null;
}

/**
 * How a row takes part in a header block, by its first non-empty cell (and that cell's column): a
 * title starts a new block after fields, a 项目名称 label starts a new block after another project's
 * name, other labels ('field' for what the header keeps, 'other' for the rest: 单位：万元, 资金来源 …)
 * continue the block. Null for any other row.
 */
export function blockRowKind(
  grid: Grid,
  row: number,
): { kind: 'title' | 'project' | 'field' | 'other'; column: number } | null {
  const first = firstText(grid, row);
  if (!first) return null;
  const column = (grid.cells[row] ?? []).indexOf(first);
  if (isTitle(first)) return { kind: 'title', column };
  const field = fieldCell(first);
  if (!field) return null;
  if (field.key === 'projectName') return { kind: 'project', column };
  return { kind: field.key === 'other' || field.key === 'group' ? 'other' : 'field', column };
}

export interface HeaderBlockRead {
  header: TargetTableHeader;
  problems: CellProblem[];
  /** 1-based row of the 主管部门 (or other department label) whose value the header took. */
  departmentRow: number | null;
  /** The label cell of each field the header took (or, for a field left blank, of its label). */
  cells: Partial<Record<HeaderField, HeaderCell>>;
}

/** A header with nothing filled in. */
export function emptyHeader(): TargetTableHeader {
  return {
    projectName: '',
    year: null,
    department: '',
    amount: null,
    midLongTermGoal: '',
    annualGoal: '',
    kindText: '',
    kind: null,
    start: null,
    end: null,
    implementingUnit: '',
    necessity: '',
    feasibility: '',
    implementationContent: '',
    sources: {},
    halfYearPlan: null,
    fullYearBudget: null,
  };
}

/**
 * The project header of a table from the rows of its block, label by label. Unlabelled rows whose
 * text stands in the value column of a paragraph (a goal, 立项必要性 …) continue it (a label merged
 * over several rows of text). Checks: amounts are numbers of 万元 with at most two decimals; given
 * sources add up to 资金总额 (a blank source row is 0); 开始 / 完成时间 are dates, in order.
 */
export function readHeaderBlock(grid: Grid, rows: readonly number[]): HeaderBlockRead {
  const header = emptyHeader();
  const problems: CellProblem[] = [];
  const cells: Partial<Record<HeaderField, HeaderCell>> = {};
  const valued = new Set<HeaderField>();
  const bad = new Set<HeaderField>();
  let departmentPriority = Number.POSITIVE_INFINITY;
  let departmentRow: number | null = null;
  let titleYearFound: number | null = null;
  let lastParagraph: { key: HeaderField; column: number } | null = null;
  const width = widthOf(grid);

  for (const r of rows) {
    let labelled = false;
    for (let c = 0; c < width; c++) {
      const raw = cellAt(grid, r, c);
      if (!raw) continue;
      if (isTitle(raw)) {
        titleYearFound ??= titleYear(raw);
        continue;
      }
      const field = fieldCell(raw);
      if (!field) continue;
      labelled = true;
      let value = field.inline ?? '';
      let valueColumn = c;
      if (field.inline === null || field.inline === '') {
        const next = nextValue(grid, r, c);
        if (next) {
          value = next.text;
          valueColumn = next.column;
          c = next.column;
        }
      }
      const { key } = field;
      lastParagraph = key !== 'group' && key !== 'other' && PARAGRAPHS.has(key) ? { key, column: valueColumn } : null;
      if (key === 'group' || key === 'other') continue;
      // A field's cell is the label whose value the header took; a blank field points at its first label.
      const at = (): HeaderCell => ({ row: r + 1, label: field.label });
      const problem = (message: string) => {
        problems.push({ sheet: grid.sheet, row: r + 1, column: field.label, message });
        bad.add(key);
      };
      const take = (): boolean => {
        if (valued.has(key)) return false;
        if (!value) {
          cells[key] ??= at();
          return false;
        }
        cells[key] = at();
        valued.add(key);
        return true;
      };
      if (key === 'department') {
        if (value && field.priority < departmentPriority) {
          header.department = value;
          departmentPriority = field.priority;
          departmentRow = r + 1;
          cells.department = at();
        } else cells.department ??= at();
        continue;
      }
      if (AMOUNTS.has(key)) {
        if (!take()) continue;
        const amount = amountOf(field.label, value);
        if (!amount.ok) problem(amount.reason);
        else setAmount(header, key as AmountField, amount.value);
        continue;
      }
      switch (key) {
        case 'projectName':
          if (take()) header.projectName = value;
          break;
        case 'year': {
          if (!take()) break;
          const year = /^((?:19|20)\d{2})(?:年度?)?$/.exec(toHalfWidth(value).replace(/\s+/g, ''));
          if (year) header.year = Number(year[1]);
          else problem(`${field.label}“${value}”不是年份`);
          break;
        }
        case 'midLongTermGoal':
        case 'annualGoal':
          // "2023年目标值" next to 年度绩效目标 heads the target columns; it is no goal.
          if (!isTableCaption(value) && take()) header[key] = value;
          break;
        case 'level':
          // As typed: 市本级 stays 市本级.
          if (!take()) break;
          if (value.length > LEVEL_MAX) problem(`${field.label}“${value}”超过 ${LEVEL_MAX} 个字`);
          else header.level = value;
          break;
        case 'kindText':
          if (!take()) break;
          if (value.length > KIND_TEXT_MAX) problem(`${field.label}“${value}”超过 ${KIND_TEXT_MAX} 个字`);
          else {
            header.kindText = value;
            header.kind = projectKindOf(value);
          }
          break;
        case 'start':
        case 'end': {
          if (!take()) break;
          const date = parseHeaderDate(value);
          if (date) header[key] = { text: value, year: date.year };
          else problem(`${field.label}“${value}”不是日期（如 2023年1月、2023-01、2023年1月1日）`);
          break;
        }
        case 'implementingUnit':
        case 'necessity':
        case 'feasibility':
        case 'implementationContent':
          if (take()) header[key] = value;
          break;
      }
    }
    if (!labelled && lastParagraph) {
      const texts = (grid.cells[r] ?? []).map((text, c) => ({ text, c })).filter((t) => t.text !== '');
      const key = lastParagraph.key as
        'midLongTermGoal' | 'annualGoal' | 'necessity' | 'feasibility' | 'implementationContent';
      if (texts.length === 1 && texts[0]!.c === lastParagraph.column) {
        header[key] = header[key] ? `${header[key]}\n${texts[0]!.text}` : texts[0]!.text;
        valued.add(key);
      } else lastParagraph = null;
    }
  }
  header.year ??= titleYearFound;
  if (!header.department && header.implementingUnit && cells.implementingUnit) {
    header.department = header.implementingUnit;
    departmentRow = cells.implementingUnit.row;
  }
  problems.push(...crossChecks(grid.sheet, header, cells, bad));
  return { header, problems, departmentRow, cells };
}

function setAmount(header: TargetTableHeader, key: AmountField, value: string): void {
  if (key === 'amount' || key === 'halfYearPlan' || key === 'fullYearBudget') header[key] = value;
  else header.sources[key] = value;
}

/** Sources against 资金总额, 完成时间 against 开始时间: problems at the 资金总额 and 完成时间 cells. */
function crossChecks(
  sheet: string,
  header: TargetTableHeader,
  cells: Partial<Record<HeaderField, HeaderCell>>,
  bad: Set<HeaderField>,
): CellProblem[] {
  const problems: CellProblem[] = [];
  const given = FUND_SOURCES.filter((s) => header.sources[s] !== undefined);
  if (header.amount !== null && given.length > 0 && !FUND_SOURCES.some((s) => bad.has(s))) {
    const sum = given.reduce((total, s) => total.plus(header.sources[s]!), new Decimal(0));
    if (!sum.eq(header.amount)) {
      const cell = cells.amount!;
      const parts = given
        .map((s) => `${FUND_SOURCE_LABELS[s]} ${new Decimal(header.sources[s]!).toFixed(2)}`)
        .join(' + ');
      problems.push({
        sheet,
        row: cell.row,
        column: cell.label,
        message: `${cell.label} ${new Decimal(header.amount).toFixed(2)} 万元与资金来源合计 ${sum.toFixed(2)} 万元（${parts}）不一致`,
      });
    }
  }
  if (
    header.start &&
    header.end &&
    compareDates(parseHeaderDate(header.end.text)!, parseHeaderDate(header.start.text)!) < 0
  ) {
    const cell = cells.end!;
    problems.push({
      sheet,
      row: cell.row,
      column: cell.label,
      message: `${cell.label}“${header.end.text}”早于开始时间“${header.start.text}”`,
    });
  }
  return problems;
}

/** An amount in 万元 as typed (58,600, 500.50万元): an exact decimal string, at most two decimals. */
function amountOf(label: string, typed: string): { ok: true; value: string } | { ok: false; reason: string } {
  const text = typed.replace(/\s*万元$/, '');
  const parsed = parseDecimalText(text);
  if (!parsed.ok) return { ok: false, reason: `${label}“${typed}”不是数字（单位：万元）` };
  const value = new Decimal(parsed.value);
  if (value.isNegative()) return { ok: false, reason: `${label}“${typed}”不能为负数` };
  if (value.decimalPlaces() > 2) return { ok: false, reason: `${label}“${typed}”超过两位小数（单位：万元）` };
  if (value.gte(MAX_AMOUNT)) return { ok: false, reason: `${label}“${typed}”超出金额上限（万元）` };
  return { ok: true, value: parsed.value };
}

/** 项目类型 as a kind: 一次性项目 → one_off; 常年安排项目, 经常性项目, 延续性项目 → recurring; else null. */
export function projectKindOf(text: string): BudgetProjectKind | null {
  const compact = text.replace(/\s+/g, '');
  if (/一次性/.test(compact)) return 'one_off';
  if (/常年|经常|延续|持续/.test(compact)) return 'recurring';
  return null;
}

interface DateParts {
  year: number;
  month: number | null;
  day: number | null;
}

/**
 * A 开始 / 完成时间 as offices type it: 2023年, 2023年1月, 2023年12月底, 2023-01, 2023.1, 2023/01/01,
 * 2023年1月1日 (a date cell reads 2023-01-01). Null when it is none of these or names no real date.
 */
export function parseHeaderDate(text: string): DateParts | null {
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  const match =
    /^((?:19|20)\d{2})(?:年度?)?$/.exec(compact) ??
    /^((?:19|20)\d{2})(?:年|[-/.])(\d{1,2})(?:月(?:底|末|初|上旬|中旬|下旬)?)?$/.exec(compact) ??
    /^((?:19|20)\d{2})(?:年(\d{1,2})月(\d{1,2})日?|[-/.](\d{1,2})[-/.](\d{1,2}))$/.exec(compact);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] ?? match[4];
  const day = match[3] ?? match[5];
  const parts: DateParts = {
    year,
    month: month === undefined ? null : Number(month),
    day: day === undefined ? null : Number(day),
  };
  if (parts.month !== null && (parts.month < 1 || parts.month > 12)) return null;
  if (parts.day !== null) {
    const date = new Date(Date.UTC(year, parts.month! - 1, parts.day));
    if (date.getUTCMonth() !== parts.month! - 1 || date.getUTCDate() !== parts.day) return null;
  }
  return parts;
}

/** Earlier (< 0), the same or unknown (0), later (> 0): a part one side leaves out compares equal. */
function compareDates(a: DateParts, b: DateParts): number {
  if (a.year !== b.year) return a.year - b.year;
  if (a.month === null || b.month === null) return 0;
  if (a.month !== b.month) return a.month - b.month;
  return a.day === null || b.day === null ? 0 : a.day - b.day;
}

/** The value after a label: the next non-empty cell of the row, unless that is another label or a form title. */
function nextValue(grid: Grid, row: number, column: number): { text: string; column: number } | null {
  for (let c = column + 1; c < widthOf(grid); c++) {
    const text = cellAt(grid, row, c);
    if (!text) continue;
    if (fieldCell(text) || isFormTitle(text)) return null;
    return { text, column: c };
  }
  return null;
}

/** "2023年目标值" next to 年度绩效目标 heads the target columns; it is no goal. */
function isTableCaption(text: string): boolean {
  return /^(?:(?:19|20)\d{2}年度?)?(?:目标值|指标值)$/.test(normaliseHeader(text));
}
