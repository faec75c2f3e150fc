import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export const Direction = { Higher: 'higher', Lower: 'lower' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];
export const directions = Object.values(Direction);

export const Aggregation = { Additive: 'additive', Ratio: 'ratio', Latest: 'latest' } as const;
export type Aggregation = (typeof Aggregation)[keyof typeof Aggregation];
export const aggregations = Object.values(Aggregation);

/** A measurable quantity of a city (指标). */
@Entity('indicators')
@Index('uq_indicators_name', ['cityId', 'name'], { unique: true })
export class Indicator extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** %, 家, 个, 亿元, 万元, 件, 名 … ('' when the indicator has none, e.g. a ranking). */
  @Column({ type: 'varchar', length: 20, name: 'unit_of_measure', default: '' })
  unitOfMeasure!: string;

  @Column({ type: 'varchar', length: 8, default: Direction.Higher })
  direction!: Direction;

  /** Additive indicators' county targets should sum to the city's; ratios are never summed. */
  @Column({ type: 'varchar', length: 10, default: Aggregation.Additive })
  aggregation!: Aggregation;

  @Column({ type: 'smallint', default: 2 })
  decimals!: number;

  /** Largest meaningful value (100 for most percentages), or null for no limit. */
  @Column({ type: 'numeric', precision: 20, scale: 6, name: 'max_value', nullable: true })
  maxValue!: string | null;

  /** Position in the plan's list of goals (序号). */
  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder!: number;

  /** The department whose published or confirmed figure counts (主管部门). */
  @Column({ type: 'uuid', name: 'authority_unit_id', nullable: true })
  authorityUnitId!: string | null;
}
