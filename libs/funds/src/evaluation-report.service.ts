import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { renderOfficialDocx, renderOfficialPdf } from '@app/assessment';
import { type Actor, DomainError } from '@app/common';
import { AppEnv } from '@app/config';
import { localDateOf } from '@app/domain';
import { BudgetProjectsService } from './budget-projects.service.js';
import { evaluationReportDocument } from './evaluation-report-document.js';
import { ExecutionService } from './execution.service.js';
import { FundEvaluationService } from './fund-evaluation.service.js';
import { PerformanceTargetsService } from './performance-targets.service.js';
import type { FundEvaluationView } from './views.js';
import { type EvaluationReportTable, writeEvaluationReportXlsx } from './spreadsheets/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The evaluation report (绩效评价报告): the report in the outline of 财预〔2020〕10号 as .docx to finish in
 * Word or WPS and as PDF (one document model, two renderers), and its score table as .xlsx to work with.
 */
@Injectable()
export class EvaluationReportService {
  constructor(
    private readonly evaluations: FundEvaluationService,
    private readonly projects: BudgetProjectsService,
    private readonly execution: ExecutionService,
    private readonly targets: PerformanceTargetsService,
    private readonly env: AppEnv,
  ) {}

  async export(
    actor: Actor,
    projectId: string,
    format: 'xlsx' | 'pdf' | 'docx',
  ): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const view = await this.evaluations.get(actor, projectId);
    if (view.rows.length === 0) throw DomainError.conflict('尚未评价，没有评价报告');
    const filename = `${view.year}年度${view.projectName}绩效评价报告.${format}`;
    if (format === 'xlsx')
      return {
        filename,
        mime: XLSX,
        buffer: await writeEvaluationReportXlsx(reportTable(view, this.env.APP_TIMEZONE)),
      };
    const [project, execution, indicators] = await Promise.all([
      this.projects.get(actor, projectId),
      this.execution.summary(actor, projectId, `${view.year}-12`),
      this.targets.list(actor, projectId),
    ]);
    const date = view.evaluatedAt ? localDateOf(view.evaluatedAt, this.env.APP_TIMEZONE) : null;
    const document = evaluationReportDocument({
      project,
      evaluation: view,
      execution,
      indicators,
      issuer: project.ownerUnitName,
      dateLine: date ? `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '',
    });
    if (format === 'docx') return { filename, mime: DOCX, buffer: await renderOfficialDocx(document) };
    return { filename, mime: 'application/pdf', buffer: await renderOfficialPdf(document, this.env.PDF_FONT_PATH) };
  }
}

export function reportTable(view: FundEvaluationView, timeZone: string): EvaluationReportTable {
  const points = view.rows.reduce((s, r) => s.plus(r.points), new Decimal(0));
  const total = view.total ?? '0.00';
  const rate = points.isZero()
    ? '—'
    : `${new Decimal(total).div(points).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)}%`;
  const status = view.status === 'final' ? '定稿' : '草稿';
  return {
    title: `${view.year}年度${view.projectName}绩效评价得分表`,
    subtitle:
      `评价方案：${view.schemeName} · 状态：${status}` +
      (view.evaluatedAt ? ` · 评价时间：${localDateOf(view.evaluatedAt, timeZone)}` : ''),
    rows: view.rows.map((r) => ({
      level1: r.level1,
      level2: r.level2,
      level3: r.level3,
      points: r.points,
      score: r.score ?? '—',
      scoreRate: r.scoreRate === null ? '—' : `${r.scoreRate}%`,
      reason: r.reason,
    })),
    total: { points: points.toFixed(2), score: total, scoreRate: rate },
    grade: view.grade ?? '—',
    footer: view.complete
      ? ['等次标准：优 ≥ 90 分，良 ≥ 80 分，中 ≥ 60 分，差 < 60 分。']
      : ['注：部分指标缺少评价数据，得分不完整。'],
  };
}
