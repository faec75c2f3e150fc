import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ScoringRunsService } from '@app/assessment';
import { AppEnv } from '@app/config';
import {
  ChannelDispatchService,
  DispatchService,
  NOTIFICATION_OPTIONS,
  type NotificationOptions,
} from '@app/notifications';
import { QueueName, scheduleCatalogue, ScheduleName } from '@app/queue';

/** Finished runs of a recurring job kept for the queue board; failed ones are kept longer. */
const KEEP_COMPLETED = { count: 200 };
const KEEP_FAILED = { age: 30 * 86_400, count: 1_000 };

/**
 * Recurring work, registered with `upsertJobScheduler` at every worker start: the scheduler id
 * makes it idempotent, so any number of workers yield one schedule and one run per tick.
 *
 * Redis may come back empty after a restart (no persistence): when a connection becomes ready
 * again the schedulers are registered again and pending notifications are offered to the
 * dispatcher again (enqueueing an id that is still queued is a no-op), so nothing is lost.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private readonly queues: Record<QueueName, Queue>;
  private stopping = false;

  constructor(
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.MailDispatch) dispatch: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Rankings) rankings: Queue,
    @InjectQueue(QueueName.ChannelPosts) channelPosts: Queue,
    @InjectQueue(QueueName.Scoring) scoring: Queue,
    private readonly env: AppEnv,
    private readonly dispatcher: DispatchService,
    private readonly channelDispatcher: ChannelDispatchService,
    private readonly scoringRuns: ScoringRunsService,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
  ) {
    this.queues = {
      [QueueName.Maintenance]: maintenance,
      [QueueName.Reminders]: reminders,
      [QueueName.MailDispatch]: dispatch,
      [QueueName.Mail]: mail,
      [QueueName.Rankings]: rankings,
      [QueueName.ChannelPosts]: channelPosts,
      [QueueName.Scoring]: scoring,
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.register();
    const requeued = (await this.dispatcher.reconcile()) + (await this.channelDispatcher.reconcile());
    if (requeued > 0) this.logger.log(`${requeued} pending notifications offered to the dispatcher again`);
    const runs = await this.scoringRuns.reconcile();
    if (runs > 0) this.logger.log(`${runs} pending scoring runs offered to the scoring queue again`);
    const queue = this.queues[QueueName.MailDispatch];
    await queue.waitUntilReady();
    queue.getBackend().on('ready', () => {
      if (this.stopping) return;
      this.logger.warn('Redis connection is back: registering schedules again');
      this.register()
        .then(() => Promise.all([this.dispatcher.reconcile(), this.channelDispatcher.reconcile()]))
        .catch((error: unknown) => this.logger.error(`re-registering after reconnect failed: ${String(error)}`));
    });
    this.logger.log(`job schedulers registered (time zone ${this.env.APP_TIMEZONE})`);
  }

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  private async register(): Promise<void> {
    for (const [id, def] of Object.entries(scheduleCatalogue(this.options.dispatchEveryMs))) {
      // The tick is idempotent (its run is claimed in PostgreSQL), so an extra run at start is harmless.
      const immediately = id === ScheduleName.RemindersTick && this.options.tickOnStart;
      const repeat =
        'pattern' in def.repeat
          ? { pattern: def.repeat.pattern, tz: this.env.APP_TIMEZONE, ...(immediately ? { immediately } : {}) }
          : { every: def.repeat.everyMs };
      await this.queues[def.queue].upsertJobScheduler(id, repeat, {
        name: def.job,
        data: {},
        opts: { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
      });
    }
  }
}
