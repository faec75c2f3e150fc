import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { purgeSessions } from '@app/identity';
import { MaintenanceJob, QueueName } from '@app/queue';
import { EvidenceSweep, type EvidenceSweepResult, PeriodsService } from '@app/reporting';

/** Housekeeping that keeps tables small; safe to run any number of times. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly periods: PeriodsService,
    private readonly evidence: EvidenceSweep,
  ) {
    super();
  }

  async process(job: Job): Promise<{ purged: number } | { plans: number } | EvidenceSweepResult> {
    switch (job.name) {
      case MaintenanceJob.PurgeSessions:
        return this.purgeSessions();
      case MaintenanceJob.EnsurePeriods:
        return { plans: await this.periods.ensureAll() };
      case MaintenanceJob.SweepEvidence:
        return this.evidence.run();
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  /** Sessions and tokens dead for a week can no longer matter (see purgeSessions). */
  private async purgeSessions(): Promise<{ purged: number }> {
    const cutoff = new Date(this.clock.now().getTime() - 7 * 86_400_000);
    const purged = await purgeSessions(this.dataSource.manager, cutoff);
    this.logger.log(`purged ${purged} old sessions`);
    return { purged };
  }
}
