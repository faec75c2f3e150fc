import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { formatTargetValue, localDateOf } from '@app/domain';
import { getUnit, type Unit, unitsOfCity } from '@app/organisation';
import { UnitMatcher } from '@app/plans';
import {
  type CellProblem,
  type FieldChange,
  fieldChanges,
  type ImportChange,
  type ImportReport,
  type ParsedSheet,
  readUpload,
  summarise,
} from '@app/spreadsheets';
import { BudgetProject } from './entities/budget-project.entity.js';
import type { ActualPeriod } from './entities/performance-actual.entity.js';
import { PerformanceIndicator } from './entities/performance-indicator.entity.js';
import { FundAccess } from './fund-access.js';
import { PerformanceTargetsService } from './performance-targets.service.js';
import { type actuals, fundReader, type targetTables } from './spreadsheet-readers.js';
import { emptyHeader } from './spreadsheets/header-block.js';
import {
  type ActualsSheetRow,
  type HeaderField,
  type ParsedTargetTable,
  type TargetTableHeader,
  type TargetTableIndicator,
  type TargetTableLayout,
  writeActualsTemplate,
  writeTargetTables,
} from './spreadsheets/index.js';
import {
  BUDGET_PROJECT_KIND_LABELS,
  type BudgetProjectKind,
  FUND_SOURCE_LABELS,
  FUND_SOURCES,
  type FundSource,
} from './views.js';

export interface UploadedSheet {
  buffer: Buffer;
  filename: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Performance target tables in and out of spreadsheets. A workbook may hold several funds' tables;
 * each is matched to the city's budget project of that year and name (a new name makes a new
 * project, its 主管部门 matched among the city's units). Like the plan imports: the dry run
 * reports every problem and every change, the commit writes all or nothing.
 */
@Injectable()
export class TargetImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: FundAccess,
    private readonly targets: PerformanceTargetsService,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async importTargets(
    actor: Actor,
    file: UploadedSheet,
    options: { dryRun: boolean; year?: number },
  ): Promise<ImportReport> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有市级办公室可以导入绩效目标表');
    const { parsed, firstSheet } = await readUpload<ReturnType<typeof targetTables>>(
      file,
      this.env,
      fundReader('targetTables'),
    );
    const cityId = actor.cityId;
    const defaultYear = options.year ?? Number(localDateOf(this.clock.now(), this.env.APP_TIMEZONE).slice(0, 4));
    const report = await this.dataSource.transaction(async (m): Promise<ImportReport> => {
      const problems: CellProblem[] = [...parsed.problems];
      if (parsed.tables.length === 0 && problems.length === 0)
        problems.push({
          sheet: firstSheet,
          row: 1,
          column: '三级指标',
          message: '未找到绩效目标表（须有“三级指标”表头）',
        });
      const units = await unitsOfCity(m, cityId);
      const changes: ImportChange[] = [];
      const warnings: string[] = [];
      const plans: ImportPlan[] = [];
      const matcher = new UnitMatcher(units);
      for (const table of parsed.tables) {
        const year = table.header.year ?? defaultYear;
        const project = await m
          .getRepository(BudgetProject)
          .findOne({ where: { cityId, year, name: table.header.projectName } });
        const department = departmentOf(
          table,
          matcher,
          project ? { owner: matcher.byId(project.ownerUnitId) ?? null } : null,
        );
        if (department.problem) problems.push(department.problem);
        const ownerUnitId = department.unit?.id ?? project?.ownerUnitId ?? null;
        const before = project ? storedHeader(project) : newProjectHeader(year);
        const merged = mergeHeader(before, table, year);
        problems.push(...merged.problems);
        warnings.push(...merged.warnings);
        const key = `${year}|${table.header.projectName}`;
        if (!project) {
          const fields = fieldChanges({}, headerFields(merged.after)).filter((c) => c.after !== '');
          changes.push({
            key,
            label: `${year}年 ${table.header.projectName}（新项目）`,
            action: 'create',
            changes: fields,
          });
        } else {
          const diff = [
            ...(department.change ? [department.change] : []),
            ...fieldChanges(headerFields(before), headerFields(merged.after)),
          ];
          if (diff.length)
            changes.push({ key, label: `${year}年 ${table.header.projectName}`, action: 'update', changes: diff });
        }
        const existing = project
          ? await m.getRepository(PerformanceIndicator).find({ where: { projectId: project.id } })
          : [];
        for (const { value } of table.indicators) {
          const before = existing.find(
            (e) => e.level1 === value.level1 && e.level2 === value.level2 && e.level3 === value.level3,
          );
          const after = indicatorFields(value);
          const key = `${table.header.projectName}|${value.level1}|${value.level2}|${value.level3}`;
          const label = `${table.header.projectName} · ${value.level3}`;
          if (!before) changes.push({ key, label, action: 'create', changes: [] });
          else {
            const diff = fieldChanges(indicatorFields(fromEntity(before)), after);
            changes.push({ key, label, action: diff.length ? 'update' : 'unchanged', changes: diff });
          }
        }
        for (const gone of existing.filter(
          (e) =>
            !table.indicators.some(
              ({ value }) => value.level1 === e.level1 && value.level2 === e.level2 && value.level3 === e.level3,
            ),
        )) {
          changes.push({
            key: `${table.header.projectName}|${gone.level1}|${gone.level2}|${gone.level3}`,
            label: `${table.header.projectName} · ${gone.level3}`,
            action: 'remove',
            changes: [],
          });
        }
        plans.push({ table, year, project, ownerUnitId, header: merged.after });
      }
      const report: ImportReport = {
        kind: 'performance-targets',
        dryRun: options.dryRun,
        committed: false,
        problems,
        changes: changes.filter((c) => c.action !== 'unchanged'),
        summary: summarise(changes),
        warnings,
      };
      if (options.dryRun || problems.length > 0) return report;
      for (const plan of plans) await this.apply(m, actor, cityId, plan);
      return { ...report, committed: true };
    });
    // Like the plan imports: a refused commit is a 400 naming every problem, and wrote nothing.
    if (!options.dryRun && report.problems.length > 0) throw refusedCommit(report.problems);
    return report;
  }

  private async apply(m: EntityManager, actor: Actor, cityId: string, plan: ImportPlan): Promise<void> {
    const { header } = plan.table;
    const fields = entityFields(plan.header);
    let project = plan.project;
    if (project) {
      project = await this.access.project(actor, project.id, 'manage', m);
      if (plan.ownerUnitId) project.ownerUnitId = plan.ownerUnitId;
      await m.getRepository(BudgetProject).save(Object.assign(project, fields));
    } else {
      const repo = m.getRepository(BudgetProject);
      project = await repo.save(
        repo.create({ cityId, ownerUnitId: plan.ownerUnitId!, year: plan.year, name: header.projectName, ...fields }),
      );
    }
    const repo = m.getRepository(PerformanceIndicator);
    const existing = await repo.find({ where: { projectId: project.id } });
    const kept = new Set<string>();
    for (const [position, { value }] of plan.table.indicators.entries()) {
      const row =
        existing.find((e) => e.level1 === value.level1 && e.level2 === value.level2 && e.level3 === value.level3) ??
        repo.create({ projectId: project.id, level1: value.level1, level2: value.level2, level3: value.level3 });
      await repo.save(
        Object.assign(row, {
          position: position + 1,
          unit: value.unit,
          halfYearTarget: value.halfYear,
          fullYearTarget: value.fullYear,
          halfYearText: value.text?.half || null,
          fullYearText: value.text?.full || null,
          targetText: value.text?.cells ?? null,
        }),
      );
      kept.add(row.id);
    }
    const removed = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
    if (removed.length) await repo.delete(removed);
  }

  async exportTargets(
    actor: Actor,
    projectId: string,
    layout: TargetTableLayout,
  ): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const project = await this.access.project(actor, projectId, 'read');
    const owner = await getUnit(this.dataSource.manager, project.ownerUnitId, { withDeleted: true });
    const indicators = await this.dataSource
      .getRepository(PerformanceIndicator)
      .find({ where: { projectId }, order: { position: 'ASC' } });
    const buffer = await writeTargetTables(
      [
        {
          header: exportHeader(project, owner.name),
          indicators: indicators.map((i, n) => ({ ...fromEntity(i), number: n + 1 })),
        },
      ],
      { layout },
    );
    return { filename: `${project.year}年${project.name}绩效目标表.xlsx`, mime: XLSX, buffer };
  }

  /**
   * An empty target table (项目支出绩效目标表) in the layout the import reads: the header block's labels and the
   * indicator columns, every value blank, for the office to fill in for a new project. Given to those who may import.
   */
  async targetsTemplate(actor: Actor): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有市级办公室可以导入绩效目标表');
    const buffer = await writeTargetTables([{ header: emptyHeader(), indicators: [] }], { layout: 'operator-columns' });
    return { filename: '项目支出绩效目标表（模板）.xlsx', mime: XLSX, buffer };
  }

  /** A sheet listing every indicator with its target and blank 实际完成值 / 偏离原因 columns to fill in. */
  async actualsTemplate(actor: Actor, projectId: string): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const project = await this.access.project(actor, projectId, 'read');
    const indicators = await this.dataSource
      .getRepository(PerformanceIndicator)
      .find({ where: { projectId }, order: { position: 'ASC' } });
    const buffer = await writeActualsTemplate(
      {
        header: { ...emptyHeader(), projectName: project.name, year: project.year, amount: project.annualBudget },
        indicators: indicators.map((i, n) => ({ ...fromEntity(i), number: n + 1 })),
      },
      {},
    );
    return { filename: `${project.year}年${project.name}绩效指标完成情况.xlsx`, mime: XLSX, buffer };
  }

  /** Actual values from the filled-in template: every row checked against its indicator's target first. */
  async importActuals(
    actor: Actor,
    projectId: string,
    period: ActualPeriod,
    file: UploadedSheet,
    options: { dryRun: boolean },
  ): Promise<ImportReport> {
    // Who may report on the project, and whether it exists, is settled before the file is read:
    // reading is the costly part, and a refused request must not get to make the server pay for it.
    await this.access.project(actor, projectId, 'report');
    const sheet: ParsedSheet<ActualsSheetRow> = await readUpload<ReturnType<typeof actuals>>(
      file,
      this.env,
      fundReader('actuals'),
    );
    return this.dataSource.transaction(async (m) => {
      await this.access.project(actor, projectId, 'report', m);
      const problems: CellProblem[] = [...sheet.problems];
      const indicators = await m.getRepository(PerformanceIndicator).find({ where: { projectId } });
      const views = await this.targets.views(m, projectId);
      const changes: ImportChange[] = [];
      const writes: { indicator: PerformanceIndicator; text: string; deviationReason: string; note: string }[] = [];
      for (const { row, value } of sheet.rows) {
        const matches = indicators.filter(
          (i) =>
            i.level3 === value.level3 &&
            (!value.level1 || i.level1 === value.level1) &&
            (!value.level2 || i.level2 === value.level2),
        );
        if (matches.length !== 1) {
          problems.push({
            sheet: sheet.sheet,
            row,
            column: '三级指标',
            message: matches.length
              ? `“${value.level3}”对应多个指标，请填写一级、二级指标`
              : `“${value.level3}”不是该项目的绩效指标`,
          });
          continue;
        }
        const indicator = matches[0]!;
        try {
          this.targets.checkActual(indicator, period, value.actual);
        } catch (error) {
          if (error instanceof DomainError) {
            problems.push({ sheet: sheet.sheet, row, column: '实际完成值', message: error.message });
            continue;
          }
          throw error;
        }
        const before = views.find((v) => v.id === indicator.id)?.[period];
        const after = { 实际完成值: value.actual, 偏离原因: value.deviationReason, 说明: value.note };
        const diff = fieldChanges(
          before ? { 实际完成值: before.text, 偏离原因: before.deviationReason, 说明: before.note } : {},
          after,
        );
        changes.push({
          key: indicator.id,
          label: indicator.level3,
          action: before ? (diff.length ? 'update' : 'unchanged') : 'create',
          changes: diff,
        });
        writes.push({ indicator, text: value.actual, deviationReason: value.deviationReason, note: value.note });
      }
      const report: ImportReport = {
        kind: 'performance-actuals',
        dryRun: options.dryRun,
        committed: false,
        problems,
        changes: changes.filter((c) => c.action !== 'unchanged'),
        summary: summarise(changes),
        warnings: [],
      };
      if (options.dryRun || problems.length) return report;
      for (const w of writes)
        await this.targets.saveActual(m, actor, w.indicator, {
          period,
          text: w.text,
          deviationReason: w.deviationReason,
          note: w.note,
        });
      return { ...report, committed: true };
    });
  }
}

/** An indicator's targets as the office reads them: the typed text where kept. */
function indicatorFields(i: TargetTableIndicator): Record<string, unknown> {
  return {
    单位: i.unit,
    半年目标: i.text?.half || (i.halfYear ? formatTargetValue(i.halfYear) : ''),
    全年目标: i.text?.full || formatTargetValue(i.fullYear),
  };
}

function fromEntity(i: PerformanceIndicator): TargetTableIndicator {
  const text =
    i.fullYearText === null && i.halfYearText === null && i.targetText === null
      ? undefined
      : { half: i.halfYearText ?? '', full: i.fullYearText ?? '', cells: i.targetText };
  return {
    number: i.position,
    level1: i.level1,
    level2: i.level2,
    level3: i.level3,
    unit: i.unit,
    halfYear: i.halfYearTarget,
    fullYear: i.fullYearTarget,
    text,
  };
}

interface ImportPlan {
  table: ParsedTargetTable;
  year: number;
  project: BudgetProject | null;
  ownerUnitId: string | null;
  /** The project's header fields after the commit. */
  header: ProjectHeader;
}

/** A budget project's header fields as the import reads and writes them (amounts in 万元, 2 decimals). */
export interface ProjectHeader {
  kind: BudgetProjectKind;
  kindText: string;
  level: string;
  startYear: number;
  endYear: number;
  startText: string;
  endText: string;
  implementingUnit: string;
  necessity: string;
  feasibility: string;
  implementationContent: string;
  sources: Record<FundSource, string>;
  halfYearPlan: string;
  fullYearBudget: string | null;
  midLongTermGoal: string;
  annualGoal: string;
}

const money = (value: Decimal.Value) => new Decimal(value).toFixed(2);
const total = (sources: Record<FundSource, string>) =>
  FUND_SOURCES.reduce((sum, s) => sum.plus(sources[s]), new Decimal(0));

function storedHeader(p: BudgetProject): ProjectHeader {
  return {
    kind: p.kind,
    kindText: p.kindText,
    level: p.level,
    startYear: p.startYear,
    endYear: p.endYear,
    startText: p.startText,
    endText: p.endText,
    implementingUnit: p.implementingUnit,
    necessity: p.necessity,
    feasibility: p.feasibility,
    implementationContent: p.implementationContent,
    sources: Object.fromEntries(FUND_SOURCES.map((s) => [s, money(p[s])])) as Record<FundSource, string>,
    halfYearPlan: money(p.halfYearPlan),
    fullYearBudget: p.fullYearBudget === null ? null : money(p.fullYearBudget),
    midLongTermGoal: p.midLongTermGoal,
    annualGoal: p.annualGoal,
  };
}

/** A project the table creates starts from the defaults of a new budget project: the table's year, 市级, nothing funded. */
function newProjectHeader(year: number): ProjectHeader {
  return {
    kind: 'recurring',
    kindText: '',
    level: '市级',
    startYear: year,
    endYear: year,
    startText: '',
    endText: '',
    implementingUnit: '',
    necessity: '',
    feasibility: '',
    implementationContent: '',
    sources: Object.fromEntries(FUND_SOURCES.map((s) => [s, '0.00'])) as Record<FundSource, string>,
    halfYearPlan: '0.00',
    fullYearBudget: null,
    midLongTermGoal: '',
    annualGoal: '',
  };
}

/**
 * The header fields a commit leaves on the project: what the table fills in over what is stored (a
 * blank cell keeps the stored value). Sources: when the 项目资金 block gives any, they are the
 * project's sources (a blank row is 0). When it gives only 资金总额, the other sources stay and
 * 一般公共预算 takes the rest — said in a warning, and a problem when the rest would be negative.
 * Also problems when the budget year falls outside 开始 / 完成时间 or 半年计划执行数 exceeds the
 * budget, and a warning when 全年（程）预算数 differs from 资金总额.
 */
export function mergeHeader(
  before: ProjectHeader,
  table: ParsedTargetTable,
  year: number,
): { after: ProjectHeader; problems: CellProblem[]; warnings: string[] } {
  const { header, cells } = table;
  const problems: CellProblem[] = [];
  const warnings: string[] = [];
  const at = (field: HeaderField, fallback = '项目名称') => ({
    sheet: table.sheet,
    row: cells[field]?.row ?? table.startRow,
    column: cells[field]?.label ?? fallback,
  });
  const warn = (field: HeaderField, message: string) => {
    const cell = at(field);
    warnings.push(`${cell.sheet} 第${cell.row}行 ${cell.column}：${message}`);
  };
  const after: ProjectHeader = {
    ...before,
    kind: header.kind ?? before.kind,
    kindText: header.kindText || before.kindText,
    level: header.level || before.level,
    startYear: header.start?.year ?? before.startYear,
    startText: header.start?.text ?? before.startText,
    endYear: header.end?.year ?? before.endYear,
    endText: header.end?.text ?? before.endText,
    implementingUnit: header.implementingUnit || before.implementingUnit,
    necessity: header.necessity || before.necessity,
    feasibility: header.feasibility || before.feasibility,
    implementationContent: header.implementationContent || before.implementationContent,
    halfYearPlan: header.halfYearPlan === null ? before.halfYearPlan : money(header.halfYearPlan),
    fullYearBudget: header.fullYearBudget === null ? before.fullYearBudget : money(header.fullYearBudget),
    midLongTermGoal: header.midLongTermGoal || before.midLongTermGoal,
    annualGoal: header.annualGoal || before.annualGoal,
  };

  if (FUND_SOURCES.some((s) => header.sources[s] !== undefined)) {
    after.sources = Object.fromEntries(FUND_SOURCES.map((s) => [s, money(header.sources[s] ?? 0)])) as Record<
      FundSource,
      string
    >;
  } else if (header.amount !== null && !total(before.sources).eq(header.amount)) {
    const label = cells.amount?.label ?? '资金总额';
    const others = total({ ...before.sources, generalBudget: '0' });
    if (new Decimal(header.amount).lt(others)) {
      problems.push({
        ...at('amount', label),
        message: `${label}“${header.amount}”小于一般公共预算以外各来源之和（${others.toFixed(2)} 万元）`,
      });
    } else {
      const general = money(new Decimal(header.amount).minus(others));
      after.sources = { ...before.sources, generalBudget: general };
      const kept = others.isZero() ? '' : `，其他来源（${others.toFixed(2)} 万元）不变`;
      warn(
        'amount',
        `表中未填资金来源，${label} ${money(header.amount)} 万元中 ${general} 万元记为一般公共预算${kept}`,
      );
    }
  }

  if (year < after.startYear)
    problems.push({
      ...at('start', '开始时间'),
      message: `开始时间“${after.startText || `${after.startYear}年`}”晚于预算年度 ${year} 年`,
    });
  if (year > after.endYear)
    problems.push({
      ...at('end', '完成时间'),
      message: `完成时间“${after.endText || `${after.endYear}年`}”早于预算年度 ${year} 年`,
    });
  const budget = total(after.sources);
  if (
    new Decimal(after.halfYearPlan).gt(budget) &&
    (header.halfYearPlan !== null || header.amount !== null || Object.keys(header.sources).length > 0)
  ) {
    problems.push({
      ...at(header.halfYearPlan !== null ? 'halfYearPlan' : 'amount', '半年计划执行数'),
      message: `半年计划执行数 ${after.halfYearPlan} 万元超过资金总额 ${budget.toFixed(2)} 万元`,
    });
  }
  if (header.fullYearBudget !== null && !budget.eq(header.fullYearBudget))
    warn(
      'fullYearBudget',
      `全年（程）预算数 ${money(header.fullYearBudget)} 万元与资金总额 ${budget.toFixed(2)} 万元不一致`,
    );
  return { after, problems, warnings };
}

/** The header fields as the dry run lists them, label by label (资金总额 is the sum of the sources). */
export function headerFields(h: ProjectHeader): Record<string, string> {
  return {
    项目类型: h.kindText || BUDGET_PROJECT_KIND_LABELS[h.kind],
    项目级次: h.level,
    开始时间: h.startText || `${h.startYear}年`,
    完成时间: h.endText || `${h.endYear}年`,
    实施单位: h.implementingUnit,
    立项必要性: h.necessity,
    实施可行性: h.feasibility,
    项目实施内容: h.implementationContent,
    资金总额: total(h.sources).toFixed(2),
    ...Object.fromEntries(FUND_SOURCES.map((s) => [FUND_SOURCE_LABELS[s], h.sources[s]])),
    半年计划执行数: h.halfYearPlan,
    '全年（程）预算数': h.fullYearBudget ?? '',
    中长期目标: h.midLongTermGoal,
    年度目标: h.annualGoal,
  };
}

/** The columns of a budget project a header sets. */
function entityFields(h: ProjectHeader): Partial<BudgetProject> {
  const { sources, ...rest } = h;
  return { ...rest, ...sources };
}

/** The whole header block of a project as the export prints it (sources of 0 left blank, as offices leave them). */
function exportHeader(p: BudgetProject, department: string): TargetTableHeader {
  const h = storedHeader(p);
  return {
    ...emptyHeader(),
    projectName: p.name,
    year: p.year,
    department,
    amount: money(p.annualBudget),
    level: h.level,
    kindText: h.kindText || BUDGET_PROJECT_KIND_LABELS[h.kind],
    kind: h.kind,
    start: { text: h.startText || `${h.startYear}年`, year: h.startYear },
    end: { text: h.endText || `${h.endYear}年`, year: h.endYear },
    implementingUnit: h.implementingUnit,
    necessity: h.necessity,
    feasibility: h.feasibility,
    implementationContent: h.implementationContent,
    sources: Object.fromEntries(
      FUND_SOURCES.filter((s) => !new Decimal(h.sources[s]).isZero()).map((s) => [s, h.sources[s]]),
    ),
    halfYearPlan: h.halfYearPlan,
    fullYearBudget: h.fullYearBudget,
    midLongTermGoal: h.midLongTermGoal,
    annualGoal: h.annualGoal,
  };
}

function refusedCommit(problems: CellProblem[]): DomainError {
  return DomainError.validation(
    `绩效目标表有 ${problems.length} 处问题，未导入任何数据`,
    problems.map((p) => ({ field: `${p.sheet}!${p.column}${p.row ? `:${p.row}` : ''}`, reason: p.message })),
  );
}

interface DepartmentRead {
  /** The unit the table's 主管部门 names; null when it names none or is blank. */
  unit: Unit | null;
  problem?: CellProblem;
  /** An existing project's 主管部门 the table changes. */
  change?: FieldChange;
}

/**
 * 主管部门 as written (a unit's full name, short name or alias) against the project's owner: a new
 * project must name a unit; on an existing one a blank cell keeps the owner, another unit is a
 * change and an unknown name a problem, pinned to the 主管部门 cell with the closest names.
 */
export function departmentOf(
  table: ParsedTargetTable,
  matcher: UnitMatcher<Unit>,
  existing: { owner: Unit | null } | null,
): DepartmentRead {
  const owner = existing?.owner ?? null;
  const written = table.header.department;
  const at = { sheet: table.sheet, row: table.departmentRow ?? table.startRow, column: '主管部门' };
  if (!written.trim()) {
    return existing
      ? { unit: owner }
      : { unit: null, problem: { ...at, message: `新项目“${table.header.projectName}”须注明主管部门` } };
  }
  const match = matcher.match(written);
  if (!match.ok) {
    const hint = match.suggestions.length ? `，是否为：${match.suggestions.join('、')}` : '';
    return { unit: null, problem: { ...at, message: `主管部门“${written}”不是本市的单位${hint}` } };
  }
  if (existing && match.unit.id !== owner?.id)
    return { unit: match.unit, change: { field: '主管部门', before: owner?.name ?? null, after: match.unit.name } };
  return { unit: match.unit };
}
