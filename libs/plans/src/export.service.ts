import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/common';
import {
  type BreakdownSheetRow,
  type GoalSheetRow,
  type ProjectSheetRow,
  type TaskSheetRow,
  writeBreakdownSheet,
  writeGoalSheet,
  writeProjectSheet,
  writeTaskSheet,
} from './spreadsheets/index.js';
import { PlansService } from './plans.service.js';
import { ProjectsService } from './projects.service.js';
import { TargetsService } from './targets.service.js';
import { PlanAccess } from './plan-access.js';
import { canonical } from './import/numbers.js';
import { type ImportKind, importKindLabels } from './import/import.service.js';

export const exportKinds = ['tasks', 'projects', 'goals', 'breakdown', 'ledger'] as const;
export type ExportKind = (typeof exportKinds)[number];

const chineseOrdinals = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
];

/**
 * Writes each table in the layout it is imported from, so an export imported again changes
 * nothing; plus the task ledger (工作台账), one row per assignment.
 */
@Injectable()
export class PlanExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly plans: PlansService,
    private readonly projects: ProjectsService,
    private readonly targets: TargetsService,
  ) {}

  async export(actor: Actor, planId: string, kind: ExportKind): Promise<{ filename: string; buffer: Buffer }> {
    const plan = await this.access.readable(actor, planId);
    const base = `${plan.startYear}${plan.title.replace(/[\\/:*?"<>|]/g, '')}`;
    switch (kind) {
      case 'tasks':
        return {
          filename: `${base}-任务清单.xlsx`,
          buffer: await writeTaskSheet(await this.taskRows(actor, planId), { title: `${plan.title}任务清单` }),
        };
      case 'projects': {
        const { items } = await this.projects.list(actor, planId);
        const rows: ProjectSheetRow[] = items.map((p) => ({
          number: p.number,
          stage: p.stage,
          name: p.name,
          county: p.countyName,
          category: p.category,
          code: p.code,
          content: p.content,
          startMonth: p.startMonth,
          endMonth: p.endMonth,
          builder: p.builder,
          totalInvestment: canonical(p.totalInvestment)!,
          annualInvestment: canonical(p.annualInvestment)!,
          responsibleLeader: p.responsibleLeader,
        }));
        const annualYear = items[0]?.annualYear ?? plan.startYear;
        return {
          filename: `${base}-项目清单.xlsx`,
          buffer: await writeProjectSheet(rows, { title: `${plan.title}项目清单`, annualYear }),
        };
      }
      case 'goals': {
        // The office's decimals (1.80, 6.0) as it wrote them, so the file imports back unchanged.
        const goals = await this.targets.goals(actor, planId, { asWritten: true });
        const rows: GoalSheetRow[] = goals.map((g, i) => ({
          number: i + 1,
          indicator: g.name,
          unitOfMeasure: g.unitOfMeasure,
          baseline: g.baseline ? { year: g.baseline.year, value: g.baseline.value ?? '' } : null,
          targets: g.targets.map((t) => ({ year: t.year, value: t.value ?? '' })),
        }));
        return { filename: `${base}-主要目标.xlsx`, buffer: await writeGoalSheet(rows, { title: '主要目标' }) };
      }
      case 'breakdown': {
        const matrix = await this.targets.breakdown(actor, planId, { asWritten: true });
        const rows: BreakdownSheetRow[] = matrix.rows.map((r) => ({
          unit: r.unitName,
          values: matrix.indicators.flatMap((i) =>
            i.years.map((year) => ({
              indicator: i.name,
              unitOfMeasure: i.unitOfMeasure,
              year,
              value: r.cells[`${i.id}:${year}`] ?? '',
            })),
          ),
        }));
        return {
          filename: `${base}-任务分解表.xlsx`,
          buffer: await writeBreakdownSheet(rows, { title: '主要科技任务分解表' }),
        };
      }
      case 'ledger':
        return { filename: `${base}-工作台账.xlsx`, buffer: await this.ledger(actor, planId) };
    }
  }

  /**
   * An empty workbook in the layout an import reads, for the office to fill in: the headers of the kind, and for the
   * targets the plan's years (goals) or its indicators and units (breakdown), with every value cell blank. Only those
   * who may import into the plan get it, as with the import itself.
   */
  async template(actor: Actor, planId: string, kind: ImportKind): Promise<{ filename: string; buffer: Buffer }> {
    const plan = await this.dataSource.transaction((m) => this.access.editable(actor, planId, m));
    const filename = `${plan.startYear}${plan.title.replace(/[\\/:*?"<>|]/g, '')}-${importKindLabels[kind]}（模板）.xlsx`;
    const years = Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => plan.startYear + i);
    switch (kind) {
      case 'tasks':
        return { filename, buffer: await writeTaskSheet([], { title: `${plan.title}任务清单` }) };
      case 'projects':
        return {
          filename,
          buffer: await writeProjectSheet([], { title: `${plan.title}项目清单`, annualYear: plan.startYear }),
        };
      case 'goals':
        return {
          filename,
          buffer: await writeGoalSheet([], {
            title: '主要目标',
            years: { baseline: [plan.startYear - 1], targets: years },
          }),
        };
      case 'breakdown': {
        const matrix = await this.targets.breakdown(actor, planId);
        const rows: BreakdownSheetRow[] = matrix.rows.map((r) => ({
          unit: r.unitName,
          values: matrix.indicators.flatMap((i) =>
            i.years.map((year) => ({ indicator: i.name, unitOfMeasure: i.unitOfMeasure, year, value: '' })),
          ),
        }));
        return { filename, buffer: await writeBreakdownSheet(rows, { title: '主要科技任务分解表' }) };
      }
    }
  }

  private async taskRows(actor: Actor, planId: string): Promise<TaskSheetRow[]> {
    const structure = await this.plans.structure(actor, planId);
    return structure.sections.flatMap((section, index) =>
      section.tasks.map((task) => ({
        number: task.number,
        sectionNumber: section.number || chineseOrdinals[index] || String(index + 1),
        section: section.title,
        text: task.requirement,
        leadUnits: task.assignments.filter((a) => a.role === 'lead').map((a) => a.unitName),
        responsibleUnits: task.assignments.filter((a) => a.role === 'responsible').map((a) => a.unitName),
        liaisons: task.assignments.flatMap((a) =>
          a.liaisons.map((l) => ({
            unit: l.workplaceUnitName ?? a.unitName,
            section: l.section,
            name: l.name,
            phone: l.phone ?? '',
          })),
        ),
      })),
    );
  }

  /** 工作台账: one row per assignment with its liaison and (once reporting exists) latest progress. */
  private async ledger(actor: Actor, planId: string): Promise<Buffer> {
    const structure = await this.plans.structure(actor, planId);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工作台账');
    sheet.columns = [
      { header: '任务序号', key: 'number', width: 9 },
      { header: '重点任务分组', key: 'section', width: 28 },
      { header: '任务名称', key: 'title', width: 36 },
      { header: '单位', key: 'unit', width: 18 },
      { header: '分工', key: 'role', width: 8 },
      { header: '联络员', key: 'liaison', width: 32 },
      { header: '最新报送月份', key: 'month', width: 12 },
      { header: '完成进度（%）', key: 'percent', width: 12 },
      { header: '工作进展', key: 'progress', width: 40 },
      { header: '存在问题', key: 'problems', width: 30 },
      { header: '下步计划', key: 'next', width: 30 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const section of structure.sections) {
      for (const task of section.tasks) {
        for (const a of task.assignments) {
          sheet.addRow({
            number: task.number,
            section: `（${section.number}）${section.title}`,
            title: task.title,
            unit: a.unitName,
            role: a.role === 'lead' ? '牵头' : '责任',
            liaison: a.liaisons
              .map((l) => `${l.workplaceUnitName ?? a.unitName}${l.section ? ` ${l.section}` : ''} ${l.name}`)
              .join('\n'),
          });
        }
      }
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
