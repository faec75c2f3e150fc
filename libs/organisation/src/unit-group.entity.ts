import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/**
 * A name a city's documents use for a set of its units (各县区, 开发区): an import that meets the
 * name assigns each member. Members are a list on the row so that one audit entry shows a
 * membership change whole.
 */
@Entity('unit_groups')
@Unique('uq_unit_groups_city_name', ['cityId', 'name'])
export class UnitGroup extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'uuid', array: true, name: 'unit_ids', default: () => "'{}'" })
  unitIds!: string[];
}
