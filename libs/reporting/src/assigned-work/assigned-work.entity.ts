import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '@app/common';

/** A unit's part in an assigned item: 办理中 (open), 已办结 awaiting the office (closed), 已确认 (confirmed). */
export const AssignedWorkStatus = { Open: 'open', Closed: 'closed', Confirmed: 'confirmed' } as const;
export type AssignedWorkStatus = (typeof AssignedWorkStatus)[keyof typeof AssignedWorkStatus];
export const assignedWorkStatuses = Object.values(AssignedWorkStatus);

/**
 * 交办事项: work the leadership group office hands to one or more units of its city, with a date
 * by which each must be done (办理时限). Each unit's part is closed separately.
 */
@Entity('assigned_work_items')
@Index('ix_assigned_work_items_city_due', ['cityId', 'dueDate'])
export class AssignedWorkItem extends BaseEntity {
  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  /** 事项内容 */
  @Column({ type: 'varchar', length: 2000 })
  content!: string;

  /** 交办依据 / 备注 */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  basis!: string | null;

  /** 办理时限: a calendar date in the platform's time zone, the last day that is on time. */
  @Column({ type: 'date', name: 'due_date' })
  dueDate!: string;

  @Column({ type: 'uuid', name: 'plan_id', nullable: true })
  planId!: string | null;

  @Column({ type: 'uuid', name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column({ type: 'uuid', name: 'created_by_user_id' })
  createdByUserId!: string;
}

/** One assigned unit's part in an item: its closure (办结), and the office's confirmation or return. */
@Entity('assigned_work_units')
@Index('ix_assigned_work_units_unit', ['unitId', 'status'])
export class AssignedWorkUnit {
  @PrimaryColumn({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: AssignedWorkStatus;

  /** The calendar day of the closure that stands (platform time zone); what the overdue rule reads. */
  @Column({ type: 'date', name: 'closed_on', nullable: true })
  closedOn!: string | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', name: 'closed_by_user_id', nullable: true })
  closedByUserId!: string | null;

  /** 办结情况说明 */
  @Column({ type: 'varchar', length: 2000, name: 'close_note', nullable: true })
  closeNote!: string | null;

  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  @Column({ type: 'uuid', name: 'confirmed_by_user_id', nullable: true })
  confirmedByUserId!: string | null;

  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true })
  returnedAt!: Date | null;

  /** Why the office returned the last closure; kept after the unit closes again, for the record. */
  @Column({ type: 'varchar', length: 1000, name: 'return_reason', nullable: true })
  returnReason!: string | null;
}

/** A file a unit attached to its part of an item (the bytes in the shared evidence store). */
@Entity('assigned_work_evidence')
@Index('ix_assigned_work_evidence_sha256', ['sha256'])
export class AssignedWorkEvidence {
  @PrimaryColumn({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ type: 'uuid', name: 'uploaded_by_user_id' })
  uploadedByUserId!: string;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt!: Date;
}
