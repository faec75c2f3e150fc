import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { QuarterlyRankingService } from '@app/assessment';
import { QueueName, RankingsJob } from '@app/queue';

/** Publishes quarterly bulletins; publishing a quarter twice returns what was published. */
@Processor(QueueName.Rankings, { concurrency: 1 })
export class RankingsProcessor extends WorkerHost {
  constructor(private readonly rankings: QuarterlyRankingService) {
    super();
  }

  async process(job: Job): Promise<object> {
    if (job.name !== RankingsJob.PublishDue) throw new UnrecoverableError(`unknown job ${job.name}`);
    return this.rankings.publishDue();
  }
}
