import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change to domain data: who, when, what, and the values before and after. */
@Entity('audit_log')
@Index('ix_audit_entity', ['entity', 'entityId'])
@Index('ix_audit_actor', ['actorUserId'])
@Index('ix_audit_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'actor_name', default: '' })
  actorName!: string;

  /** City subtree the change belongs to, so a city's admins see only their own trail. */
  @Column({ type: 'uuid', name: 'city_id', nullable: true })
  cityId!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  entity!: string;

  @Column({ type: 'varchar', length: 64, name: 'entity_id' })
  entityId!: string;

  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: object | null;

  /** Why the change was made, where the rule demands one (e.g. editing a published plan). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;
}
