import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource, type EntityManager } from 'typeorm';
import { CHINA_2023_WORKING_CALENDAR_DATA } from '@app/domain';
import { CountyTier, Unit } from '@app/organisation';
import { Indicator, IndicatorValue, type Plan, Project } from '@app/plans';
import { Report, ReportingPeriod } from '@app/reporting';
import { ganzhouCountyIndicators, tierWeights } from './data/ganzhou-indicators.js';

/** A small deterministic generator, so every demo load tells the same story. */
function random(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

const narratives = [
  '已召开专题推进会，细化工作方案，明确责任分工和时间节点。',
  '完成阶段性调研摸底，建立工作台账，正在按计划推进。',
  '相关政策文件已起草完成，正在征求有关单位意见。',
  '重点企业走访已覆盖过半，协调解决问题若干项。',
];

/**
 * The demo's reporting up to its clock: working-day calendars, county indicators with targets, and
 * reports for every month whose deadline has passed with a realistic mix of on time, late and
 * missing, the statistics the office confirmed for the last quarter that has closed, and drafts for
 * the month in progress. On the spring date (2023-04-10) that is January to March, March statistics
 * and April drafts; on the year-end date (2024-01-20) the whole of 2023.
 */
@Injectable()
export class DemoReporting {
  private readonly logger = new Logger(DemoReporting.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Holidays and make-up working days of 2023 for every city; needed before periods exist. */
  async calendars(): Promise<void> {
    const cities = await this.dataSource.getRepository(Unit).findBy({ kind: 'city' });
    const data = CHINA_2023_WORKING_CALENDAR_DATA;
    for (const city of cities) {
      await this.dataSource.query(
        `INSERT INTO calendar_days (city_id, date, kind)
         SELECT $1::uuid, d, 'holiday' FROM unnest($2::date[]) d
         UNION ALL SELECT $1::uuid, d, 'workday' FROM unnest($3::date[]) d
         ON CONFLICT (city_id, date) DO NOTHING`,
        [city.id, [...data.holidays], [...data.makeUpWorkdays]],
      );
    }
  }

  /** County indicators, their targets and who reports them, for the Ganzhou plan. */
  async indicators(plan: Plan): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const counties: (Unit & { tier: number })[] = await m
        .getRepository(Unit)
        .createQueryBuilder('u')
        .innerJoin(CountyTier, 't', 't.unit_id = u.id AND t.year = 2023')
        .addSelect('t.tier', 'tier')
        .where('u.city_id = :city', { city: plan.cityId })
        .orderBy('u.sort_order')
        .getRawAndEntities()
        .then(({ entities, raw }) =>
          entities.map((e, i) => Object.assign(e, { tier: Number((raw[i] as { tier: number }).tier) })),
        );
      const kjj = await m.getRepository(Unit).findOneOrFail({ where: { code: 'GZ-KJJ' } });
      let order = 100;
      for (const demo of ganzhouCountyIndicators) {
        const repo = m.getRepository(Indicator);
        const indicator =
          (await repo.findOne({ where: { cityId: plan.cityId, name: demo.name } })) ??
          (await repo.save(
            repo.create({
              cityId: plan.cityId,
              name: demo.name,
              unitOfMeasure: demo.unitOfMeasure,
              direction: 'higher',
              aggregation: demo.aggregation,
              // Firms are counted whole (12家, never 12.00家); rates and densities keep two decimals.
              decimals: demo.unitOfMeasure === '家' ? 0 : 2,
              maxValue: demo.unitOfMeasure === '%' ? '100' : null,
              authorityUnitId: kjj.id,
              sortOrder: ++order,
            }),
          ));
        await m.query(
          `INSERT INTO plan_indicators (plan_id, indicator_id, unit_id, reporter) SELECT $1, $2, unnest($3::uuid[]), $4 ON CONFLICT DO NOTHING`,
          [plan.id, indicator.id, counties.map((c) => c.id), demo.reporter],
        );
        if (demo.cityTarget) await this.targets(m, plan, indicator, demo.cityTarget, counties);
      }
    });
  }

  /** The city target split by tier weight, rounded, the remainder on the largest share: sums are exact. */
  private async targets(
    m: EntityManager,
    plan: Plan,
    indicator: Indicator,
    cityTarget: number,
    counties: (Unit & { tier: number })[],
  ): Promise<void> {
    const weights = counties.map((c) => tierWeights[c.tier]!);
    const total = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => Math.floor((cityTarget * w) / total));
    shares[0]! += cityTarget - shares.reduce((a, b) => a + b, 0);
    const rows = [
      { unitId: plan.cityId, value: cityTarget },
      ...counties.map((c, i) => ({ unitId: c.id, value: shares[i]! })),
    ];
    for (const row of rows) {
      await m.query(
        `INSERT INTO targets (plan_id, indicator_id, unit_id, year, period, kind, operator, value)
         VALUES ($1, $2, $3, 2023, 'year', 'numeric', '>=', $4) ON CONFLICT (indicator_id, unit_id, year, period) DO NOTHING`,
        [plan.id, indicator.id, row.unitId, row.value],
      );
    }
  }

  /** Reports for the months whose deadline has passed, and a few drafts for the current month. */
  async reports(plan: Plan, now: Date): Promise<number> {
    const periods = await this.dataSource
      .getRepository(ReportingPeriod)
      .find({ where: { planId: plan.id }, order: { year: 'ASC', month: 'ASC' } });
    const past = periods.filter((p) => p.deadline < now);
    const current = periods.find((p) => p.deadline >= now && p.opensOn <= now.toISOString().slice(0, 10));
    // `label` is a stable key (unit code and task or project number): the demo tells the same story on every load.
    const expected: {
      unit_id: string;
      subject_type: Report['subjectType'];
      subject_id: string;
      label: string;
      /** 'YYYY-MM' a key project starts reporting; null for tasks and indicators. */
      start_month: string | null;
    }[] = await this.dataSource.query(
      `SELECT x.* FROM (
         SELECT a.unit_id, 'assignment' AS subject_type, a.id AS subject_id, u.code || ':t' || t.number AS label,
           NULL::text AS start_month
         FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN units u ON u.id = a.unit_id WHERE t.plan_id = $1
         UNION ALL SELECT DISTINCT pi.unit_id, 'indicators', pi.unit_id, u.code || ':i', NULL
         FROM plan_indicators pi JOIN units u ON u.id = pi.unit_id WHERE pi.plan_id = $1 AND pi.reporter = 'unit'
         UNION ALL SELECT p.county_unit_id, 'project', p.id, 'p' || p.number, p.start_month
         FROM projects p WHERE p.plan_id = $1
       ) x ORDER BY x.label`,
      [plan.id],
    );
    const targets: { indicator_id: string; unit_id: string; value: string }[] = await this.dataSource.query(
      `SELECT t.indicator_id, t.unit_id, t.value::text AS value
       FROM targets t JOIN plan_indicators pi ON pi.indicator_id = t.indicator_id AND pi.unit_id = t.unit_id AND pi.plan_id = t.plan_id
       WHERE t.plan_id = $1`,
      [plan.id],
    );
    const projects = await this.dataSource.getRepository(Project).findBy({ planId: plan.id });
    let created = 0;
    await this.dataSource.transaction(async (m) => {
      for (const period of past) {
        const month = `${period.year}-${String(period.month).padStart(2, '0')}`;
        for (const item of expected.filter((e) => e.start_month === null || e.start_month <= month)) {
          const rnd = random(`${period.month}:${item.label}`);
          const roll = rnd();
          if (roll < 0.1) continue; // missing
          const late = roll < 0.22;
          const submittedAt = new Date(
            period.deadline.getTime() + (late ? 1 + rnd() * 4 : -(1 + rnd() * 6)) * 86_400_000,
          );
          // A late report the demo's clock has not reached yet is still missing.
          if (submittedAt > now) continue;
          const latest = period.id === past.at(-1)?.id;
          const drawn = latest
            ? rnd() < 0.4
              ? 'submitted'
              : rnd() < 0.1
                ? 'returned'
                : 'accepted'
            : rnd() < 0.95
              ? 'accepted'
              : 'returned';
          const reviewedAt = new Date(submittedAt.getTime() + 86_400_000);
          // The office reviews a day after submission; not before the clock.
          const status = drawn !== 'submitted' && reviewedAt > now ? 'submitted' : drawn;
          const report = await m.getRepository(Report).save(
            m.getRepository(Report).create({
              periodId: period.id,
              planId: plan.id,
              unitId: item.unit_id,
              subjectType: item.subject_type,
              subjectId: item.subject_id,
              status,
              ...this.content(
                item.subject_type,
                period.month,
                rnd,
                projects.find((p) => p.id === item.subject_id),
              ),
              firstSubmittedAt: submittedAt,
              submittedAt,
              late,
              returnedReason: status === 'returned' ? '进展描述过于简单，请补充具体数据和佐证材料' : null,
              reviewedAt: status === 'submitted' ? null : reviewedAt,
            }),
          );
          if (item.subject_type === 'indicators')
            await this.countyValues(
              m,
              report,
              period,
              targets.filter((t) => t.unit_id === item.unit_id),
              rnd,
            );
          created++;
        }
      }
      if (current) {
        for (const item of expected.filter((e) => e.subject_type === 'assignment').slice(0, 12)) {
          const rnd = random(`draft:${item.label}`);
          await m.getRepository(Report).save(
            m.getRepository(Report).create({
              periodId: current.id,
              planId: plan.id,
              unitId: item.unit_id,
              subjectType: 'assignment',
              subjectId: item.subject_id,
              status: 'draft',
              ...this.content('assignment', current.month, rnd),
            }),
          );
          created++;
        }
      }
      // The office confirms the statistics of each quarter once its last month's reports are in.
      const last = past.at(-1);
      const closedQuarterMonth = Math.floor((last?.month ?? 0) / 3) * 3;
      if (last && closedQuarterMonth > 0) await this.officeStatistics(m, plan, last.year, closedQuarterMonth);
    });
    this.logger.log(`demo reports: ${created}`);
    return created;
  }

  private content(type: Report['subjectType'], month: number, rnd: () => number, project?: Project): Partial<Report> {
    if (type === 'project') {
      const annual = new Decimal(project?.annualInvestment ?? 0);
      return {
        investmentToDate: annual
          .times((month / 12) * (0.5 + rnd() * 0.9))
          .toDecimalPlaces(2)
          .toFixed(2),
        narrative: '项目按计划推进，本月完成投资已入统。',
        problems: '',
        nextSteps: '加快设备采购和安装调试。',
      };
    }
    if (type === 'indicators') return { narrative: '本月指标数据已按口径统计。' };
    const expected = (month / 12) * 100;
    const completion = Math.max(0, Math.min(100, Math.round(expected * (0.45 + rnd() * 0.9))));
    return {
      progressStatus: completion + 10 < expected ? 'lagging' : completion < expected ? 'at_risk' : 'on_track',
      completionPercent: completion.toFixed(2),
      narrative: narratives[Math.floor(rnd() * narratives.length)]!,
      problems: rnd() < 0.3 ? '部分配套资金尚未到位。' : '',
      nextSteps: '按时间节点推进，下月形成阶段性成果。',
    };
  }

  /** Counties' cumulative firm counts: their share of target, some ahead and some behind. */
  private async countyValues(
    m: EntityManager,
    report: Report,
    period: ReportingPeriod,
    targets: { indicator_id: string; value: string }[],
    rnd: () => number,
  ): Promise<void> {
    for (const t of targets) {
      const value = Math.round(Number(t.value) * (period.month / 12) * (0.5 + rnd() * 0.9));
      await m.getRepository(IndicatorValue).save(
        m.getRepository(IndicatorValue).create({
          indicatorId: t.indicator_id,
          unitId: report.unitId,
          year: period.year,
          month: period.month,
          value: String(value),
          textValue: null,
          source: '县（市、区）报送',
          confirmation: 'reported',
          confirmedAt: null,
          reportId: report.id,
          reportedByUserId: null,
          confirmedByUserId: null,
        }),
      );
    }
  }

  /** The office's confirmed statistics for the quarter (附表3-1 items 2–10). */
  private async officeStatistics(m: EntityManager, plan: Plan, year: number, month: number): Promise<void> {
    const rows: { indicator_id: string; unit_id: string; name: string; code: string }[] = await m.query(
      `SELECT pi.indicator_id, pi.unit_id, i.name, u.code
       FROM plan_indicators pi JOIN indicators i ON i.id = pi.indicator_id JOIN units u ON u.id = pi.unit_id
       WHERE pi.plan_id = $1 AND pi.reporter = 'office'`,
      [plan.id],
    );
    for (const row of rows) {
      const demo = ganzhouCountyIndicators.find((d) => d.name === row.name)!;
      const [low, high] = demo.range!;
      const value = new Decimal(low + random(`${row.name}:${row.code}`)() * (high - low)).toDecimalPlaces(2).toFixed(2);
      await m.query(
        `INSERT INTO indicator_values (indicator_id, unit_id, year, month, value, source, confirmation, confirmed_at)
         VALUES ($1, $2, $3, $4, $5, '市统计局、市科技局核定', 'confirmed', $6) ON CONFLICT DO NOTHING`,
        [row.indicator_id, row.unit_id, year, month, value, new Date(Date.UTC(year, month, 10))],
      );
    }
  }
}
