import { Column, Entity, Index } from 'typeorm';
import type { TargetValue } from '@app/domain';
import { BaseEntity } from '@app/common';

/** A third-level indicator (三级指标) of a project's performance target table. */
@Entity('performance_indicators')
@Index('uq_performance_indicators_name', ['projectId', 'level1', 'level2', 'level3'], { unique: true })
export class PerformanceIndicator extends BaseEntity {
  @Column({ type: 'uuid', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'integer' })
  position!: number;

  /** 一级指标: 产出指标, 效益指标, 满意度指标 … */
  @Column({ type: 'varchar', length: 50 })
  level1!: string;

  @Column({ type: 'varchar', length: 50 })
  level2!: string;

  @Column({ type: 'varchar', length: 200 })
  level3!: string;

  /** Unit of measure both targets use ('' for qualitative and date targets). */
  @Column({ type: 'varchar', length: 20, default: '' })
  unit!: string;

  @Column({ type: 'jsonb', name: 'half_year_target', nullable: true })
  halfYearTarget!: TargetValue | null;

  @Column({ type: 'jsonb', name: 'full_year_target' })
  fullYearTarget!: TargetValue;
}
