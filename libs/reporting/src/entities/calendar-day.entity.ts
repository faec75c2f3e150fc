import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** A city's exception to the Monday–Friday week: a public holiday or a make-up working day (调休). */
@Entity('calendar_days')
@Unique('uq_calendar_days', ['cityId', 'date'])
export class CalendarDay extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: 'holiday' | 'workday';

  @Column({ type: 'varchar', length: 100, default: '' })
  note!: string;
}
