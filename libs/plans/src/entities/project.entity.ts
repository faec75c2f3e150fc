import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export const ProjectStage = { New: 'new', Continuing: 'continuing' } as const;
export type ProjectStage = (typeof ProjectStage)[keyof typeof ProjectStage];
export const projectStages = Object.values(ProjectStage);

/** A key construction or R&D project of a plan (附件2). Amounts in 万元. */
@Entity('projects')
@Index('uq_projects_code', ['planId', 'code'], { unique: true, where: 'code IS NOT NULL' })
@Index('uq_projects_name', ['planId', 'name'], { unique: true })
export class Project extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'uuid', name: 'county_unit_id' })
  countyUnitId!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  category!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  code!: string | null;

  @Column({ type: 'text', default: '' })
  content!: string;

  /** YYYY-MM. */
  @Column({ type: 'char', length: 7, name: 'start_month' })
  startMonth!: string;

  @Column({ type: 'char', length: 7, name: 'end_month' })
  endMonth!: string;

  /** 建设单位: text, not a registry unit. */
  @Column({ type: 'varchar', length: 300, default: '' })
  builder!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'total_investment' })
  totalInvestment!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'annual_investment' })
  annualInvestment!: string;

  @Column({ type: 'smallint', name: 'annual_year' })
  annualYear!: number;

  /** 包保责任领导: job title(s) as given. */
  @Column({ type: 'varchar', length: 300, name: 'responsible_leader', default: '' })
  responsibleLeader!: string;

  @Column({ type: 'varchar', length: 12 })
  stage!: ProjectStage;
}
