import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { BaseEntity } from '@app/common';

export const AssignmentRole = { Lead: 'lead', Responsible: 'responsible' } as const;
export type AssignmentRole = (typeof AssignmentRole)[keyof typeof AssignmentRole];
export const assignmentRoles = Object.values(AssignmentRole);

/** One unit's part in one task (任务分工): what monthly reports are about. */
@Entity('assignments')
@Unique('uq_assignments_task_unit', ['taskId', 'unitId'])
@Index('ix_assignments_unit', ['unitId'])
export class Assignment extends BaseEntity {
  @Column({ type: 'uuid', name: 'task_id' })
  taskId!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: AssignmentRole;

  @Column({ type: 'integer', name: 'sort_order', default: 0 })
  sortOrder!: number;

  /** Reports are expected from this date on (null: from the start of the plan year). */
  @Column({ type: 'date', name: 'starts_on', nullable: true })
  startsOn!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}

/** The liaison contacts of an assignment (联络员). */
@Entity('assignment_liaisons')
export class AssignmentLiaison {
  @PrimaryColumn({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'contact_id' })
  contactId!: string;
}
