import type { Plan } from '../types';

export type AssignmentRole = 'lead' | 'responsible';

export interface Milestone {
  dueDate: string;
  description: string;
  expectedPercent: number;
}

export interface Liaison {
  contactId: string;
  name: string;
  section: string;
  /** Null where the reader may not see the contact's details (outside their own unit's subtree). */
  phone: string | null;
  email: string | null;
  workplaceUnitId: string | null;
  workplaceUnitName: string | null;
}

export interface AssignmentView {
  id: string;
  unitId: string;
  unitName: string;
  role: AssignmentRole;
  liaisons: Liaison[];
}

export interface TaskView {
  id: string;
  number: number;
  title: string;
  requirement: string;
  dueDate: string | null;
  milestones: Milestone[];
  sectionId: string | null;
  assignments: AssignmentView[];
}

export interface PlanSection {
  id: string;
  number: string;
  title: string;
  tasks: TaskView[];
}

export interface PlanStructure {
  plan: Plan;
  sections: PlanSection[];
  unsectioned: TaskView[];
}

export interface BreakdownIndicator {
  id: string;
  name: string;
  unitOfMeasure: string;
  aggregation: string;
  years: number[];
}

export interface BreakdownRow {
  unitId: string;
  unitName: string;
  isCity: boolean;
  /** `${indicatorId}:${year}` → the target as text (a number or a qualitative value). */
  cells: Record<string, string | null>;
}

export interface Mismatch {
  indicatorId: string;
  indicator: string;
  year: number;
  parentUnit: string;
  parentTarget: string;
  sum: string;
  difference: string;
}

export interface BreakdownMatrix {
  indicators: BreakdownIndicator[];
  rows: BreakdownRow[];
  mismatches: Mismatch[];
}

export interface Contact {
  id: string;
  unitId: string;
  workplaceUnitId: string | null;
  section: string;
  name: string;
  phone: string;
  email: string;
  role: 'liaison' | 'leader' | string;
  active: boolean;
}

export const planStatusLabels: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
export const planStatusColors: Record<string, string> = { draft: 'default', published: 'success', archived: 'warning' };
export const assignmentRoleLabels: Record<string, string> = { lead: '牵头单位', responsible: '责任单位' };
export const contactRoleLabels: Record<string, string> = { liaison: '联络员', leader: '分管领导' };

/** 一 … 十五 as the document numbers its sections（一）…. */
export function sectionLabel(s: Pick<PlanSection, 'number' | 'title'>): string {
  return `（${s.number}）${s.title}`;
}
