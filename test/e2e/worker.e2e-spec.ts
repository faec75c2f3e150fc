import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, QueueEvents } from 'bullmq';
import { bullConnection, MaintenanceJob, QueueName } from '@app/queue';
import { startApi, type TestApi } from '../setup/api.js';
import { spawnWorker, waitFor, type RunningProcess } from '../setup/processes.js';
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
    await waitFor(
      async () => workers.every((w) => w.output().includes('job schedulers registered')),
      'both workers to register schedules',
    );
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.tz]).sort()).toEqual([
      ['ensure-periods-daily', 'Asia/Shanghai'],
      ['purge-sessions-daily', 'Asia/Shanghai'],
      ['sweep-evidence-hourly', 'Asia/Shanghai'],
    ]);
  });

  it('runs a job in the worker process against the database', async () => {
    await api.db.query(`
      INSERT INTO units (id, code, name, short_name, kind, path)
        VALUES ('11111111-1111-4111-8111-111111111111', 'T', 'T', 'T', 'city', '/11111111-1111-4111-8111-111111111111/');
      INSERT INTO users (id, username, password_hash, display_name, unit_id, roles)
        VALUES ('22222222-2222-4222-8222-222222222222', 't', 'x', 't', '11111111-1111-4111-8111-111111111111', '{liaison}');
      INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, created_at)
        VALUES ('22222222-2222-4222-8222-222222222222', gen_random_uuid(), repeat('a', 64), '2023-01-01', '2022-12-01'),
               ('22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', repeat('b', 64), '2023-05-01', '2023-04-09');
      INSERT INTO sessions (id, user_id, created_at, revoked_at, revoked_reason) VALUES
        ('33333333-3333-4333-8333-333333333333', '22222222-2222-4222-8222-222222222222', '2023-04-09', NULL, NULL),
        ('44444444-4444-4444-8444-444444444444', '22222222-2222-4222-8222-222222222222', '2023-01-01', '2023-01-02', 'logout'),
        ('55555555-5555-4555-8555-555555555555', '22222222-2222-4222-8222-222222222222', '2022-12-01', NULL, NULL);`);
    const job = await queue.add(MaintenanceJob.PurgeSessions, {});
    const result = await job.waitUntilFinished(events, 20_000);
    // One expired refresh token; a session ended months ago; one whose refresh tokens are all gone.
    expect(result).toEqual({ purged: 3 });
    const left = await api.db.query(`SELECT token_hash FROM refresh_tokens`);
    expect(left).toEqual([{ token_hash: 'b'.repeat(64) }]);
    expect(
      await api.db.query(`SELECT id FROM sessions WHERE user_id = '22222222-2222-4222-8222-222222222222'`),
    ).toEqual([{ id: '33333333-3333-4333-8333-333333333333' }]);
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
