import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { Clock } from '@app/config';
import {
  classifyEvidence,
  evidenceDisplayName,
  evidenceFileOf,
  EvidenceStore,
  lockEvidence,
  recordEvidenceFile,
  type StagedEvidence,
} from '@app/reporting';
import { EntryEvidence, EntryStage } from './entities/assessment.entity.js';
import type { EntryFile } from './explanation.js';
import { YearEndService } from './year-end.service.js';

/**
 * Evidence files of a unit's self-assessment, one leaf at a time, kept in the same store and
 * checked the same way as reports' files. The unit's liaison adds them while its self-assessment
 * is open and not handed in; whoever may read the unit's entries may download them.
 */
@Injectable()
export class SelfEvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: EvidenceStore,
    private readonly yearEnd: YearEndService,
    private readonly clock: Clock,
  ) {}

  /** Throws unless the actor may add files to the leaf now; run before a byte is received. */
  async assertMayAttach(actor: Actor, id: string, unitId: string, criterionId: string): Promise<void> {
    await this.yearEnd.assertMayAttach(this.dataSource.manager, actor, id, unitId, criterionId);
  }

  /**
   * Links staged bytes to the leaf (and to its saved entry, if any). The staged upload is used up
   * either way: put in place once the linking transaction committed, or discarded on failure.
   */
  async attach(
    actor: Actor,
    target: { id: string; unitId: string; criterionId: string },
    upload: { staged: StagedEvidence; filename: string },
  ): Promise<EntryFile[]> {
    const { id, unitId, criterionId } = target;
    const { staged } = upload;
    try {
      const { mime } = classifyEvidence(upload.filename, staged.head, staged.size);
      await this.dataSource.transaction(async (m) => {
        // Again, under the assessment's lock: the unit may have submitted while the bytes arrived.
        await this.yearEnd.assertMayAttach(m, actor, id, unitId, criterionId, true);
        await lockEvidence(m, staged.sha256);
        const now = this.clock.now();
        await recordEvidenceFile(m, { sha256: staged.sha256, size: staged.size, mime }, now);
        await m.getRepository(EntryEvidence).save({
          assessmentId: id,
          unitId,
          criterionId,
          sha256: staged.sha256,
          filename: evidenceDisplayName(upload.filename),
          uploadedByUserId: actor.userId,
          uploadedAt: now,
        });
        await m.query(
          `UPDATE assessment_entries SET evidence = array_append(evidence, $5::text)
           WHERE assessment_id = $1 AND unit_id = $2 AND criterion_id = $3 AND stage = $4 AND NOT ($5::text = ANY (evidence))`,
          [id, unitId, criterionId, EntryStage.Self, staged.sha256],
        );
      });
    } catch (error) {
      await this.store.discard(staged);
      throw error;
    }
    await this.store.promote(staged);
    return (await this.yearEnd.filesOf(this.dataSource.manager, id, unitId)).filter(
      (f) => f.criterionId === criterionId,
    );
  }

  /** The file, only for those who may read the unit's entries, and only if it was uploaded for that unit. */
  async open(
    actor: Actor,
    id: string,
    unitId: string,
    sha256: string,
  ): Promise<{ filename: string; mime: string; size: number; stream: Readable }> {
    const m = this.dataSource.manager;
    await this.yearEnd.assertMayRead(m, actor, id, unitId);
    const link = await m.getRepository(EntryEvidence).findOne({ where: { assessmentId: id, unitId, sha256 } });
    const file = link ? await evidenceFileOf(m, sha256) : null;
    const stored = file ? await this.store.open(sha256) : null;
    if (!link || !file || !stored) throw DomainError.notFound('附件');
    return { filename: link.filename, mime: file.mime, ...stored };
  }
}
