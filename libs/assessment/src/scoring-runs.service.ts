import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Queue, UnrecoverableError } from 'bullmq';
import { DataSource, In } from 'typeorm';
import { QueueName, ScoringJob, type ScoringPayloads } from '@app/queue';
import { DomainError, requestContext } from '@app/common';
import { ScoringRun, ScoringRunStatus } from './entities/assessment.entity.js';
import { YearEndService } from './year-end.service.js';

/** What one scoring job did: computed a revision, found it already there, or found no run (the request rolled back). */
export type ScoringOutcome =
  | { runId: string; outcome: 'computed'; revision: number; units: number }
  | { runId: string; outcome: 'already'; status: ScoringRunStatus }
  | { runId: string; outcome: 'no-run' };

/**
 * The worker's side of year-end scoring. A run is started in one short transaction (attempts counted, so the office
 * sees a retry) and computed in a second, which stores the revision, its notices and the run's end together: a
 * worker killed in between leaves the run `running`, and the job, back from BullMQ's stalled check, computes it
 * again from the start. Data the engine refuses fails the run for good; anything else is retried.
 */
@Injectable()
export class ScoringRunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly yearEnd: YearEndService,
    @InjectQueue(QueueName.Scoring) private readonly queue: Queue<ScoringPayloads[typeof ScoringJob.Score]>,
  ) {}

  /**
   * Offers every unfinished run to the queue again (a worker starting): a job Redis lost is added back, one still
   * there is left alone, as the job id is the run's.
   */
  async reconcile(): Promise<number> {
    const pending = await this.dataSource.getRepository(ScoringRun).find({
      where: { status: In([ScoringRunStatus.Queued, ScoringRunStatus.Running]) },
      select: { id: true, assessmentId: true },
    });
    for (const run of pending)
      await this.queue.add(ScoringJob.Score, { runId: run.id, assessmentId: run.assessmentId }, { jobId: run.id });
    return pending.length;
  }

  /** `lastAttempt`: the queue will not try again, so a failure of any kind ends the run as failed, visibly. */
  async run(runId: string, assessmentId: string, lastAttempt = false): Promise<ScoringOutcome> {
    const started = await this.dataSource.transaction(async (m) => {
      // The request that asked for the run holds the assessment's row until it commits: wait for it.
      await m.query(`SELECT 1 FROM assessments WHERE id = $1 FOR UPDATE`, [assessmentId]);
      const run = await m
        .getRepository(ScoringRun)
        .findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.status === ScoringRunStatus.Done || run.status === ScoringRunStatus.Failed) return run;
      run.status = ScoringRunStatus.Running;
      run.attempts += 1;
      return m.getRepository(ScoringRun).save(run);
    });
    if (!started) return { runId, outcome: 'no-run' };
    if (started.status !== ScoringRunStatus.Running) return { runId, outcome: 'already', status: started.status };
    const context = {
      requestId: `scoring:${runId}`,
      actorUserId: started.requestedByUserId,
      actorName: started.requestedByName,
      reason: started.reason || undefined,
    };
    try {
      const computed = await requestContext.run(context, () =>
        this.dataSource.transaction((m) => this.yearEnd.completeRun(m, started)),
      );
      return { runId, outcome: 'computed', ...computed };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        if (lastAttempt)
          await this.dataSource.transaction((m) =>
            this.yearEnd.failRun(m, started, `计算失败：${error instanceof Error ? error.message : String(error)}`),
          );
        throw error;
      }
      const detail = error.details.map((d) => `${d.field}：${d.reason}`).join('；');
      await this.dataSource.transaction((m) =>
        this.yearEnd.failRun(m, started, detail ? `${error.message}（${detail}）` : error.message),
      );
      throw new UnrecoverableError(error.message);
    }
  }
}
