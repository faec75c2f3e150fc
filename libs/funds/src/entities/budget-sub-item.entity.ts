import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

/** A spending direction of a fund (科技重大专项, 创新引导计划 …) with its own budget. */
@Entity('budget_sub_items')
@Index('uq_budget_sub_items_name', ['projectId', 'name'], { unique: true })
export class BudgetSubItem extends BaseEntity {
  @Column({ type: 'uuid', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  budget!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'half_year_plan', default: 0 })
  halfYearPlan!: string;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
