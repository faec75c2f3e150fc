import { Column, Entity, Index, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';

/** The snapshot is stored as its serialised text (1700000011100) and read as the object it was. */
const serialised: ValueTransformer = {
  to: (value: object | null | undefined) => (value == null ? value : JSON.stringify(value)),
  from: (text: string | null | undefined) => (text == null ? text : JSON.parse(text)),
};

/**
 * A published quarterly ranking (季度通报): an immutable snapshot of every input and result with
 * the scheme version. A correction is a new revision with a reason; earlier ones stay readable.
 */
@Entity('bulletins')
@Index('uq_bulletins_revision', ['planId', 'quarterKey', 'revision'], { unique: true })
export class Bulletin {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'city_id' })
  cityId!: string;

  @Column({ type: 'uuid', name: 'plan_id' })
  planId!: string;

  @Column({ type: 'uuid', name: 'scheme_id' })
  schemeId!: string;

  /** '2023-Q1'. */
  @Column({ type: 'varchar', length: 7, name: 'quarter_key' })
  quarterKey!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason!: string | null;

  @Column({ type: 'text', transformer: serialised })
  snapshot!: object;

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt!: Date;

  @Column({ type: 'uuid', name: 'published_by_user_id', nullable: true })
  publishedByUserId!: string | null;
}
