import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { formatTargetValue, localDateOf } from '@app/domain';
import { Unit } from '@app/organisation';
import { type CellProblem, fieldChanges, type ImportChange, type ImportReport, type ParsedSheet, readUpload, summarise } from '@app/plans';
import { BudgetProject } from './entities/budget-project.entity.js';
import type { ActualPeriod } from './entities/performance-actual.entity.js';
import { PerformanceIndicator } from './entities/performance-indicator.entity.js';
import { FundAccess } from './fund-access.js';
import { PerformanceTargetsService } from './performance-targets.service.js';
import { type actuals, fundReader, type targetTables } from './spreadsheet-readers.js';
import {
  type ActualsSheetRow,
  type ParsedTargetTable,
  type TargetTableIndicator,
  type TargetTableLayout,
  writeActualsTemplate,
  writeTargetTables,
} from './spreadsheets/index.js';

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

  async importTargets(actor: Actor, file: UploadedSheet, options: { dryRun: boolean; year?: number }): Promise<ImportReport> {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有市级办公室可以导入绩效目标表');
    const { parsed, firstSheet } = await readUpload<ReturnType<typeof targetTables>>(file, this.env, fundReader('targetTables'));
    const cityId = actor.cityId;
    const defaultYear = options.year ?? Number(localDateOf(this.clock.now(), this.env.APP_TIMEZONE).slice(0, 4));
    return this.dataSource.transaction(async (m) => {
      const problems: CellProblem[] = [...parsed.problems];
      if (parsed.tables.length === 0 && problems.length === 0) problems.push({ sheet: firstSheet, row: 1, column: '三级指标', message: '未找到绩效目标表（须有“三级指标”表头）' });
      const units = await m.getRepository(Unit).find({ where: [{ cityId }, { id: cityId }] });
      const changes: ImportChange[] = [];
      const plans: { table: ParsedTargetTable; year: number; project: BudgetProject | null; ownerUnitId: string | null }[] = [];
      for (const table of parsed.tables) {
        const year = table.header.year ?? defaultYear;
        const project = await m.getRepository(BudgetProject).findOne({ where: { cityId, year, name: table.header.projectName } });
        let ownerUnitId = project?.ownerUnitId ?? null;
        if (!project) {
          const owner = matchUnit(units, table.header.department);
          if (!owner) {
            problems.push({
              sheet: table.sheet,
              row: table.startRow,
              column: '主管部门',
              message: table.header.department ? `主管部门“${table.header.department}”不是本市的单位` : `新项目“${table.header.projectName}”须注明主管部门`,
            });
          } else ownerUnitId = owner.id;
          changes.push({ key: `${year}|${table.header.projectName}`, label: `${year}年 ${table.header.projectName}（新项目）`, action: 'create', changes: [] });
        }
        const existing = project ? await m.getRepository(PerformanceIndicator).find({ where: { projectId: project.id } }) : [];
        for (const { value } of table.indicators) {
          const before = existing.find((e) => e.level1 === value.level1 && e.level2 === value.level2 && e.level3 === value.level3);
          const after = indicatorFields(value);
          const key = `${table.header.projectName}|${value.level1}|${value.level2}|${value.level3}`;
          const label = `${table.header.projectName} · ${value.level3}`;
          if (!before) changes.push({ key, label, action: 'create', changes: [] });
          else {
            const diff = fieldChanges(indicatorFields(fromEntity(before)), after);
            changes.push({ key, label, action: diff.length ? 'update' : 'unchanged', changes: diff });
          }
        }
        for (const gone of existing.filter((e) => !table.indicators.some(({ value }) => value.level1 === e.level1 && value.level2 === e.level2 && value.level3 === e.level3))) {
          changes.push({ key: `${table.header.projectName}|${gone.level1}|${gone.level2}|${gone.level3}`, label: `${table.header.projectName} · ${gone.level3}`, action: 'remove', changes: [] });
        }
        plans.push({ table, year, project, ownerUnitId });
      }
      const report: ImportReport = {
        kind: 'performance-targets',
        dryRun: options.dryRun,
        committed: false,
        problems,
        changes: changes.filter((c) => c.action !== 'unchanged'),
        summary: summarise(changes),
        warnings: [],
      };
      if (options.dryRun || problems.length > 0) return report;
      for (const plan of plans) await this.apply(m, actor, cityId, plan);
      return { ...report, committed: true };
    });
  }

  private async apply(m: EntityManager, actor: Actor, cityId: string, plan: { table: ParsedTargetTable; year: number; project: BudgetProject | null; ownerUnitId: string | null }): Promise<void> {
    const { header } = plan.table;
    let project = plan.project;
    if (project) {
      project = await this.access.project(actor, project.id, 'manage', m);
      if (header.midLongTermGoal) project.midLongTermGoal = header.midLongTermGoal;
      if (header.annualGoal) project.annualGoal = header.annualGoal;
      await m.getRepository(BudgetProject).save(project);
    } else {
      const repo = m.getRepository(BudgetProject);
      project = await repo.save(
        repo.create({
          cityId,
          ownerUnitId: plan.ownerUnitId!,
          year: plan.year,
          name: header.projectName,
          startYear: plan.year,
          endYear: plan.year,
          generalBudget: header.amount ?? '0',
          midLongTermGoal: header.midLongTermGoal,
          annualGoal: header.annualGoal,
        }),
      );
    }
    const repo = m.getRepository(PerformanceIndicator);
    const existing = await repo.find({ where: { projectId: project.id } });
    const kept = new Set<string>();
    for (const [position, { value }] of plan.table.indicators.entries()) {
      const row = existing.find((e) => e.level1 === value.level1 && e.level2 === value.level2 && e.level3 === value.level3) ?? repo.create({ projectId: project.id, level1: value.level1, level2: value.level2, level3: value.level3 });
      await repo.save(Object.assign(row, { position: position + 1, unit: value.unit, halfYearTarget: value.halfYear, fullYearTarget: value.fullYear }));
      kept.add(row.id);
    }
    const removed = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
    if (removed.length) await repo.delete(removed);
  }

  async exportTargets(actor: Actor, projectId: string, layout: TargetTableLayout): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const project = await this.access.project(actor, projectId, 'read');
    const owner = await this.dataSource.getRepository(Unit).findOneOrFail({ where: { id: project.ownerUnitId }, withDeleted: true });
    const indicators = await this.dataSource.getRepository(PerformanceIndicator).find({ where: { projectId }, order: { position: 'ASC' } });
    const buffer = await writeTargetTables(
      [
        {
          header: { projectName: project.name, year: project.year, department: owner.name, amount: project.annualBudget, midLongTermGoal: project.midLongTermGoal, annualGoal: project.annualGoal },
          indicators: indicators.map((i, n) => ({ ...fromEntity(i), number: n + 1 })),
        },
      ],
      { layout },
    );
    return { filename: `${project.year}年${project.name}绩效目标表.xlsx`, mime: XLSX, buffer };
  }

  /** A sheet listing every indicator with its target and blank 实际完成值 / 偏离原因 columns to fill in. */
  async actualsTemplate(actor: Actor, projectId: string): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const project = await this.access.project(actor, projectId, 'read');
    const indicators = await this.dataSource.getRepository(PerformanceIndicator).find({ where: { projectId }, order: { position: 'ASC' } });
    const buffer = await writeActualsTemplate(
      { header: { projectName: project.name, year: project.year, department: '', amount: project.annualBudget, midLongTermGoal: '', annualGoal: '' }, indicators: indicators.map((i, n) => ({ ...fromEntity(i), number: n + 1 })) },
      {},
    );
    return { filename: `${project.year}年${project.name}绩效指标完成情况.xlsx`, mime: XLSX, buffer };
  }

  /** Actual values from the filled-in template: every row checked against its indicator's target first. */
  async importActuals(actor: Actor, projectId: string, period: ActualPeriod, file: UploadedSheet, options: { dryRun: boolean }): Promise<ImportReport> {
    // Who may report on the project, and whether it exists, is settled before the file is read:
    // reading is the costly part, and a refused request must not get to make the server pay for it.
    await this.access.project(actor, projectId, 'report');
    const sheet: ParsedSheet<ActualsSheetRow> = await readUpload<ReturnType<typeof actuals>>(file, this.env, fundReader('actuals'));
    return this.dataSource.transaction(async (m) => {
      await this.access.project(actor, projectId, 'report', m);
      const problems: CellProblem[] = [...sheet.problems];
      const indicators = await m.getRepository(PerformanceIndicator).find({ where: { projectId } });
      const views = await this.targets.views(m, projectId);
      const changes: ImportChange[] = [];
      const writes: { indicator: PerformanceIndicator; text: string; deviationReason: string; note: string }[] = [];
      for (const { row, value } of sheet.rows) {
        const matches = indicators.filter((i) => i.level3 === value.level3 && (!value.level1 || i.level1 === value.level1) && (!value.level2 || i.level2 === value.level2));
        if (matches.length !== 1) {
          problems.push({ sheet: sheet.sheet, row, column: '三级指标', message: matches.length ? `“${value.level3}”对应多个指标，请填写一级、二级指标` : `“${value.level3}”不是该项目的绩效指标` });
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
        const diff = fieldChanges(before ? { 实际完成值: before.text, 偏离原因: before.deviationReason, 说明: before.note } : {}, after);
        changes.push({ key: indicator.id, label: indicator.level3, action: before ? (diff.length ? 'update' : 'unchanged') : 'create', changes: diff });
        writes.push({ indicator, text: value.actual, deviationReason: value.deviationReason, note: value.note });
      }
      const report: ImportReport = { kind: 'performance-actuals', dryRun: options.dryRun, committed: false, problems, changes: changes.filter((c) => c.action !== 'unchanged'), summary: summarise(changes), warnings: [] };
      if (options.dryRun || problems.length) return report;
      for (const w of writes) await this.targets.saveActual(m, actor, w.indicator, { period, text: w.text, deviationReason: w.deviationReason, note: w.note });
      return { ...report, committed: true };
    });
  }
}

function indicatorFields(i: TargetTableIndicator): Record<string, unknown> {
  return { 单位: i.unit, 半年目标: i.halfYear ? formatTargetValue(i.halfYear) : '', 全年目标: formatTargetValue(i.fullYear) };
}

function fromEntity(i: PerformanceIndicator): TargetTableIndicator {
  return { number: i.position, level1: i.level1, level2: i.level2, level3: i.level3, unit: i.unit, halfYear: i.halfYearTarget, fullYear: i.fullYearTarget };
}

/** 主管部门 as written: a unit's full name, short name or alias. */
function matchUnit(units: Unit[], name: string): Unit | null {
  const wanted = name.replace(/\s+/g, '');
  if (!wanted) return null;
  return units.find((u) => u.name === wanted || u.shortName === wanted || u.aliases.includes(wanted)) ?? null;
}
