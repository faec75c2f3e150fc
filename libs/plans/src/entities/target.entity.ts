import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export const TargetPeriod = { Year: 'year', H1: 'h1', Q1: 'q1', Q2: 'q2', Q3: 'q3', Q4: 'q4' } as const;
export type TargetPeriod = (typeof TargetPeriod)[keyof typeof TargetPeriod];
export const targetPeriods = Object.values(TargetPeriod);

export const TargetKind = { Numeric: 'numeric', Qualitative: 'qualitative', Date: 'date' } as const;
export type TargetKind = (typeof TargetKind)[keyof typeof TargetKind];
export const targetKinds = Object.values(TargetKind);

export const operators = ['=', '>=', '<=', '>', '<'] as const;
export type Operator = (typeof operators)[number];

/** Indicator × unit × year × period → what must be reached (目标值). */
@Entity('targets')
@Index('uq_targets_key', ['indicatorId', 'unitId', 'year', 'period'], { unique: true })
@Index('ix_targets_plan', ['planId'])
export class Target extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id', nullable: true })
  planId!: string | null;

  @Column({ type: 'uuid', name: 'indicator_id' })
  indicatorId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 8, default: TargetPeriod.Year })
  period!: TargetPeriod;

  @Column({ type: 'varchar', length: 12, default: TargetKind.Numeric })
  kind!: TargetKind;

  @Column({ type: 'varchar', length: 2, default: '>=' })
  operator!: Operator;

  @Column({ type: 'numeric', precision: 20, scale: 6, nullable: true })
  value!: string | null;

  /**
   * `value` as the office wrote it (1.80, 6.0): the exports print it while it still equals the
   * value; null when the value came without a written form (it prints canonically then).
   */
  @Column({ type: 'varchar', length: 40, name: 'value_written', nullable: true })
  valueWritten!: string | null;

  /** 规范, 合理, 较高, 完成 … for qualitative targets. */
  @Column({ type: 'varchar', length: 100, name: 'text_value', nullable: true })
  textValue!: string | null;

  @Column({ type: 'date', name: 'date_value', nullable: true })
  dateValue!: string | null;

  @Column({ type: 'varchar', length: 500, default: '' })
  note!: string;
}
