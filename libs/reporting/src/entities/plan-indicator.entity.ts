import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

export const IndicatorReporter = { Unit: 'unit', Authority: 'authority', Office: 'office' } as const;
export type IndicatorReporter = (typeof IndicatorReporter)[keyof typeof IndicatorReporter];
export const indicatorReporters = Object.values(IndicatorReporter);

/**
 * An indicator the plan tracks for a county (with or without a numeric target), and who enters
 * its values: the county itself, the authoritative department, or the office.
 */
@Entity('plan_indicators')
@Unique('uq_plan_indicators', ['planId', 'indicatorId', 'unitId'])
export class PlanIndicator extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'uuid', name: 'indicator_id' })
  indicatorId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 12, default: IndicatorReporter.Unit })
  reporter!: IndicatorReporter;
}
