import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A stored file, addressed by its SHA-256: the same bytes are kept once however often attached. */
@Entity('evidence_files')
export class EvidenceFile {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint' })
  size!: string;

  @Column({ type: 'varchar', length: 100 })
  mime!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** A file attached to a report under the name it was uploaded with. */
@Entity('report_evidence')
@Index('ix_report_evidence_sha256', ['sha256'])
export class ReportEvidence {
  @PrimaryColumn({ type: 'uuid', name: 'report_id' })
  reportId!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ type: 'uuid', name: 'uploaded_by_user_id' })
  uploadedByUserId!: string;

  @Column({ type: 'timestamptz', name: 'uploaded_at' })
  uploadedAt!: Date;
}
