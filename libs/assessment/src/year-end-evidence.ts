import { type EntityManager, In } from 'typeorm';
import { type Actor, DomainError, hasRole, inScope } from '@app/common';
import {
  type Appeal,
  type Assessment,
  AssessmentEvent,
  AssessmentRevision,
  AssessmentStatus,
  EntryEvidence,
  EvidencePurpose,
} from './entities/assessment.entity.js';
import type { EntryFile } from './explanation.js';

/** What decides whether a file may be added now for a review leaf, an event or an appeal. */
export interface EvidenceScope {
  actor: Actor;
  assessment: Pick<Assessment, 'cityId' | 'status' | 'appealUntil'>;
  /** The unit, when the assessment covers it. */
  unit: { path: string } | undefined;
  /** For a review file: whether the unit types the leaf (the platform computes the others). */
  typedLeaf: boolean;
  now: Date;
}

function isOffice(actor: Actor, a: Pick<Assessment, 'cityId'>): boolean {
  return hasRole(actor, 'admin', 'office') && actor.cityId === a.cityId;
}

/** The appeal window: from publication until its deadline. */
export function assertAppealOpen(a: Pick<Assessment, 'status' | 'appealUntil'>, now: Date): void {
  if (a.status !== AssessmentStatus.Published || !a.appealUntil) throw DomainError.conflict('结果尚未公布，不能申诉');
  if (now.getTime() > a.appealUntil.getTime()) throw DomainError.conflict('申诉期已过');
}

/**
 * Throws unless the actor may add a file now, by the rule of what the file is for: the office while it
 * reviews a typed leaf, the office for events until approval, the unit itself for its appeal within
 * the window. (A self-assessment file follows the self-assessment's own rule.)
 */
export function assertMayAttachEvidence(purpose: Exclude<EvidencePurpose, 'self'>, s: EvidenceScope): void {
  const { actor, assessment: a, unit } = s;
  if (!unit) throw DomainError.notFound('该单位的考评');
  if (purpose === EvidencePurpose.Review) {
    if (!isOffice(actor, a)) throw DomainError.forbidden('只有办公室可以上传初审佐证材料');
    if (!s.typedLeaf) throw DomainError.notFound('该考评项目');
    if (a.status !== AssessmentStatus.Review) throw DomainError.conflict('只有初审阶段可以上传初审佐证材料');
    return;
  }
  if (purpose === EvidencePurpose.Event) {
    if (!isOffice(actor, a)) throw DomainError.forbidden('只有办公室可以登记加减分事项');
    if (a.status === AssessmentStatus.Approved || a.status === AssessmentStatus.Published)
      throw DomainError.conflict('考评已审定，不能修改');
    return;
  }
  if (!hasRole(actor, 'liaison', 'office', 'admin') || !inScope(actor, unit))
    throw DomainError.forbidden('只能为本单位的申诉上传佐证材料');
  assertAppealOpen(a, s.now);
}

/** Appeals are the office's, the leadership's and the appealing unit's to read; other units never see them. */
export function mayReadAppealsOf(actor: Actor, a: Pick<Assessment, 'cityId'>, unit: { path: string }): boolean {
  return (hasRole(actor, 'admin', 'office', 'leader') && actor.cityId === a.cityId) || inScope(actor, unit);
}

const notUploaded: Record<EvidencePurpose, string> = {
  self: '佐证材料须先上传到该项',
  review: '佐证材料须先上传到该项',
  event: '佐证材料须先上传为该单位的加减分事项佐证',
  appeal: '佐证材料须先随本单位申诉上传',
};

/**
 * Throws a validation error naming each cited hash that is not a file uploaded for this assessment,
 * unit and purpose: evidence is a file someone uploaded here, never a hash typed in from elsewhere.
 */
export async function assertUploaded(
  m: EntityManager,
  target: { assessmentId: string; unitId: string; purpose: EvidencePurpose },
  hashes: readonly string[],
  field: string,
): Promise<void> {
  if (hashes.length === 0) return;
  const found = new Set(
    (
      await m.getRepository(EntryEvidence).find({
        where: { ...target, sha256: In([...hashes]) },
        select: { sha256: true },
      })
    ).map((f) => f.sha256),
  );
  const problems = hashes.flatMap((h, i) =>
    found.has(h) ? [] : [{ field: `${field}.${i}`, reason: notUploaded[target.purpose] }],
  );
  if (problems.length) throw DomainError.validation('佐证材料不存在', problems);
}

/** Where a unit's file is downloaded: the route checks the reader against what the file was uploaded for. */
export function evidenceHref(assessmentId: string, unitId: string, sha256: string): string {
  return `/api/assessments/${assessmentId}/units/${unitId}/evidence/${sha256}`;
}

/** The files uploaded for units of an assessment for the given purposes, oldest first per leaf. */
export async function evidenceFiles(
  m: EntityManager,
  assessmentId: string,
  unitIds: readonly string[],
  purposes: readonly EvidencePurpose[],
): Promise<EntryFile[]> {
  if (unitIds.length === 0) return [];
  const rows = await m.getRepository(EntryEvidence).find({
    where: { assessmentId, unitId: In([...unitIds]), purpose: In([...purposes]) },
    order: { criterionId: 'ASC', uploadedAt: 'ASC' },
  });
  return rows.map((r) => ({
    purpose: r.purpose,
    unitId: r.unitId,
    criterionId: r.criterionId,
    sha256: r.sha256,
    filename: r.filename,
    size: r.size,
    uploadedAt: r.uploadedAt,
    href: evidenceHref(assessmentId, r.unitId, r.sha256),
  }));
}

/** The files among `files` that `cited` names, once each. */
export function citedFiles(files: readonly EntryFile[], cited: readonly string[]): EntryFile[] {
  const seen = new Set<string>();
  return files.filter((f) => cited.includes(f.sha256) && !seen.has(f.sha256) && seen.add(f.sha256));
}

/** A bonus, penalty or veto event with its evidence files. */
export interface AssessmentEventView extends AssessmentEvent {
  files: EntryFile[];
}

/** An appeal with its evidence files and, once upheld, the revision the decision made. */
export interface AppealView extends Appeal {
  files: EntryFile[];
  revision: number | null;
}

export async function eventViews(
  m: EntityManager,
  assessmentId: string,
  events: readonly AssessmentEvent[],
): Promise<AssessmentEventView[]> {
  const files = await evidenceFiles(
    m,
    assessmentId,
    [...new Set(events.map((e) => e.unitId))],
    [EvidencePurpose.Event],
  );
  return events.map((e) => ({
    ...e,
    files: citedFiles(
      files.filter((f) => f.unitId === e.unitId),
      e.evidence,
    ),
  }));
}

export async function appealViews(
  m: EntityManager,
  assessmentId: string,
  appeals: readonly Appeal[],
): Promise<AppealView[]> {
  if (appeals.length === 0) return [];
  const files = await evidenceFiles(
    m,
    assessmentId,
    [...new Set(appeals.map((x) => x.unitId))],
    [EvidencePurpose.Appeal],
  );
  const revisions = await m.getRepository(AssessmentRevision).find({
    where: { assessmentId, appealId: In(appeals.map((x) => x.id)) },
    select: { revision: true, appealId: true },
  });
  return appeals.map((x) => ({
    ...x,
    files: citedFiles(
      files.filter((f) => f.unitId === x.unitId),
      x.evidence,
    ),
    revision: revisions.find((r) => r.appealId === x.id)?.revision ?? null,
  }));
}
