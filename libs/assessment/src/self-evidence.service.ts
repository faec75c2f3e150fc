import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { Clock } from '@app/config';
import {
  evidenceFileOf,
  EvidenceStore,
  type EvidenceFileContent,
  type RangeChoice,
  linkStaged,
  type StagedEvidence,
} from '@app/reporting';
import { EntryEvidence, EntryStage, EvidencePurpose } from './entities/assessment.entity.js';
import type { EntryFile } from './explanation.js';
import { assertMayAttachEvidence, evidenceFiles, mayReadAppealsOf } from './year-end-evidence.js';
import { YearEndService } from './year-end.service.js';

/** What an upload is for: a leaf of the self-assessment or review (criterionId), or the unit's events or appeals. */
export interface EvidenceTarget {
  id: string;
  unitId: string;
  purpose: EvidencePurpose;
  /** The leaf; '' for an event's or an appeal's file. */
  criterionId: string;
}

/**
 * Evidence files of a unit's year-end assessment, kept in the same store and checked the same way
 * as reports' files. The unit's liaison adds self-assessment files while its self-assessment is open
 * and not handed in (and may remove them until then); the office adds review files while it reviews
 * and event files until approval; the unit adds appeal files within the appeal window. Whoever may
 * read the unit's entries may download leaf and event files; appeal files only those who may read
 * the unit's appeals.
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
    await this.mayAttach(this.dataSource.manager, actor, { id, unitId, criterionId, purpose: EvidencePurpose.Self });
  }

  /** Throws unless the actor may add a file for the target now; run before a byte is received. */
  async assertMayAttachTo(actor: Actor, target: EvidenceTarget): Promise<void> {
    await this.mayAttach(this.dataSource.manager, actor, target);
  }

  private async mayAttach(m: EntityManager, actor: Actor, target: EvidenceTarget, lock = false): Promise<void> {
    const { id, unitId, criterionId, purpose } = target;
    if (purpose === EvidencePurpose.Self) return this.yearEnd.assertMayAttach(m, actor, id, unitId, criterionId, lock);
    const scope = await this.yearEnd.scopeOf(m, actor, id, unitId, criterionId, lock);
    assertMayAttachEvidence(purpose, { actor, assessment: scope.a, ...scope });
  }

  /**
   * Links staged bytes to the leaf (and to its saved entry, if any); linkStaged: the staged upload
   * is used up either way.
   */
  async attach(
    actor: Actor,
    target: { id: string; unitId: string; criterionId: string; purpose?: EvidencePurpose },
    upload: { staged: StagedEvidence; filename: string },
  ): Promise<EntryFile[]> {
    const { id, unitId, criterionId } = target;
    const purpose = target.purpose ?? EvidencePurpose.Self;
    await linkStaged(this.dataSource, this.store, upload, () => this.clock.now(), {
      // The unit may have submitted while the bytes arrived.
      authorise: (m) => this.mayAttach(m, actor, { id, unitId, criterionId, purpose }, true),
      link: async (m, file) => {
        await m
          .getRepository(EntryEvidence)
          .save({ assessmentId: id, unitId, purpose, criterionId, ...file, uploadedByUserId: actor.userId });
        // A leaf's saved entry cites the files added to it since; events and appeals name theirs when recorded.
        const stage = { self: EntryStage.Self, review: EntryStage.Review, event: null, appeal: null }[purpose];
        if (stage)
          await m.query(
            `UPDATE assessment_entries SET evidence = array_append(evidence, $5::text)
             WHERE assessment_id = $1 AND unit_id = $2 AND criterion_id = $3 AND stage = $4 AND NOT ($5::text = ANY (evidence))`,
            [id, unitId, criterionId, stage, file.sha256],
          );
      },
    });
    return evidenceFiles(this.dataSource.manager, id, [unitId], [purpose]).then((files) =>
      files.filter((f) => f.criterionId === criterionId),
    );
  }

  /**
   * The unit's liaison takes a file off a self-assessment leaf while it may still change it: the link
   * goes (audited) and the saved entry no longer cites it. The bytes stay until nothing refers to them.
   */
  async remove(
    actor: Actor,
    target: { id: string; unitId: string; criterionId: string },
    sha256: string,
  ): Promise<EntryFile[]> {
    const { id, unitId, criterionId } = target;
    await this.dataSource.transaction(async (m) => {
      await this.yearEnd.assertMayAttach(m, actor, id, unitId, criterionId, true);
      const repo = m.getRepository(EntryEvidence);
      const link = await repo.findOne({
        where: { assessmentId: id, unitId, purpose: EvidencePurpose.Self, criterionId, sha256 },
      });
      if (!link) throw DomainError.notFound('附件');
      await repo.remove(link);
      await m.query(
        `UPDATE assessment_entries SET evidence = array_remove(evidence, $5::text)
         WHERE assessment_id = $1 AND unit_id = $2 AND criterion_id = $3 AND stage = $4`,
        [id, unitId, criterionId, EntryStage.Self, sha256],
      );
    });
    return evidenceFiles(this.dataSource.manager, id, [unitId], [EvidencePurpose.Self]).then((files) =>
      files.filter((f) => f.criterionId === criterionId),
    );
  }

  /**
   * The file, only if it was uploaded for that unit, and only for those who may read what it was uploaded
   * for: the unit's entries, or (a file given only with appeals) the unit's appeals.
   */
  async open(
    actor: Actor,
    id: string,
    unitId: string,
    sha256: string,
    range?: RangeChoice,
  ): Promise<EvidenceFileContent> {
    const m = this.dataSource.manager;
    await this.yearEnd.assertMayRead(m, actor, id, unitId);
    const links = await m.getRepository(EntryEvidence).find({ where: { assessmentId: id, unitId, sha256 } });
    const link = links.find((l) => l.purpose !== EvidencePurpose.Appeal) ?? links[0];
    if (link?.purpose === EvidencePurpose.Appeal) {
      const { a, unit } = await this.yearEnd.scopeOf(m, actor, id, unitId);
      if (!unit || !mayReadAppealsOf(actor, a, unit)) throw DomainError.notFound('附件');
    }
    const file = link ? await evidenceFileOf(m, sha256) : null;
    const stored = file ? await this.store.open(sha256, range) : null;
    if (!link || !file || !stored) throw DomainError.notFound('附件');
    return { filename: link.filename, mime: file.mime, ...stored };
  }
}
