import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type SessionEndReason = 'logout' | 'password' | 'disabled' | 'replay';

/**
 * One sign-in: its id is the `sid` of every access token issued to it and the family of its
 * rotating refresh tokens. Each request checks that its session is still open, so ending one
 * (logout, password change or reset, disabling the account, a replayed refresh token) takes
 * effect at once rather than when the access token expires.
 */
@Entity('sessions')
@Index('ix_sessions_open_by_user', ['userId'], { where: '"revoked_at" IS NULL' })
export class UserSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  /** On the platform clock. */
  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'revoked_reason', nullable: true })
  revokedReason!: SessionEndReason | null;
}
