import { type CellProblem, type Grid, cellAt, normaliseHeader, parseDecimalText, toHalfWidth, widthOf } from '@app/spreadsheets';
import type { TargetTableHeader } from './types.js';
import { firstText } from './levels.js';

type FieldKey = 'projectName' | 'department' | 'amount' | 'year' | 'level' | 'midLongTermGoal' | 'annualGoal' | 'other';

/**
 * The labels of a project header block. A label is followed by its value in the next cell of the
 * row, or written "label：value" in one cell; a label may end in a parenthesis (申请金额（万元）).
 * Departments are taken in the order listed (主管部门 before 实施单位 …). `other` labels are known
 * parts of the form whose values the table does not keep.
 */
const FIELDS: readonly { key: FieldKey; names: readonly string[] }[] = [
  { key: 'projectName', names: ['项目名称', '专项名称', '专项资金名称', '资金名称'] },
  {
    key: 'department',
    names: ['主管部门', '主管部门/实施单位', '主管部门及代码', '主管单位', '实施单位', '项目实施单位', '项目单位', '预算单位', '申报单位', '填报单位'],
  },
  { key: 'amount', names: ['申请金额', '资金总额', '项目资金', '项目资金总额', '年度资金总额', '资金金额', '预算金额', '项目金额', '申请资金'] },
  { key: 'year', names: ['年度', '预算年度', '项目年度'] },
  { key: 'level', names: ['项目级次'] },
  { key: 'midLongTermGoal', names: ['中长期目标', '中长期绩效目标', '项目中长期目标', '长期目标', '总体目标'] },
  { key: 'annualGoal', names: ['年度目标', '年度总体目标', '年度绩效目标', '本年度目标', '项目年度目标', '专项年度绩效目标'] },
  {
    key: 'other',
    names: ['单位', '金额单位', '项目基本信息', '立项必要性', '实施可行性', '项目实施内容', '立项依据', '项目概况', '项目属性', '项目类型', '实施期限', '项目期限'],
  },
];

const LABELS = new Map<string, { key: FieldKey; priority: number }>(
  FIELDS.flatMap((field) => field.names.map((name, priority) => [normaliseHeader(name), { key: field.key, priority }] as const)),
);

interface FieldCell {
  key: FieldKey;
  priority: number;
  /** The value written in the same cell after the colon; null when it is in the next cell. */
  inline: string | null;
}

function labelOf(text: string): { key: FieldKey; priority: number } | null {
  const compact = normaliseHeader(text).replace(/:$/, '');
  return LABELS.get(compact) ?? LABELS.get(compact.replace(/\([^()]*\)$/, '')) ?? null;
}

/** A header block label cell: "项目名称", "项目名称：", "申请金额（万元）", "项目名称：市级科技发展专项资金". */
export function fieldCell(text: string): FieldCell | null {
  const whole = labelOf(text);
  if (whole) return { ...whole, inline: null };
  const split = /^([^:：\n]{1,20})[:：]([\s\S]*)$/.exec(text.trim());
  const label = split ? labelOf(split[1]!) : null;
  return label ? { ...label, inline: split![2]!.trim() } : null;
}

/**
 * A table title (专项资金绩效目标表, 2023年度项目支出绩效目标申报表) or its year line （ 2023 年度）;
 * a title ends in 表 (an indicator such as 绩效目标表填报及时率 is none).
 */
export function isTitle(text: string): boolean {
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  if (compact.length > 40) return false;
  return /^\(?(?:19|20)\d{2}年度?\)?$/.test(compact) || /绩效目标(?:申报|申请)?表(?:\([^()]*\))?$/.test(compact);
}

function titleYear(text: string): number | null {
  const match = /((?:19|20)\d{2})年度?/.exec(toHalfWidth(text).replace(/\s+/g, ''));
  return match ? Number(match[1]) : null;
}

/**
 * How a row takes part in a header block, by its first non-empty cell: a title starts a new block
 * after fields, a 项目名称 label starts a new block after another project's name, other labels
 * ('field' for what the header keeps, 'other' for the rest: 单位：万元, 立项必要性 …) continue the
 * block. Null for any other row.
 */
export function blockRowKind(grid: Grid, row: number): 'title' | 'project' | 'field' | 'other' | null {
  const first = firstText(grid, row);
  if (!first) return null;
  if (isTitle(first)) return 'title';
  const field = fieldCell(first);
  if (!field) return null;
  if (field.key === 'projectName') return 'project';
  return field.key === 'other' ? 'other' : 'field';
}

export interface HeaderBlockRead {
  header: TargetTableHeader;
  problems: CellProblem[];
  /** 1-based row of the 主管部门 (or other department label) whose value the header took. */
  departmentRow: number | null;
}

/**
 * The project header of a table from the rows of its block. Unlabelled rows whose text stands in
 * the value column of a goal continue that goal (a label merged over several rows of text).
 */
export function readHeaderBlock(grid: Grid, rows: readonly number[]): HeaderBlockRead {
  const header: TargetTableHeader = { projectName: '', year: null, department: '', amount: null, midLongTermGoal: '', annualGoal: '' };
  const problems: CellProblem[] = [];
  let departmentPriority = Number.POSITIVE_INFINITY;
  let departmentRow: number | null = null;
  let titleYearFound: number | null = null;
  let lastGoal: { key: 'midLongTermGoal' | 'annualGoal'; column: number } | null = null;
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
      lastGoal = field.key === 'midLongTermGoal' || field.key === 'annualGoal' ? { key: field.key, column: valueColumn } : null;
      switch (field.key) {
        case 'projectName':
          header.projectName ||= value;
          break;
        case 'department':
          if (value && field.priority < departmentPriority) {
            header.department = value;
            departmentPriority = field.priority;
            departmentRow = r + 1;
          }
          break;
        case 'amount': {
          if (header.amount !== null) break;
          const text = value.replace(/\s*万元$/, '');
          if (!text) break;
          const amount = parseDecimalText(text);
          if (amount.ok) header.amount = amount.value;
          else problems.push({ sheet: grid.sheet, row: r + 1, column: '申请金额', message: `申请金额“${value}”不是数字（单位：万元）` });
          break;
        }
        case 'year': {
          const year = /^((?:19|20)\d{2})(?:年度?)?$/.exec(toHalfWidth(value).replace(/\s+/g, ''));
          if (year) header.year ??= Number(year[1]);
          else if (value) problems.push({ sheet: grid.sheet, row: r + 1, column: '年度', message: `年度“${value}”不是年份` });
          break;
        }
        case 'midLongTermGoal':
        case 'annualGoal':
          if (!header[field.key] && !isTableCaption(value)) header[field.key] = value;
          break;
        case 'level':
          // As typed: 市本级 stays 市本级.
          if (value && header.level === undefined) header.level = value;
          break;
        case 'other':
          break;
      }
    }
    if (!labelled && lastGoal) {
      const texts = (grid.cells[r] ?? []).map((text, c) => ({ text, c })).filter((t) => t.text !== '');
      if (texts.length === 1 && texts[0]!.c === lastGoal.column) {
        header[lastGoal.key] = header[lastGoal.key] ? `${header[lastGoal.key]}\n${texts[0]!.text}` : texts[0]!.text;
      } else lastGoal = null;
    }
  }
  header.year ??= titleYearFound;
  return { header, problems, departmentRow };
}

/** The value after a label: the next non-empty cell of the row, unless that is another label. */
function nextValue(grid: Grid, row: number, column: number): { text: string; column: number } | null {
  for (let c = column + 1; c < widthOf(grid); c++) {
    const text = cellAt(grid, row, c);
    if (!text) continue;
    if (fieldCell(text) || isTitle(text)) return null;
    return { text, column: c };
  }
  return null;
}

/** "2023年目标值" next to 年度绩效目标 heads the target columns; it is no goal. */
function isTableCaption(text: string): boolean {
  return /^(?:(?:19|20)\d{2}年度?)?(?:目标值|指标值)$/.test(normaliseHeader(text));
}
