/** One cell-level problem found while reading a sheet. Messages are Chinese (shown to the office). */
export interface CellProblem {
  sheet: string;
  /** 1-based spreadsheet row. */
  row: number;
  /** The header text of the column, e.g. '总投资' (the canonical name, not the cell's line breaks). */
  column: string;
  message: string;
}

export interface ParsedRow<T> {
  /** 1-based first spreadsheet row of the record. */
  row: number;
  value: T;
}

export interface ParsedSheet<T> {
  sheet: string;
  /** Records without problems, in sheet order. A record with a problem is reported, not returned. */
  rows: ParsedRow<T>[];
  problems: CellProblem[];
  /** What the sheet says about itself: title, attachment (附件2), unit (万元), annualYear, layout. */
  meta: Record<string, string>;
}

export interface LiaisonEntry {
  unit: string;
  section: string;
  name: string;
  phone: string;
}

export interface TaskSheetRow {
  number: number;
  /** 一, 二 … ('' when the sheet has no sections). */
  sectionNumber: string;
  /** Section heading without its （一） number. */
  section: string;
  text: string;
  leadUnits: string[];
  responsibleUnits: string[];
  liaisons: LiaisonEntry[];
}

export type ProjectStage = 'new' | 'continuing';

export interface ProjectSheetRow {
  number: number;
  stage: ProjectStage;
  name: string;
  county: string;
  category: string;
  code: string | null;
  content: string;
  /** YYYY-MM. */
  startMonth: string;
  endMonth: string;
  builder: string;
  /** Exact decimal string, 万元. */
  totalInvestment: string;
  annualInvestment: string;
  responsibleLeader: string;
}

export interface GoalSheetRow {
  number: number;
  indicator: string;
  /** '' if none. */
  unitOfMeasure: string;
  baseline: { year: number; value: string } | null;
  targets: { year: number; value: string }[];
}

export interface BreakdownSheetRow {
  unit: string;
  values: { indicator: string; unitOfMeasure: string; year: number; value: string }[];
}
