import { Column, DeleteDateColumn, Entity, Index } from 'typeorm';
import { BaseEntity } from '@app/common';

export const ContactRole = { Liaison: 'liaison', Leader: 'leader' } as const;
export type ContactRole = (typeof ContactRole)[keyof typeof ContactRole];
export const contactRoles = Object.values(ContactRole);

/**
 * A named person a unit can be reached through. `unitId` is the unit served; `workplaceUnitId`
 * is where the person sits when that differs (市委人才办's liaison sits in 市委组织部).
 */
@Entity('contacts')
@Index('ix_contacts_unit', ['unitId'])
export class Contact extends BaseEntity {
  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'uuid', name: 'workplace_unit_id', nullable: true })
  workplaceUnitId!: string | null;

  @Column({ type: 'varchar', length: 100, default: '' })
  section!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 30, default: '' })
  phone!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  email!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: ContactRole;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @DeleteDateColumn({ type: 'timestamptz', name: 'deleted_at', nullable: true })
  deletedAt!: Date | null;
}
