import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The queue board's cookie: a random value (only its SHA-256 is stored) that stands for a session
 * on that one path for a short while, so the access token itself never sits in a cookie. It dies
 * with its session.
 */
@Entity('queue_board_passes')
@Index('uq_queue_board_passes_hash', ['tokenHash'], { unique: true })
@Index('ix_queue_board_passes_session', ['sessionId'])
export class QueueBoardPass {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'session_id' })
  sessionId!: string;

  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
