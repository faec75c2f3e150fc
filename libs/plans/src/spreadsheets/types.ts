import type { CellProblem, ParsedRow, ParsedSheet } from '@app/spreadsheets';

export type { CellProblem, ParsedRow, ParsedSheet };

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
