import type { TargetValue } from '@app/domain';
import type { CellProblem, ParsedRow } from '@app/spreadsheets';
import type { BudgetProjectKind, FundSource } from '../views.js';

/** The two layouts offices use for a performance target table (绩效目标表). */
export type TargetTableLayout =
  /**
   * 序号 | 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 | 单位 (one full-year value; the 000 table), or
   * 计算符号 | 目标值 | 单位 under 半年（程）指标值 and again under 全年（程）指标值 (a two-row header).
   */
  | 'operator-columns'
  /** 一级指标 | 二级指标 | 三级指标 | 半年（程）指标值 | 全年（程）指标值 (cells like `≥900个`). */
  | 'half-and-full';

/** One third-level indicator (三级指标) with its targets. */
export interface TargetTableIndicator {
  /** 序号 when the sheet numbers its rows, else the position in the table (1-based). */
  number: number;
  /** 一级指标: 产出指标, 效益指标, 满意度指标 … (as written, e.g. '产出指标'). */
  level1: string;
  /** 二级指标: 数量指标, 质量指标 … (as written). */
  level2: string;
  /** 三级指标: a free name. */
  level3: string;
  /** The indicator's unit of measure ('' for qualitative and date targets); both targets use it. */
  unit: string;
  /** Null when the table has no half-year column or leaves the half-year cell blank. */
  halfYear: TargetValue | null;
  fullYear: TargetValue;
  /** The targets as the office typed them; writers print these, falling back to the parsed values. */
  text?: TargetText;
}

/** The three target cells of the operator-columns layout, as typed. */
export interface TargetCellsText {
  operator: string;
  value: string;
  unit: string;
}

/** Targets as typed: `=10%` stays `=10%` (not `＝10%`), `台、件、套、 项` keeps its space. */
export interface TargetText {
  /** The 半年（程）指标值 cell (or its 计算符号 + 目标值 + 单位 run together); '' when blank or not in the table. */
  half: string;
  /** The 全年（程）指标值 cell, or 计算符号 + 目标值 + 单位 run together. */
  full: string;
  /** The full-year 计算符号 | 目标值 | 单位 cells, when the table had them. */
  cells: TargetCellsText | null;
}

/** A source of the 项目资金 block (资金来源), in the form's order (`FUND_SOURCES`). */
export type HeaderSource = FundSource;

/** A 开始时间 / 完成时间 as typed (2023年1月, 2023-01, 2023年1月1日) with the year it names. */
export interface HeaderDate {
  text: string;
  year: number;
}

/**
 * The project header block above a table (项目支出绩效目标表), label by label as the office filled it.
 * Texts are '' and amounts null when the block does not have the label or leaves its cell blank.
 */
export interface TargetTableHeader {
  /** 项目名称. */
  projectName: string;
  /** 2023 from （ 2023 年度） or a 年度 cell; null when the sheet does not say. */
  year: number | null;
  /** 主管部门 text as written (else 实施单位 / 项目单位 …); '' when absent. */
  department: string;
  /** 资金总额 / 申请金额 / 项目资金 in 万元 as an exact decimal string (at most 2 decimals). */
  amount: string | null;
  /** 项目级次 as typed (市本级); absent when the sheet has none. */
  level?: string;
  /** 中长期目标 text ('' when absent). */
  midLongTermGoal: string;
  /** 年度目标 / 年度总体目标 text ('' when absent). */
  annualGoal: string;
  /** 项目类型 as typed: 常年安排项目, 一次性项目, 延续性项目 … */
  kindText: string;
  /** The kind 项目类型 names (一次性 → one_off; 常年 / 经常 / 延续 → recurring); null when it names none. */
  kind: BudgetProjectKind | null;
  /** 开始时间 / 完成时间 as typed, with their years; null when blank. */
  start: HeaderDate | null;
  end: HeaderDate | null;
  /** 实施单位 as typed. */
  implementingUnit: string;
  /** 立项必要性, 实施可行性, 项目实施内容: paragraphs as typed. */
  necessity: string;
  feasibility: string;
  implementationContent: string;
  /**
   * The source rows of the 项目资金 block that hold an amount (万元, exact decimal strings). A blank
   * row is no key; once one source is given, the blank ones mean 0.
   */
  sources: Partial<Record<HeaderSource, string>>;
  /** 支出计划: 半年计划执行数 and 全年（程）预算数 (万元); null when blank. */
  halfYearPlan: string | null;
  fullYearBudget: string | null;
}

/** A field of the header block, for pointing a problem or a warning at its cell. */
export type HeaderField =
  | 'projectName'
  | 'department'
  | 'amount'
  | 'year'
  | 'level'
  | 'midLongTermGoal'
  | 'annualGoal'
  | 'kindText'
  | 'start'
  | 'end'
  | 'implementingUnit'
  | 'necessity'
  | 'feasibility'
  | 'implementationContent'
  | HeaderSource
  | 'halfYearPlan'
  | 'fullYearBudget';

/** Where a header field's label stands: 1-based row and the label as the sheet writes it. */
export interface HeaderCell {
  row: number;
  label: string;
}

export interface ParsedTargetTable {
  sheet: string;
  /** 1-based row where the table's header block starts. */
  startRow: number;
  layout: TargetTableLayout;
  header: TargetTableHeader;
  /** 1-based row of the 主管部门 cell, so a problem with it points there; null when absent. */
  departmentRow: number | null;
  /** The label cell of every header field the block has, so a problem or a warning points there. */
  cells: Partial<Record<HeaderField, HeaderCell>>;
  /** Indicators without problems, in sheet order. */
  indicators: ParsedRow<TargetTableIndicator>[];
}

export interface ParsedTargetWorkbook {
  tables: ParsedTargetTable[];
  /** Every problem of every table; the import commits nothing while there is one. */
  problems: CellProblem[];
}

/** What the writer needs for one table. */
export interface TargetTableForWrite {
  header: TargetTableHeader;
  indicators: TargetTableIndicator[];
}

/** Options of `writeTargetTables`. */
export interface TargetTableWriteOptions {
  layout: TargetTableLayout;
  /** Fixes the workbook and ZIP entry times: the same tables always give the same bytes. */
  timestamp?: Date;
  /** Printed above each table; 项目支出绩效目标表 by default. */
  title?: string;
  /** Every table on this one sheet, one after another; by default one sheet per project. */
  sheetName?: string;
}

/** One row of an actuals sheet (实际完成值): texts as written, e.g. `380项`, `100%`, `规范`. */
export interface ActualsSheetRow {
  level1: string;
  level2: string;
  level3: string;
  actual: string;
  deviationReason: string;
  note: string;
}

/** Options of `writeActualsTemplate`. */
export interface ActualsTemplateOptions {
  /** 《project》绩效目标实际完成情况表 by default. */
  title?: string;
  timestamp?: Date;
}

/**
 * A performance evaluation (绩效评价) as printed: every number is an exact decimal string
 * (points and score 2 decimals, scoreRate in percent, e.g. '92.50'); '' leaves a cell blank.
 */
export interface EvaluationReportTable {
  title: string;
  subtitle: string;
  rows: {
    level1: string;
    level2: string;
    level3: string;
    points: string;
    score: string;
    scoreRate: string;
    reason: string;
  }[];
  total: { points: string; score: string; scoreRate: string };
  grade: string;
  footer: string[];
  timestamp?: Date;
}
