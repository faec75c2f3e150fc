import { Column, Entity, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

/** One month of a plan's reporting: due date (after working-day moves), deadline instant, close. */
@Entity('reporting_periods')
@Unique('uq_reporting_periods_month', ['planId', 'year', 'month'])
export class ReportingPeriod extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'smallint' })
  month!: number;

  @Column({ type: 'date', name: 'opens_on' })
  opensOn!: string;

  @Column({ type: 'date', name: 'due_date' })
  dueDate!: string;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  /** Entry closes at this instant (null: never); the office may reopen it for one unit. */
  @Column({ type: 'timestamptz', name: 'closes_at', nullable: true })
  closesAt!: Date | null;
}
