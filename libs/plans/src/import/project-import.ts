import type { EntityManager } from 'typeorm';
import { UnitKind, unitsUnderCity } from '@app/organisation';
import type { Plan } from '../entities/plan.entity.js';
import { Project } from '../entities/project.entity.js';
import type { ProjectSheetRow } from '../spreadsheets/index.js';
import type { ParsedSheet } from '@app/spreadsheets';
import { fieldChanges, type ImportChange, type ImportProblem } from '@app/spreadsheets';
import { canonical } from './numbers.js';
import { UnitMatcher } from './unit-matcher.js';

type ProjectFields = Omit<Project, 'id' | 'createdAt' | 'updatedAt' | 'planId'>;

export interface ProjectImportPlan {
  projects: ProjectFields[];
  problems: ImportProblem[];
  changes: ImportChange[];
}

/** Natural key of a project: its code when it has one, else its name. */
const keyOf = (p: { code: string | null; name: string }) => (p.code ? `code:${p.code}` : `name:${p.name}`);

function comparable(p: ProjectFields) {
  return {
    number: p.number,
    name: p.name,
    countyUnitId: p.countyUnitId,
    category: p.category,
    code: p.code,
    content: p.content,
    startMonth: p.startMonth,
    endMonth: p.endMonth,
    builder: p.builder,
    totalInvestment: canonical(p.totalInvestment),
    annualInvestment: canonical(p.annualInvestment),
    annualYear: p.annualYear,
    responsibleLeader: p.responsibleLeader,
    stage: p.stage,
  };
}

export async function planProjectImport(
  m: EntityManager,
  plan: Plan,
  sheet: ParsedSheet<ProjectSheetRow>,
): Promise<ProjectImportPlan> {
  const counties = await unitsUnderCity(m, plan.cityId, UnitKind.County);
  const matcher = new UnitMatcher(counties);
  const problems: ImportProblem[] = sheet.problems.map((p) => ({ ...p }));
  const annualYear = Number(sheet.meta.annualYear ?? plan.startYear);
  const projects: ProjectFields[] = [];
  const seen = new Map<string, number>();
  for (const { row, value } of sheet.rows) {
    const problem = (column: string, message: string) => problems.push({ sheet: sheet.sheet, row, column, message });
    const county = matcher.match(value.county);
    if (!county.ok) {
      problem(
        '隶属',
        `“${value.county}”不是本市的县（市、区）${county.suggestions.length ? `，是否为：${county.suggestions.join('、')}` : ''}`,
      );
      continue;
    }
    const fields: ProjectFields = {
      number: value.number,
      name: value.name,
      countyUnitId: county.unit.id,
      category: value.category,
      code: value.code || null,
      content: value.content,
      startMonth: value.startMonth,
      endMonth: value.endMonth,
      builder: value.builder,
      totalInvestment: value.totalInvestment,
      annualInvestment: value.annualInvestment,
      annualYear,
      responsibleLeader: value.responsibleLeader,
      stage: value.stage,
    };
    const key = keyOf(fields);
    if (seen.has(key)) {
      problem(fields.code ? '项目代码' : '项目名称', `与第 ${seen.get(key)} 行的项目重复`);
      continue;
    }
    seen.set(key, row);
    projects.push(fields);
  }
  const changes = problems.length ? [] : await diffProjects(m, plan, projects);
  return { projects, problems, changes };
}

async function diffProjects(m: EntityManager, plan: Plan, desired: ProjectFields[]): Promise<ImportChange[]> {
  const existing = await m.getRepository(Project).findBy({ planId: plan.id });
  return desired.map((p) => {
    const current = existing.find((e) => keyOf(e) === keyOf(p)) ?? existing.find((e) => e.name === p.name);
    const label = `项目${p.number}：${p.name}`;
    if (!current) return { key: keyOf(p), label, action: 'create' as const, changes: [] };
    const diff = fieldChanges(comparable(current), comparable(p));
    return { key: keyOf(p), label, action: diff.length ? ('update' as const) : ('unchanged' as const), changes: diff };
  });
}

export async function applyProjectImport(m: EntityManager, plan: Plan, desired: ProjectFields[]): Promise<void> {
  const repo = m.getRepository(Project);
  const existing = await repo.findBy({ planId: plan.id });
  for (const p of desired) {
    const current = existing.find((e) => keyOf(e) === keyOf(p)) ?? existing.find((e) => e.name === p.name);
    if (!current) await repo.save(repo.create({ ...p, planId: plan.id }));
    else if (fieldChanges(comparable(current), comparable(p)).length) await repo.save(Object.assign(current, p));
  }
}
