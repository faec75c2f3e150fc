import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One refresh token of a rotating family. Presenting a token that was already rotated
 * revokes the whole family: someone else holds a copy.
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_user', ['userId'])
@Index('ix_refresh_tokens_family', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'uuid', name: 'family_id' })
  familyId!: string;

  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', name: 'replaced_by_id', nullable: true })
  replacedById!: string | null;

  /** Issue time on the platform clock, compared with the user's `tokensValidAfter`. */
  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
