import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { Assessment, AssessmentRevision, type FrozenResults, type RevisionKind } from './entities/assessment.entity.js';
import { diffRevisions, type RevisionDiff } from './revision-diff.js';

/** A revision as listed: who made it, when and why, without the frozen inputs and results. */
export type RevisionSummary = Omit<AssessmentRevision, 'frozen'>;

/** Keeps one revision of an assessment's results, in the caller's transaction (approval, upheld appeal). */
export async function recordRevision(
  m: EntityManager,
  revision: {
    assessmentId: string;
    frozen: FrozenResults;
    kind: RevisionKind;
    actor: Pick<Actor, 'userId' | 'displayName'>;
    at: Date;
    reason?: string;
    appealId?: string;
  },
): Promise<AssessmentRevision> {
  const repo = m.getRepository(AssessmentRevision);
  return repo.save(
    repo.create({
      assessmentId: revision.assessmentId,
      revision: revision.frozen.revision,
      kind: revision.kind,
      frozen: revision.frozen,
      at: revision.at,
      createdByUserId: revision.actor.userId,
      createdByName: revision.actor.displayName,
      reason: revision.reason ?? '',
      appealId: revision.appealId ?? null,
    }),
  );
}

/**
 * Every revision of an assessment's results — inputs, results, who and why — and what each changed against the one
 * before, for the office and the leadership of the assessment's city.
 */
@Injectable()
export class AssessmentRevisionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, id: string): Promise<RevisionSummary[]> {
    await this.assertReadable(actor, id);
    return this.dataSource.getRepository(AssessmentRevision).find({
      where: { assessmentId: id },
      select: {
        id: true,
        createdAt: true,
        updatedAt: true,
        assessmentId: true,
        revision: true,
        kind: true,
        at: true,
        createdByUserId: true,
        createdByName: true,
        reason: true,
        appealId: true,
      },
      order: { revision: 'ASC' },
    });
  }

  async get(actor: Actor, id: string, revision: number): Promise<AssessmentRevision> {
    await this.assertReadable(actor, id);
    const found = await this.dataSource
      .getRepository(AssessmentRevision)
      .findOne({ where: { assessmentId: id, revision } });
    if (!found) throw DomainError.notFound('该版本的考评结果');
    return found;
  }

  /** What `revision` changed against `against` (default: the revision before it). */
  async diff(actor: Actor, id: string, revision: number, against?: number): Promise<RevisionDiff> {
    const to = await this.get(actor, id, revision);
    const earlier =
      against ??
      (
        await this.dataSource
          .getRepository(AssessmentRevision)
          .createQueryBuilder('r')
          .select('max(r.revision)', 'n')
          .where('r.assessment_id = :id AND r.revision < :revision', { id, revision })
          .getRawOne<{ n: number | null }>()
      )?.n;
    if (earlier === null || earlier === undefined) throw DomainError.notFound('上一版本的考评结果');
    const from = await this.get(actor, id, earlier);
    return diffRevisions(from.frozen, to.frozen);
  }

  private async assertReadable(actor: Actor, id: string): Promise<void> {
    const a = await this.dataSource.getRepository(Assessment).findOne({ where: { id } });
    if (!a || a.cityId !== actor.cityId) throw DomainError.notFound('年终考评');
    if (!hasRole(actor, 'admin', 'office', 'leader'))
      throw DomainError.forbidden('只有办公室和领导小组可以查看考评版本');
  }
}
