import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { type ScoringOutcome, ScoringRunsService } from '@app/assessment';
import { readNotificationOptions } from '@app/notifications';
import { QueueName, ScoringJob, type ScoringPayloads } from '@app/queue';

const options = readNotificationOptions();

/** Year-end results: one job per scoring run; a run computed once stays computed, however often its job runs. */
@Processor(QueueName.Scoring, {
  concurrency: 1,
  lockDuration: options.lockDurationMs,
  stalledInterval: options.stalledIntervalMs,
})
export class ScoringProcessor extends WorkerHost {
  constructor(private readonly runs: ScoringRunsService) {
    super();
  }

  async process(job: Job<ScoringPayloads[typeof ScoringJob.Score]>): Promise<ScoringOutcome> {
    if (job.name !== ScoringJob.Score) throw new UnrecoverableError(`unknown job ${job.name}`);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.runs.run(job.data.runId, job.data.assessmentId, lastAttempt);
  }
}
