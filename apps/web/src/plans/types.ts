import type { PlanSection } from '../api/types';

export const planStatusLabels: Record<string, string> = { draft: '草稿', published: '已发布', archived: '已归档' };
export const planStatusColors: Record<string, string> = { draft: 'default', published: 'success', archived: 'warning' };
export const assignmentRoleLabels: Record<string, string> = { lead: '牵头单位', responsible: '责任单位' };
export const contactRoleLabels: Record<string, string> = { liaison: '联络员', leader: '分管领导' };

/** 一 … 十五 as the document numbers its sections（一）…. */
export function sectionLabel(s: Pick<PlanSection, 'number' | 'title'>): string {
  return `（${s.number}）${s.title}`;
}
