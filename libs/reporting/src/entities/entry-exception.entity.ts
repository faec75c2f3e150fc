import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** The office reopened a closed period for one unit, until a given time, for a stated reason. */
@Entity('entry_exceptions')
@Unique('uq_entry_exceptions', ['periodId', 'unitId'])
export class EntryException extends BaseEntity {
  @Column({ type: 'uuid', name: 'period_id' })
  periodId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'timestamptz', name: 'open_until' })
  openUntil!: Date;

  @Column({ type: 'uuid', name: 'created_by_user_id' })
  createdByUserId!: string;
}
