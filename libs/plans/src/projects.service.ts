import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { publishedUnits } from '@app/organisation';
import { type Actor, DomainError } from '@app/common';
import { Project, type ProjectStage } from './entities/project.entity.js';
import { PlanAccess } from './plan-access.js';
import { formatStageHeading } from './spreadsheets/index.js';

export interface StageTotal {
  stage: ProjectStage;
  count: number;
  /** 万元, two decimals. */
  totalInvestment: string;
  annualInvestment: string;
  /** As the document heads the group: 一、新开工（项目11个、总投资16.46亿元、年度计划投资8.2亿元） */
  heading: string;
}

/** A plan's project with the county it is in. */
export type ProjectRow = Project & { countyName: string };

export interface ProjectList {
  items: ProjectRow[];
  stages: StageTotal[];
}

/** Stages are headed in this order in the document: 一、新开工, 二、续建. */
const stageOrdinal: Record<ProjectStage, number> = { new: 1, continuing: 2 };

export interface ProjectChange {
  name?: string;
  category?: string;
  code?: string | null;
  content?: string;
  startMonth?: string;
  endMonth?: string;
  builder?: string;
  totalInvestment?: string;
  annualInvestment?: string;
  responsibleLeader?: string;
  stage?: ProjectStage;
}

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PlanAccess,
  ) {}

  async list(actor: Actor, planId: string): Promise<ProjectList> {
    await this.access.readable(actor, planId);
    const { entities, raw } = await this.dataSource
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoin(publishedUnits, 'u', 'u.id = p.county_unit_id')
      .addSelect('u.short_name', 'county_name')
      .where('p.plan_id = :planId', { planId })
      .orderBy('p.number')
      .getRawAndEntities();
    const items = entities.map((e, i) =>
      Object.assign(e, { countyName: (raw[i] as { county_name: string }).county_name }),
    );
    const sums: { stage: ProjectStage; count: number; total: string; annual: string }[] = await this.dataSource.query(
      `SELECT stage, count(*)::int AS count, sum(total_investment)::text AS total, sum(annual_investment)::text AS annual
       FROM projects WHERE plan_id = $1 GROUP BY stage ORDER BY CASE stage WHEN 'new' THEN 0 ELSE 1 END`,
      [planId],
    );
    return {
      items,
      stages: sums.map((s) => ({
        stage: s.stage,
        count: s.count,
        totalInvestment: new Decimal(s.total).toFixed(2),
        annualInvestment: new Decimal(s.annual).toFixed(2),
        heading: formatStageHeading(stageOrdinal[s.stage], s.stage, s.count, s.total, s.annual),
      })),
    };
  }

  async update(actor: Actor, id: string, change: ProjectChange & { reason?: string }): Promise<Project> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Project);
      const project = await repo.findOne({ where: { id } });
      if (!project) throw DomainError.notFound('项目');
      const plan = await this.access.editable(actor, project.planId, m);
      this.access.requireReasonIfPublished(plan, change.reason);
      const { reason: _r, ...fields } = change;
      m.getRepository(Project).merge(project, fields);
      if (project.endMonth < project.startMonth)
        throw DomainError.validation('竣工年月不能早于开工年月', [
          { field: 'endMonth', reason: '竣工年月不能早于开工年月' },
        ]);
      if (new Decimal(project.totalInvestment).lt(0) || new Decimal(project.annualInvestment).lt(0)) {
        throw DomainError.validation('投资额不能为负数', [{ field: 'totalInvestment', reason: '投资额不能为负数' }]);
      }
      return repo.save(project);
    });
  }
}
