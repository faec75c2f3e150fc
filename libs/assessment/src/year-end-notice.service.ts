import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import type { UnitResult } from '@app/domain';
import { getUnit } from '@app/organisation';
import { getPlan } from '@app/plans';
import { AssessmentStatus } from './entities/index.js';
import { renderOfficialDocx } from './render/document/gbt9704-docx.js';
import { type NoticeRow, yearEndNoticeDocument } from './render/year-end-notice.js';
import { YearEndService } from './year-end.service.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TIER_LABELS: Record<string, string> = {
  '1': '一类县（市、区）',
  '2': '二类县（市、区）',
  '3': '三类县（市、区）',
};

/**
 * The year-end results notice (.docx 公文) of an approved assessment, for the office to finish and
 * issue: it reads the approved revision's results, never live data.
 */
@Injectable()
export class YearEndNoticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly yearEnd: YearEndService,
  ) {}

  async notice(actor: Actor, id: string): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    if (!hasRole(actor, 'admin', 'office', 'leader'))
      throw DomainError.forbidden('只有办公室和领导可以下载考评结果通报');
    const { assessment, results } = await this.yearEnd.results(actor, id);
    if (assessment.status !== AssessmentStatus.Approved && assessment.status !== AssessmentStatus.Published)
      throw DomainError.conflict('考评结果审定后才能生成结果通报');
    const m = this.dataSource.manager;
    const [units, plan, city] = await Promise.all([
      this.yearEnd.unitsOf(actor, id),
      getPlan(m, assessment.planId),
      getUnit(m, assessment.cityId),
    ]);
    const nameOf = new Map(units.map((u) => [u.id, u.shortName]));
    const scheme = await this.yearEnd.schemeOf(actor, id);
    const top = scheme.criteria.map((c) => ({ id: c.id, label: `${c.name}（${String(c.points)}分）` }));
    const row = (r: UnitResult): NoticeRow => ({
      rank: r.rank,
      unitName: nameOf.get(r.unitId) ?? '（已撤销的单位）',
      total: r.total,
      // A top-level criterion without children (重点任务推进情况) is itself a leaf: its score is the leaf's.
      subtotals: top.map(
        (c) =>
          r.subtotals.find((s) => s.criterionId === c.id)?.score ??
          r.leaves.find((l) => l.criterionId === c.id)?.score ??
          '—',
      ),
      bonus: r.bonus.afterCap,
      penalty: r.penalties.afterCap,
      grade: r.grade,
      commended: r.commended,
      admonished: r.admonished,
      vetoed: r.vetoed,
      vetoNotes: r.vetoes.map((v) => (v.note ? `${v.name}：${v.note}` : v.name)),
    });
    const byTier = new Map<string, UnitResult[]>();
    for (const r of results) byTier.set(r.tier, [...(byTier.get(r.tier) ?? []), r]);
    const tiers = [...byTier.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([tier, rows]) => ({
        label: TIER_LABELS[tier] ?? (tier ? `${tier}类` : '市直单位'),
        rows: rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity)).map(row),
      }));
    const doc = yearEndNoticeDocument({
      schemeName: scheme.name,
      year: assessment.year,
      cityName: city.name,
      issuer: `${plan.issuingBody || '领导小组'}办公室`,
      subjectKind: assessment.subjectKind === 'county' ? 'county' : 'department',
      revision: assessment.revision,
      columns: top.map((c) => c.label),
      tiers,
      appealUntil: assessment.appealUntil?.toISOString() ?? null,
      approvedAt: (assessment.approvedAt ?? new Date()).toISOString(),
    });
    return {
      filename: `${assessment.year}年度${scheme.name}结果通报.docx`,
      mime: DOCX,
      buffer: await renderOfficialDocx(doc),
    };
  }
}
