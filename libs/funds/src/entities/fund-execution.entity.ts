import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

/** Money received (到位) and spent (支出) on one sub-item in one month, 万元. */
@Entity('fund_executions')
@Index('uq_fund_executions_month', ['subItemId', 'month'], { unique: true })
export class FundExecution extends BaseEntity {
  @Column({ type: 'uuid', name: 'sub_item_id' })
  subItemId!: string;

  /** YYYY-MM. */
  @Column({ type: 'char', length: 7 })
  month!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  received!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  spent!: string;

  /** Why spending ran ahead of the money received (垫付说明); required when it does. */
  @Column({ type: 'varchar', length: 500, name: 'advance_reason', nullable: true })
  advanceReason!: string | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  note!: string;

  @Column({ type: 'uuid', name: 'entered_by_user_id' })
  enteredByUserId!: string;
}
