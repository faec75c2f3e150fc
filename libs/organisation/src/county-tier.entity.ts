import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** A county's assessment category for one year; counties are ranked only within their tier. */
@Entity('county_tiers')
@Unique('uq_county_tiers_unit_year', ['unitId', 'year'])
export class CountyTier extends BaseEntity {
  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  /** 1 = 一类, 2 = 二类, 3 = 三类. */
  @Column({ type: 'smallint' })
  tier!: number;
}
