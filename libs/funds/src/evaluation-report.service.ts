import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { renderScoreTablePdf } from '@app/assessment';
import { type Actor, DomainError } from '@app/common';
import { AppEnv } from '@app/config';
import { localDateOf } from '@app/domain';
import { FundEvaluationService } from './fund-evaluation.service.js';
import type { FundEvaluationView } from './views.js';
import { type EvaluationReportTable, writeEvaluationReportXlsx } from './spreadsheets/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The evaluation report (绩效评价报告) as a score table: .xlsx to work with, PDF to print. */
@Injectable()
export class EvaluationReportService {
  constructor(
    private readonly evaluations: FundEvaluationService,
    private readonly env: AppEnv,
  ) {}

  async export(
    actor: Actor,
    projectId: string,
    format: 'xlsx' | 'pdf',
  ): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const view = await this.evaluations.get(actor, projectId);
    if (view.rows.length === 0) throw DomainError.conflict('尚未评价，没有评价报告');
    const table = reportTable(view, this.env.APP_TIMEZONE);
    const filename = `${view.year}年度${view.projectName}绩效评价报告.${format}`;
    if (format === 'xlsx') return { filename, mime: XLSX, buffer: await writeEvaluationReportXlsx(table) };
    const columns = ['一级指标', '二级指标', '三级指标', '分值', '得分', '得分率', '扣分原因'];
    const rows = [
      ...table.rows.map((r) => [r.level1, r.level2, r.level3, r.points, r.score, r.scoreRate, r.reason]),
      ['合计', '', '', table.total.points, table.total.score, table.total.scoreRate, ''],
    ];
    const buffer = await renderScoreTablePdf(
      {
        title: table.title,
        subtitle: table.subtitle,
        columns,
        rows,
        footer: [`评价等次：${table.grade}`, ...table.footer],
        createdAt: view.evaluatedAt ?? undefined,
      },
      this.env.PDF_FONT_PATH,
    );
    return { filename, mime: 'application/pdf', buffer };
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
