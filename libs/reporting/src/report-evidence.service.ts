import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { Clock } from '@app/config';
import { getUnit, type Unit } from '@app/organisation';
import { EvidenceFile, ReportEvidence } from './entities/evidence.entity.js';
import { Report, ReportStatus } from './entities/report.entity.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';
import { isPreviewable } from './evidence-kinds.js';
import { linkStaged } from './evidence-link.js';
import { EvidenceStore, type OpenedEvidence, type RangeChoice, type StagedEvidence } from './evidence-store.js';
import { assertCanWrite, canRead } from './report-access.js';
import { type ReportView, ReportsService } from './reports.service.js';

type Change = '添加' | '删除';

/** An evidence file to send: its stored bytes (or a range of them), with the name and type it is sent as. */
export interface EvidenceFileContent extends OpenedEvidence {
  filename: string;
  mime: string;
}

/**
 * Evidence files of monthly reports. Who may read a report may download its files; who may write
 * it may add and remove them while it can be edited (a draft or a returned report in an open
 * month). Removing only unlinks: the file goes with the next sweep once nothing references it.
 */
@Injectable()
export class ReportEvidenceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: EvidenceStore,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  /** Throws unless the actor may add files to the report now; run before a byte is received. */
  async assertMayAttach(actor: Actor, reportId: string): Promise<void> {
    await this.editable(this.dataSource.manager, actor, reportId, '添加');
  }

  /** Links staged bytes to the report (linkStaged: the staged upload is used up either way). */
  async attach(
    actor: Actor,
    reportId: string,
    upload: { staged: StagedEvidence; filename: string },
  ): Promise<ReportView> {
    await linkStaged(this.dataSource, this.store, upload, () => this.clock.now(), {
      // The report may have been submitted while the bytes arrived.
      authorise: (m) => this.editable(m, actor, reportId, '添加', true),
      link: async (m, { sha256, filename, uploadedAt }) => {
        await m
          .getRepository(ReportEvidence)
          .save({ reportId, sha256, filename, uploadedByUserId: actor.userId, uploadedAt });
      },
    });
    return this.reports.get(actor, reportId);
  }

  async detach(actor: Actor, reportId: string, sha256: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.editable(m, actor, reportId, '删除', true);
      const links = m.getRepository(ReportEvidence);
      const link = await links.findOne({ where: { reportId, sha256 } });
      if (!link) throw DomainError.notFound('附件');
      await links.remove(link);
    });
  }

  /** The file (or the part `range` picks), only for those who may read the report. */
  async open(actor: Actor, reportId: string, sha256: string, range?: RangeChoice): Promise<EvidenceFileContent> {
    return this.openFile(actor, reportId, sha256, false, range);
  }

  /** The file to show in the page: only PDF and images (isPreviewable); anything else is refused before it is read. */
  async preview(actor: Actor, reportId: string, sha256: string, range?: RangeChoice): Promise<EvidenceFileContent> {
    return this.openFile(actor, reportId, sha256, true, range);
  }

  private async openFile(
    actor: Actor,
    reportId: string,
    sha256: string,
    preview: boolean,
    range: RangeChoice | undefined,
  ): Promise<EvidenceFileContent> {
    const m = this.dataSource.manager;
    await this.readable(m, actor, reportId);
    const link = await m.getRepository(ReportEvidence).findOne({ where: { reportId, sha256 } });
    const file = await m.getRepository(EvidenceFile).findOne({ where: { sha256 } });
    if (!link || !file) throw DomainError.notFound('附件');
    if (preview && !isPreviewable(file.mime))
      throw DomainError.conflict('该类型的附件不能在线预览，请下载后查看', [{ field: 'sha256', reason: file.mime }]);
    const stored = await this.store.open(sha256, range);
    if (!stored) throw DomainError.notFound('附件');
    return { filename: link.filename, mime: file.mime, ...stored };
  }

  private async readable(
    m: EntityManager,
    actor: Actor,
    reportId: string,
    lock = false,
  ): Promise<{ report: Report; unit: Unit }> {
    const report = await m
      .getRepository(Report)
      .findOne({ where: { id: reportId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!report) throw DomainError.notFound('报告');
    const unit = await getUnit(m, report.unitId, { withDeleted: true });
    if (!canRead(actor, unit)) throw DomainError.notFound('报告');
    return { report, unit };
  }

  /** The rules of editing a report (ReportsService.saveDraft): the writer's scope, the status, the open month. */
  private async editable(
    m: EntityManager,
    actor: Actor,
    reportId: string,
    change: Change,
    lock = false,
  ): Promise<void> {
    const { report, unit } = await this.readable(m, actor, reportId, lock);
    assertCanWrite(actor, unit);
    if (report.status === ReportStatus.Submitted)
      throw DomainError.conflict(`报告已提交，如需${change}附件请联系办公室退回`);
    if (report.status === ReportStatus.Accepted) throw DomainError.conflict(`报告已通过审核，不能${change}附件`);
    const period = await m.getRepository(ReportingPeriod).findOneOrFail({ where: { id: report.periodId } });
    await this.reports.assertOpen(m, period, unit.id);
  }
}
