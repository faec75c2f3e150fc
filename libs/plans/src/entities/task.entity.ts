import { Column, DeleteDateColumn, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export interface Milestone {
  dueDate: string;
  description: string;
  /** Completion expected by the due date, 0–100. */
  expectedPercent: number;
}

/** One numbered key task of a plan. */
@Entity('tasks')
@Index('uq_tasks_number', ['planId', 'number'], { unique: true, where: 'deleted_at IS NULL' })
export class Task extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'uuid', name: 'section_id', nullable: true })
  sectionId!: string | null;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The full 具体任务及要求 text, exactly as the document has it. */
  @Column({ type: 'text' })
  requirement!: string;

  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: Milestone[];

  @DeleteDateColumn({ type: 'timestamptz', name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}
