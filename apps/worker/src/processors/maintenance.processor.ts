import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { MaintenanceJob, QueueName } from '@app/queue';
import { PeriodsService } from '@app/reporting';

/** Housekeeping that keeps tables small; safe to run any number of times. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly periods: PeriodsService,
  ) {
    super();
  }

  async process(job: Job): Promise<{ purged: number } | { plans: number }> {
    switch (job.name) {
      case MaintenanceJob.PurgeSessions:
        return this.purgeSessions();
      case MaintenanceJob.EnsurePeriods:
        return { plans: await this.periods.ensureAll() };
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  /** Refresh tokens expired or revoked more than a week ago can no longer matter. */
  private async purgeSessions(): Promise<{ purged: number }> {
    const cutoff = new Date(this.clock.now().getTime() - 7 * 86_400_000);
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM refresh_tokens WHERE expires_at < $1 OR revoked_at < $1`,
      [cutoff],
    );
    const purged = result[1] ?? 0;
    this.logger.log(`purged ${purged} old sessions`);
    return { purged };
  }
}
