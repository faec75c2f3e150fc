import { Queue } from 'bullmq';
import { bullConnection, QueueName } from '@app/queue';

/**
 * Removes every queue's jobs and schedulers under a test's own prefix: the workers a spec spawned
 * registered them all, and they would otherwise linger in the shared Redis database.
 */
export async function obliterateQueues(redisUrl: string, prefix: string): Promise<void> {
  await Promise.all(
    Object.values(QueueName).map(async (name) => {
      const queue = new Queue(name, { connection: bullConnection(redisUrl), prefix });
      queue.on('error', () => undefined);
      try {
        await queue.obliterate({ force: true });
      } finally {
        await queue.close();
      }
    }),
  );
}

/** A job the API enqueued (the answer of `POST /api/admin/schedules/:name/run`). */
export interface EnqueuedJob {
  queue: string;
  jobId: string;
}

/**
 * Waits until every job has finished, so that a "nothing more happened" check looks at a settled
 * system instead of sleeping and hoping. A failed job fails the wait with its reason.
 */
export async function jobsFinished(
  redisUrl: string,
  prefix: string,
  jobs: EnqueuedJob[],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const queues = new Map<string, Queue>();
  try {
    for (const { queue: name, jobId } of jobs) {
      const queue =
        queues.get(name) ??
        queues.set(name, new Queue(name, { connection: bullConnection(redisUrl), prefix })).get(name)!;
      for (;;) {
        const job = await queue.getJob(jobId);
        const state = job ? await job.getState() : 'missing';
        if (state === 'completed') break;
        if (state === 'failed') throw new Error(`job ${name}/${jobId} failed: ${job?.failedReason}`);
        if (Date.now() > deadline) throw new Error(`job ${name}/${jobId} still ${state} after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
  }
}

/** Waits until the mail queue holds no job waiting, running or waiting to retry: every send has ended. */
export async function mailQueueIdle(redisUrl: string, prefix: string, timeoutMs = 60_000): Promise<void> {
  const queue = new Queue(QueueName.Mail, { connection: bullConnection(redisUrl), prefix });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > deadline)
        throw new Error(`mail queue not idle after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await queue.close();
  }
}
