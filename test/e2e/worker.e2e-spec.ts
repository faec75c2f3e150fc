import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, QueueEvents } from 'bullmq';
import { bullConnection, MaintenanceJob, QueueName } from '@app/queue';
import { PURGE_SCENARIO, refreshTokenHashes, sessionsDueForPurge, sessionsOf } from '../factories/identity.js';
import { startApi, type TestApi } from '../setup/api.js';
import { spawnWorker, workersStarted, type RunningProcess } from '../setup/processes.js';
import { obliterateQueues } from '../setup/queues.js';

describe('worker process', () => {
  let api: TestApi;
  let queue: Queue;
  let events: QueueEvents;
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    api = await startApi({ demo: false });
    const connection = bullConnection(api.env.REDIS_URL);
    queue = new Queue(QueueName.Maintenance, { connection, prefix });
    events = new QueueEvents(QueueName.Maintenance, { connection, prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    // The spawned workers registered every queue's schedulers under this run's prefix: remove them all.
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await queue.close();
    await events.close();
    await api.close();
  });

  const env = () => ({
    DATABASE_URL: api.databaseUrl,
    REDIS_URL: api.env.REDIS_URL,
    QUEUE_PREFIX: prefix,
    APP_NOW: '2023-04-10T09:00:00+08:00',
  });

  it('registers each schedule once however many workers start', async () => {
    workers.push(spawnWorker(env()), spawnWorker(env()));
    await workersStarted(workers);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.tz]).sort()).toEqual([
      ['ensure-periods-daily', 'Asia/Shanghai'],
      ['purge-sessions-daily', 'Asia/Shanghai'],
      ['sweep-evidence-hourly', 'Asia/Shanghai'],
    ]);
  });

  it('runs a job in the worker process against the database', async () => {
    await sessionsDueForPurge(api.db);
    const job = await queue.add(MaintenanceJob.PurgeSessions, {});
    const result = await job.waitUntilFinished(events, 20_000);
    // One expired refresh token; a session ended months ago; one whose refresh tokens are all gone.
    expect(result).toEqual({ purged: 3 });
    expect(await refreshTokenHashes(api.db)).toEqual([{ token_hash: PURGE_SCENARIO.liveTokenHash }]);
    expect(await sessionsOf(api.db, PURGE_SCENARIO.userId)).toEqual([{ id: PURGE_SCENARIO.liveSessionId }]);
  });

  it('fails a job it does not know without retrying, keeping the error', async () => {
    const job = await queue.add('no-such-job', {});
    await expect(job.waitUntilFinished(events, 20_000)).rejects.toThrow('unknown job no-such-job');
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toContain('unknown job');
  });

  it('stops gracefully on SIGTERM', async () => {
    const codes = await Promise.all(workers.splice(0).map((w) => w.stop('SIGTERM')));
    expect(codes).toEqual([0, 0]);
  });
});
