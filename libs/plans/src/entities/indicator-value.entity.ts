import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export const Confirmation = { Reported: 'reported', Confirmed: 'confirmed' } as const;
export type Confirmation = (typeof Confirmation)[keyof typeof Confirmation];

/**
 * A measured value of an indicator for a unit: a baseline or year figure (month null) or a
 * value to date for a month. Figures count once the authoritative department confirms them.
 */
@Entity('indicator_values')
@Index('uq_indicator_values_key', ['indicatorId', 'unitId', 'year', 'month'], { unique: true })
export class IndicatorValue extends BaseEntity {
  @Column({ type: 'uuid', name: 'indicator_id' })
  indicatorId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  /** 1–12 for a value to date in that month; 0 for the year's figure (baselines). */
  @Column({ type: 'smallint', default: 0 })
  month!: number;

  @Column({ type: 'numeric', precision: 20, scale: 6, nullable: true })
  value!: string | null;

  /** `value` as the office wrote it (2.0), for the exports; null when it came without one. */
  @Column({ type: 'varchar', length: 40, name: 'value_written', nullable: true })
  valueWritten!: string | null;

  /** The figure as printed when it is not a plain number, e.g. "预估2.0以上". */
  @Column({ type: 'varchar', length: 100, name: 'text_value', nullable: true })
  textValue!: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  source!: string;

  @Column({ type: 'varchar', length: 12, default: Confirmation.Reported })
  confirmation!: Confirmation;

  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  /** The monthly report the value came with, when a county reported it. */
  @Column({ type: 'uuid', name: 'report_id', nullable: true })
  reportId!: string | null;

  @Column({ type: 'uuid', name: 'reported_by_user_id', nullable: true })
  reportedByUserId!: string | null;

  @Column({ type: 'uuid', name: 'confirmed_by_user_id', nullable: true })
  confirmedByUserId!: string | null;
}
