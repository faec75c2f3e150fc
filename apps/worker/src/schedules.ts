import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppEnv } from '@app/config';
import { MaintenanceJob, QueueName } from '@app/queue';

/**
 * Recurring work, registered with `upsertJobScheduler` at every worker start: the scheduler id
 * makes it idempotent, so any number of workers yield one schedule and one run per tick.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedules.name);

  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly maintenance: Queue,
    private readonly env: AppEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      'purge-sessions-daily',
      { pattern: '0 30 3 * * *', tz: this.env.APP_TIMEZONE },
      { name: MaintenanceJob.PurgeSessions, data: {} },
    );
    this.logger.log(`job schedulers registered (time zone ${this.env.APP_TIMEZONE})`);
  }
}
