import { Column, Entity, Index } from 'typeorm';
import type { TargetValue } from '@app/domain';
import { BaseEntity } from '@app/common';
import type { TargetCellsText } from '../spreadsheets/types.js';

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

  /** The 半年（程）指标值 cell as the office typed it (`=10%`); null when not kept (shown parsed). */
  @Column({ type: 'varchar', length: 200, name: 'half_year_text', nullable: true })
  halfYearText!: string | null;

  /** The full-year target as typed: the 全年 cell, or 计算符号 + 目标值 + 单位 run together. */
  @Column({ type: 'varchar', length: 200, name: 'full_year_text', nullable: true })
  fullYearText!: string | null;

  /** The 计算符号 | 目标值 | 单位 cells as typed, when the target came in that layout. */
  @Column({ type: 'jsonb', name: 'target_text', nullable: true })
  targetText!: TargetCellsText | null;
}
