import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, requestContext } from '@app/common';
import { recordAudit } from '@app/audit';
import { AppEnv, Clock } from '@app/config';
import type { Plan } from '../entities/plan.entity.js';
import { PlanAccess } from '../plan-access.js';
import type { BreakdownSheetRow, GoalSheetRow, ProjectSheetRow, TaskSheetRow } from '../spreadsheets/index.js';
import type { ParsedSheet } from '@app/spreadsheets';
import { type ImportChange, type ImportProblem, type ImportReport, summarise } from '@app/spreadsheets';
import { applyProjectImport, planProjectImport } from './project-import.js';
import { applyTaskImport, planTaskImport } from './task-import.js';
import { applyTargetImport, planBreakdownImport, planGoalImport } from './target-import.js';
import { sheetReader } from './sheet-readers.js';
import { readUpload, type UploadedSheet } from '@app/spreadsheets';

export const importKinds = ['tasks', 'projects', 'goals', 'breakdown'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, string> = {
  tasks: '任务清单',
  projects: '项目清单',
  goals: '主要目标',
  breakdown: '任务分解表',
};

interface Planned {
  problems: ImportProblem[];
  changes: ImportChange[];
  warnings: string[];
  summary?: ImportReport['summary'];
  apply: (m: EntityManager) => Promise<void>;
}

/**
 * Spreadsheet imports: a dry run reports what would change and every problem by row and column;
 * a commit does the same inside one transaction and writes only when there is no problem.
 * Re-importing is an upsert on natural keys, so the same file twice changes nothing.
 */
@Injectable()
export class PlanImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  async run(
    actor: Actor,
    planId: string,
    kind: ImportKind,
    file: UploadedSheet,
    options: { dryRun: boolean; reason?: string },
  ): Promise<ImportReport> {
    // The plan must exist and be the actor's to change before the file is read: reading is the
    // costly part, and a refused request must not get to make the server pay for it. The
    // transaction below checks again, holding the plan's lock.
    await this.dataSource.transaction((m) => this.access.editable(actor, planId, m));
    const sheet = await readUpload<ParsedSheet<unknown>>(file, this.env, sheetReader(kind));
    const report = await requestContext.withReason(options.reason, () =>
      this.dataSource.transaction(async (m) => {
        const plan = await this.access.editable(actor, planId, m);
        const planned = await this.plan(m, plan, kind, sheet);
        const result: ImportReport = {
          kind,
          dryRun: options.dryRun,
          committed: false,
          problems: planned.problems,
          changes: planned.changes.filter((c) => c.action !== 'unchanged'),
          summary: planned.summary ?? summarise(planned.changes),
          warnings: planned.warnings,
        };
        if (options.dryRun || planned.problems.length > 0) return result;
        const changed = result.summary.create + result.summary.update + result.summary.remove > 0;
        if (changed) this.access.requireReasonIfPublished(plan, options.reason);
        await planned.apply(m);
        await recordAudit(m, {
          at: this.clock.now(),
          actorUserId: actor.userId,
          actorName: actor.displayName,
          cityId: plan.cityId,
          entity: 'imports',
          entityId: plan.id,
          action: `import:${kind}`,
          before: null,
          after: { filename: file.filename, summary: result.summary, warnings: result.warnings },
          reason: options.reason ?? null,
        });
        return { ...result, committed: true };
      }),
    );
    if (!options.dryRun && report.problems.length > 0) {
      throw DomainError.validation(
        `${importKindLabels[kind]}有 ${report.problems.length} 处问题，未导入任何数据`,
        report.problems.map((p) => ({ field: `${p.sheet}!${p.column}${p.row ? `:${p.row}` : ''}`, reason: p.message })),
      );
    }
    return report;
  }

  /** `sheet` is what the kind's layout reader made of the upload (see sheet-readers.ts). */
  private async plan(m: EntityManager, plan: Plan, kind: ImportKind, sheet: ParsedSheet<unknown>): Promise<Planned> {
    switch (kind) {
      case 'tasks': {
        const p = await planTaskImport(m, plan, sheet as ParsedSheet<TaskSheetRow>);
        // The group expansions are notes, not errors: the dry run shows what a group name stood for.
        return {
          problems: p.problems,
          changes: p.changes,
          warnings: p.expansions,
          apply: (tx) => applyTaskImport(tx, plan, p.tasks),
        };
      }
      case 'projects': {
        const p = await planProjectImport(m, plan, sheet as ParsedSheet<ProjectSheetRow>);
        return {
          problems: p.problems,
          changes: p.changes,
          warnings: [],
          apply: (tx) => applyProjectImport(tx, plan, p.projects),
        };
      }
      case 'goals':
      case 'breakdown': {
        const p =
          kind === 'goals'
            ? await planGoalImport(m, plan, sheet as ParsedSheet<GoalSheetRow>)
            : await planBreakdownImport(m, plan, sheet as ParsedSheet<BreakdownSheetRow>);
        return {
          problems: p.problems,
          changes: p.changes,
          warnings: p.warnings,
          summary: { ...p.totalChanges, remove: 0 },
          apply: (tx) => applyTargetImport(tx, plan, p),
        };
      }
    }
  }
}
