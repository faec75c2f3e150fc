import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';
import type { ActualPeriod as Period } from '../views.js';

export const ActualPeriod = { HalfYear: 'half', FullYear: 'full' } as const satisfies Record<string, Period>;
export type ActualPeriod = Period;
export const actualPeriods = Object.values(ActualPeriod);

/** What an indicator actually reached at mid-year or year end, with the reason for a shortfall. */
@Entity('performance_actuals')
@Index('uq_performance_actuals_period', ['indicatorId', 'period'], { unique: true })
export class PerformanceActual extends BaseEntity {
  @Column({ type: 'uuid', name: 'indicator_id' })
  indicatorId!: string;

  @Column({ type: 'varchar', length: 4 })
  period!: ActualPeriod;

  /** The value as the department wrote it: 380项, 100%, 2023年11月30日, 规范. */
  @Column({ type: 'varchar', length: 100 })
  text!: string;

  /** The number in `text`, when the target is numeric (exact). */
  @Column({ type: 'numeric', precision: 20, scale: 4, nullable: true })
  value!: string | null;

  /** The date in `text`, when the target is a date bound. */
  @Column({ type: 'date', nullable: true })
  date!: string | null;

  /** 偏离原因: why the target was missed or exceeded by far. */
  @Column({ type: 'varchar', length: 1000, name: 'deviation_reason', default: '' })
  deviationReason!: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  /** Evidence file ids (the reporting evidence store). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  evidence!: string[];

  @Column({ type: 'uuid', name: 'entered_by_user_id' })
  enteredByUserId!: string;
}
