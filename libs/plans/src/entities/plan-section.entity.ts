import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** A grouping of tasks: （一）突出企业主体地位… */
@Entity('plan_sections')
@Unique('uq_plan_sections_number', ['planId', 'number'])
export class PlanSection extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  /** The Chinese ordinal without brackets: 一, 二 … */
  @Column({ type: 'varchar', length: 10 })
  number!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder!: number;
}
