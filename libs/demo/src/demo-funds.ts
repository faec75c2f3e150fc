import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import type { Actor } from '@app/common';
import { FUND_EXECUTION_DUE_DAY, localDateOf, type TargetValue } from '@app/domain';
import {
  BudgetProject,
  BudgetProjectsService,
  FundEvaluationService,
  FundExecution,
  PerformanceIndicator,
  PerformanceTargetsService,
  SurveysService,
  TargetImportService,
} from '@app/funds';
import { fixturesDir } from './fixtures-dir.js';

const TARGETS_FILE = 'nanchang-2023-science-fund-targets.xlsx';

/** The fund's spending directions (illustrative split of the 58,600万元), with half-year plans. */
const SUB_ITEMS = [
  { name: '科技重大专项', budget: '20000.00', halfYearPlan: '9000.00' },
  { name: '企业创新引导（研发后补助、科技保险、高企培育）', budget: '18000.00', halfYearPlan: '9000.00' },
  { name: '创新平台建设', budget: '9000.00', halfYearPlan: '4000.00' },
  { name: '科技人才（双百计划、洪城计划）', budget: '6000.00', halfYearPlan: '3000.00' },
  { name: '科技条件建设', budget: '5600.00', halfYearPlan: '2800.00' },
];

/** Share of each sub-item's budget received and spent per month (illustrative: front-loaded receipts, spending catching up). */
const RECEIVED_SHARE = [0.3, 0, 0.2, 0, 0, 0.2, 0, 0, 0.2, 0, 0.1, 0];
const SPENT_SHARE = [0.02, 0.05, 0.08, 0.07, 0.08, 0.1, 0.08, 0.09, 0.1, 0.1, 0.1, 0.08];

/** Indicators that fall short in the demo, with the department's reason. */
const SHORTFALLS: Record<string, { factor: string; reason: string }> = {
  新增重大科技项目立项数: { factor: '0.84', reason: '4个项目因合作单位调整延至2024年立项' },
  规模以上企业升高企数: { factor: '0.7', reason: '部分企业研发费用归集不达标，未通过认定' },
};

/**
 * Nanchang's 2023 science fund (000) as it stands on the demo's date: the target table imported from
 * the office's workbook and the execution records of every month already due (on 2023-04-10 January
 * and February, March being due that day). Once the year is over (the year-end date, 2024-01-20) also
 * the full-year actual values, a satisfaction survey with responses, and an evaluation scored by the
 * assessment engine: nothing is dated after the demo's clock.
 */
@Injectable()
export class DemoFunds {
  private readonly logger = new Logger(DemoFunds.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: BudgetProjectsService,
    private readonly imports: TargetImportService,
    private readonly targets: PerformanceTargetsService,
    private readonly surveys: SurveysService,
    private readonly evaluations: FundEvaluationService,
  ) {}

  async load(office: Actor, liaison: Actor, now: Date, timeZone: string): Promise<number> {
    if (await this.dataSource.getRepository(BudgetProject).exists({ where: { cityId: office.cityId } })) return 0;
    const buffer = await readFile(path.join(fixturesDir(), TARGETS_FILE));
    const report = await this.imports.importTargets(
      office,
      { buffer, filename: TARGETS_FILE },
      { dryRun: false, year: 2023 },
    );
    if (!report.committed) throw new Error(`${TARGETS_FILE}: ${JSON.stringify(report.problems.slice(0, 5))}`);
    const project = await this.dataSource
      .getRepository(BudgetProject)
      .findOneOrFail({ where: { cityId: office.cityId, year: 2023 } });
    const detail = await this.projects.update(office, project.id, {
      version: project.version,
      halfYearPlan: '27800.00',
      fullYearBudget: '58600.00',
      personInCharge: '市科技局计划财务处',
      implementingUnit: '南昌市科学技术局',
      kind: 'recurring',
      kindText: '常年安排项目',
      level: '市级',
    });
    const withItems = await this.projects.putSubItems(office, project.id, SUB_ITEMS);
    const today = localDateOf(now, timeZone);
    await this.execution(withItems.subItems, liaison.userId, today);
    if (today >= '2024-01-01') {
      await this.actuals(liaison, project.id);
      await this.survey(office, project.id);
      await this.evaluate(office, project.id);
    }
    this.logger.log(
      `demo fund ${detail.name}: ${report.summary.create} indicators, ${withItems.subItems.length} sub-items`,
    );
    return 1;
  }

  /** The months of 2023 whose figures were due before `today` (the 10th of the next month). */
  private async execution(subItems: { id: string; budget: string }[], userId: string, today: string): Promise<void> {
    const due = (month: number) =>
      month === 12
        ? `2024-01-${FUND_EXECUTION_DUE_DAY}`
        : `2023-${String(month + 1).padStart(2, '0')}-${FUND_EXECUTION_DUE_DAY}`;
    const months = RECEIVED_SHARE.map((share, i) => ({ share, i })).filter(({ i }) => due(i + 1) < today);
    if (months.length === 0) return;
    const rows = subItems.flatMap((item) =>
      months.map(({ share, i }) => ({
        subItemId: item.id,
        month: `2023-${String(i + 1).padStart(2, '0')}`,
        received: new Decimal(item.budget).times(share).toFixed(2),
        spent: new Decimal(item.budget).times(SPENT_SHARE[i]!).toFixed(2),
        advanceReason: null,
        note: '',
        enteredByUserId: userId,
      })),
    );
    await this.dataSource.getRepository(FundExecution).insert(rows);
  }

  private async actuals(liaison: Actor, projectId: string): Promise<void> {
    const indicators = await this.dataSource
      .getRepository(PerformanceIndicator)
      .find({ where: { projectId }, order: { position: 'ASC' } });
    for (const indicator of indicators) {
      const shortfall = SHORTFALLS[indicator.level3];
      await this.targets.putActual(liaison, projectId, indicator.id, {
        period: 'full',
        text: actualFor(indicator.fullYearTarget, shortfall?.factor),
        deviationReason: shortfall?.reason ?? '',
      });
    }
  }

  private async survey(office: Actor, projectId: string): Promise<void> {
    const survey = await this.surveys.create(office, projectId, {
      title: '2023年市级科技发展专项资金服务对象满意度调查',
      intro: '您好！为了解专项资金支持效果，请根据实际感受作答，约需2分钟。',
      questions: [
        '您对专项资金申报指南与流程的满意程度',
        '您对资金拨付及时性的满意程度',
        '您对项目管理服务（评审、验收）的满意程度',
        '您对专项资金支持效果的总体满意程度',
      ],
    });
    const tokens = await this.surveys.issueTokens(office, projectId, survey.id, {
      count: 24,
      expiresAt: '2024-01-31T23:59:59+08:00',
      label: '受补助企业',
    });
    // Answers per respondent: mostly 满意, some 比较满意, one 一般, one 不了解.
    const pattern = [0, 0, 0, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0];
    for (const [n, issued] of tokens.slice(0, 20).entries()) {
      await this.surveys.submit(
        issued.token,
        survey.questions.map((q, i) =>
          n === 7 && i === 2
            ? { questionId: q.id, dontKnow: true }
            : { questionId: q.id, optionIndex: pattern[(n + i) % pattern.length]! },
        ),
      );
    }
  }

  private async evaluate(office: Actor, projectId: string): Promise<void> {
    await this.evaluations.putInputs(office, projectId, {
      D1a: { satisfied: ['D1a1', 'D1a2'] },
      D1b: { satisfied: ['D1b1', 'D1b2'] },
      D2a: { satisfied: ['D2a1', 'D2a2'] },
      D2b: { satisfied: ['D2b1', 'D2b2'] },
      D3a: { score: '3', reason: '预算编制经专家论证，与项目内容匹配' },
      D3b: { score: '2.5', reason: '个别子项资金分配依据不够细化' },
      P1c: { satisfied: ['P1c1', 'P1c2', 'P1c3', 'P1c4'] },
      P2a: { satisfied: ['P2a1', 'P2a2'] },
      P2b: { satisfied: ['P2b1'] },
    });
    await this.evaluations.evaluate(office, projectId);
  }
}

/** An illustrative actual for a target: met by default, short by `factor` where the demo says so. */
export function actualFor(target: TargetValue, factor?: string): string {
  switch (target.kind) {
    case 'numeric': {
      const value = new Decimal(target.value);
      const actual = factor
        ? value.times(factor).floor()
        : target.operator === '>=' || target.operator === '>'
          ? value.times('1.05').toDecimalPlaces(value.decimalPlaces())
          : value;
      return `${actual.toFixed()}${target.unit}`;
    }
    case 'date': {
      const [y, m] = target.date.split('-').map(Number) as [number, number];
      return `${y}年${Math.max(1, m - 1)}月28日`;
    }
    case 'pace':
      return '100%';
    case 'qualitative':
      return target.text;
  }
}
