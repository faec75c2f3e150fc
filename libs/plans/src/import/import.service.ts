import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, ErrorCode, requestContext } from '@app/common';
import { AuditEntry } from '@app/audit';
import { Clock } from '@app/config';
import type { Plan } from '../entities/plan.entity.js';
import { PlanAccess } from '../plan-access.js';
import {
  type Grid,
  loadGrid,
  type ParsedSheet,
  readBreakdownSheet,
  readGoalSheet,
  readProjectSheet,
  readTaskSheet,
  SpreadsheetError,
} from '../spreadsheets/index.js';
import { type ImportChange, type ImportProblem, type ImportReport, summarise } from './import-report.js';
import { applyProjectImport, planProjectImport } from './project-import.js';
import { applyTaskImport, planTaskImport } from './task-import.js';
import { applyTargetImport, planBreakdownImport, planGoalImport } from './target-import.js';

export const importKinds = ['tasks', 'projects', 'goals', 'breakdown'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importKindLabels: Record<ImportKind, string> = {
  tasks: '任务清单',
  projects: '项目清单',
  goals: '主要目标',
  breakdown: '任务分解表',
};

/** Uploads larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface UploadedSheet {
  buffer: Buffer;
  filename: string;
}

interface Planned {
  problems: ImportProblem[];
  changes: ImportChange[];
  warnings: string[];
  summary?: ImportReport['summary'];
  apply: (m: EntityManager) => Promise<void>;
}

type Reader<T> = (grid: Grid) => ParsedSheet<T>;

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
  ) {}

  async run(actor: Actor, planId: string, kind: ImportKind, file: UploadedSheet, options: { dryRun: boolean; reason?: string }): Promise<ImportReport> {
    if (file.buffer.length > MAX_IMPORT_BYTES) {
      throw new DomainError(ErrorCode.TooLarge, `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 上限`);
    }
    const grids = await this.load(file);
    const report = await requestContext.withReason(options.reason, () =>
      this.dataSource.transaction(async (m) => {
        const plan = await this.access.editable(actor, planId, m);
        const planned = await this.plan(m, plan, kind, grids);
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
        await m.getRepository(AuditEntry).insert({
          at: this.clock.now(),
          actorUserId: actor.userId,
          actorName: actor.displayName,
          cityId: plan.cityId,
          requestId: requestContext.get()?.requestId ?? null,
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

  private async load(file: UploadedSheet): Promise<Grid[]> {
    try {
      return await loadGrid(file.buffer, file.filename);
    } catch (error) {
      if (error instanceof SpreadsheetError) throw DomainError.validation(error.message, [{ field: 'file', reason: error.message }]);
      throw error;
    }
  }

  private async plan(m: EntityManager, plan: Plan, kind: ImportKind, grids: Grid[]): Promise<Planned> {
    switch (kind) {
      case 'tasks': {
        const sheet = pickSheet(grids, readTaskSheet);
        const p = await planTaskImport(m, plan, sheet);
        return { problems: p.problems, changes: p.changes, warnings: [], apply: (tx) => applyTaskImport(tx, plan, p.tasks) };
      }
      case 'projects': {
        const sheet = pickSheet(grids, readProjectSheet);
        const p = await planProjectImport(m, plan, sheet);
        return { problems: p.problems, changes: p.changes, warnings: [], apply: (tx) => applyProjectImport(tx, plan, p.projects) };
      }
      case 'goals':
      case 'breakdown': {
        const p = kind === 'goals' ? await planGoalImport(m, plan, pickSheet(grids, readGoalSheet)) : await planBreakdownImport(m, plan, pickSheet(grids, readBreakdownSheet));
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

/** The first sheet the layout recognises (the office may keep notes on other sheets). */
function pickSheet<T>(grids: Grid[], read: Reader<T>): ParsedSheet<T> {
  const parsed = grids.map(read);
  return parsed.find((p) => p.rows.length > 0) ?? parsed[0]!;
}
