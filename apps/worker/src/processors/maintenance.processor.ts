import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
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

  /**
   * Refresh tokens expired or revoked more than a week ago can no longer matter; nor can a session
   * ended a week ago, or one whose last refresh token is gone (it has been dead for over a week),
   * nor a queue-board pass past its lifetime. Counts the refresh tokens and sessions removed.
   */
  private async purgeSessions(): Promise<{ purged: number }> {
    const cutoff = new Date(this.clock.now().getTime() - 7 * 86_400_000);
    const tokens: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM refresh_tokens WHERE expires_at < $1 OR revoked_at < $1`,
      [cutoff],
    );
    await this.dataSource.query(`DELETE FROM queue_board_passes WHERE expires_at < $1`, [cutoff]);
    const sessions: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM sessions s WHERE s.revoked_at < $1
          OR (s.created_at < $1 AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = s.id))`,
      [cutoff],
    );
    const purged = (tokens[1] ?? 0) + (sessions[1] ?? 0);
    this.logger.log(`purged ${purged} old sessions`);
    return { purged };
  }
}
