import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Assessment,
  QuarterlyRankingService,
  quarterlyInputMap,
  quarterlyProgressScheme,
  Scheme,
  type LeafSource,
  YearEndService,
} from '@app/assessment';
import type { Actor } from '@app/common';
import { ganzhouCountyScheme2023, ganzhouDepartmentScheme2023, localDateOf } from '@app/domain';
import type { Plan } from '@app/plans';
import { ganzhouCountyIndicators } from './data/ganzhou-indicators.js';

/** Items 2–10 of 附表3-1 read the statistics the office confirms; item 1 and the rest are judged. */
function countyInputMap(): Record<string, LeafSource> {
  const map: Record<string, LeafSource> = {};
  for (const criterion of ganzhouCountyScheme2023.criteria.find((c) => c.id === 'c1')?.children ?? []) {
    if (ganzhouCountyIndicators.some((i) => i.name === criterion.name))
      map[criterion.id] = { type: 'indicatorValue', indicatorName: criterion.name };
  }
  return map;
}

/** The Ganzhou 2023 schemes (the quarterly progress score and 附表3-1/3-2) and the published Q1 bulletin. */
@Injectable()
export class DemoAssessment {
  private readonly logger = new Logger(DemoAssessment.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rankings: QuarterlyRankingService,
    private readonly yearEndService: YearEndService,
  ) {}

  async schemes(cityId: string): Promise<void> {
    const seeds: {
      code: string;
      name: string;
      kind: Scheme['kind'];
      definition: object;
      inputMap: Record<string, LeafSource>;
    }[] = [
      {
        code: 'quarterly-2023',
        name: '2023年季度推进情况评分',
        kind: 'quarterly',
        definition: quarterlyProgressScheme,
        inputMap: quarterlyInputMap,
      },
      {
        code: 'county-2023',
        name: ganzhouCountyScheme2023.name,
        kind: 'county',
        definition: ganzhouCountyScheme2023,
        inputMap: countyInputMap(),
      },
      {
        code: 'department-2023',
        name: ganzhouDepartmentScheme2023.name,
        kind: 'department',
        definition: ganzhouDepartmentScheme2023,
        inputMap: { 'd1.4': { type: 'lateReports' } },
      },
    ];
    const repo = this.dataSource.getRepository(Scheme);
    for (const seed of seeds) {
      if (await repo.exists({ where: { cityId, code: seed.code } })) continue;
      await repo.save(
        repo.create({
          ...seed,
          cityId,
          year: 2023,
          version: 1,
          status: 'active',
        }),
      );
    }
  }

  /**
   * Once the schemes' year is over (the demo's year-end date, 2024-01-20), opens the year-end
   * assessments of counties and departments (self-assessment stage), so the cycle can be walked
   * through with the demo accounts. On the spring date there is no year-end yet.
   */
  async yearEnd(plan: Plan, office: Actor, now: Date, timeZone: string): Promise<number> {
    const year = Number(localDateOf(now, timeZone).slice(0, 4));
    const schemes = (
      await this.dataSource.getRepository(Scheme).find({
        where: [
          { cityId: plan.cityId, code: 'county-2023' },
          { cityId: plan.cityId, code: 'department-2023' },
        ],
      })
    ).filter((scheme) => scheme.year < year);
    let created = 0;
    for (const scheme of schemes) {
      if (await this.dataSource.getRepository(Assessment).exists({ where: { planId: plan.id, schemeId: scheme.id } }))
        continue;
      await this.yearEndService.create(office, plan.id, scheme.id);
      created++;
    }
    return created;
  }

  /** Publishes each quarter whose last month's reports were due before the demo date (Q1 in April). */
  async bulletins(plan: Plan, now: Date): Promise<number> {
    let published = 0;
    for (let quarter = 1; quarter <= 4; quarter++) {
      const rows: { deadline: Date }[] = await this.dataSource.query(
        `SELECT deadline FROM reporting_periods WHERE plan_id = $1 AND year = $2 AND month = $3`,
        [plan.id, plan.startYear, quarter * 3],
      );
      if (!rows[0] || new Date(rows[0].deadline).getTime() > now.getTime()) break;
      await this.rankings.publish(plan.id, `${plan.startYear}-Q${quarter}`);
      published++;
    }
    this.logger.log(`demo bulletins: ${published}`);
    return published;
  }
}
