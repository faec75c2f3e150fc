import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullConnection, MailJob, QueueName } from '@app/queue';
import {
  aNotificationDraft,
  aQueuedNotification,
  notificationCount,
  type NotificationFilter,
  type NotificationRow,
  notificationsWhere,
} from '../factories/notifications.js';
import { moreContactsPerAssignedUnit } from '../factories/organisation.js';
import { periodOf, planByTitle } from '../factories/plans.js';
import { aPeriod, unsubmitAll } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import { spawnWorker, waitFor, workersStarted, type RunningProcess } from '../setup/processes.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';
import { type EnqueuedJob, jobsFinished, mailQueueIdle, obliterateQueues } from '../setup/queues.js';

/** Send jobs a worker runs at once, and emails per job: a crash can leave at most their product in flight. */
const SEND_JOBS = 2;
const BATCH = 5;
const IN_FLIGHT = SEND_JOBS * BATCH;
/** Extra liaison (and leader) contacts per unit, so that a fan-out has well over 300 recipients. */
const EXTRA_CONTACTS_PER_UNIT = 12;

function fastWorkerEnv(
  api: TestApi,
  smtp: SmtpListener,
  prefix: string,
  now: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: api.databaseUrl,
    REDIS_URL: api.env.REDIS_URL,
    QUEUE_PREFIX: prefix,
    APP_NOW: now,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    NOTIFY_DISPATCH_EVERY_MS: '300',
    MAIL_CONCURRENCY: String(SEND_JOBS),
    MAIL_BATCH: String(BATCH),
    MAIL_ATTEMPTS: '10',
    MAIL_BACKOFF_MS: '100',
    // A killed worker's jobs come back after ~1.5 s instead of 30 s.
    WORKER_LOCK_MS: '1500',
    WORKER_STALLED_INTERVAL_MS: '500',
    ...extra,
  };
}

async function startWorker(env: Record<string, string>): Promise<RunningProcess> {
  const worker = spawnWorker(env);
  try {
    await workersStarted(worker, 90_000);
  } catch (error) {
    // A worker that never came up must not outlive the test (it would keep Jest from exiting).
    await worker.stop('SIGKILL');
    throw error;
  }
  return worker;
}

/** The March 2023 period of the Ganzhou plan (due Thursday 2023-04-06 17:00 Shanghai), and many contacts per unit. */
async function prepare(api: TestApi): Promise<{ periodId: string; planId: string }> {
  const planId = await planByTitle(api.db, '2023年赣州');
  const periodId = await aPeriod(api.db, {
    planId,
    year: 2023,
    month: 3,
    opensOn: '2023-03-01',
    dueDate: '2023-04-06',
    deadline: '2023-04-06T17:00:00+08:00',
  });
  // Nothing of March submitted yet: every unit with an assignment owes something.
  await unsubmitAll(api.db, periodId);
  await moreContactsPerAssignedUnit(api.db, planId, EXTRA_CONTACTS_PER_UNIT);
  return { periodId, planId };
}

/** Every row of `kind` sent and every one of them received; returns the rows. */
async function everySent(
  api: TestApi,
  smtp: SmtpListener,
  where: NotificationFilter,
  timeoutMs = 120_000,
): Promise<NotificationRow[]> {
  return waitFor(
    async () => {
      const rows = await notificationsWhere(api.db, where);
      const received = smtp.byMessageId();
      return rows.length > 0 && rows.every((r) => r.status === 'sent' && received.has(r.message_id as string))
        ? rows
        : null;
    },
    `every notification where ${JSON.stringify(where)} to be sent and received`,
    timeoutMs,
  );
}

/** Message-IDs among `rows` the listener accepted more than once. */
function duplicates(
  smtp: SmtpListener,
  rows: NotificationRow[],
): { messageId: string; copies: number; recipients: string[] }[] {
  const received = smtp.byMessageId();
  return rows
    .map((r) => ({
      messageId: r.message_id as string,
      copies: received.get(r.message_id as string)?.length ?? 0,
      recipients: [...new Set(received.get(r.message_id as string)?.flatMap((m) => m.to))],
    }))
    .filter((d) => d.copies > 1);
}

// Each case starts worker processes and waits for hundreds of messages: generous per-test time, so
// that only a real fault fails it when the machine is busy.
jest.setTimeout(240_000);

describe('reliability: crashes, a flaky mail server, two workers', () => {
  let api: TestApi;
  let smtp: SmtpListener;
  let periodId: string;
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
  const workers: RunningProcess[] = [];
  const run = async (name: string): Promise<EnqueuedJob> => {
    const res = await api
      .http()
      .post(`/api/admin/schedules/${name}/run`)
      .set('Authorization', await api.login('platform'));
    expect(res.status).toBe(202);
    return { queue: res.body.queue, jobId: res.body.jobId };
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    api = await startApi({ now: '2023-04-03T09:00:00+08:00', env: { QUEUE_PREFIX: prefix } });
    ({ periodId } = await prepare(api));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await api.close();
    await smtp.close();
  });

  it('SIGKILL mid 300+ recipient fan-out: after a restart everyone has the reminder, only what was in flight resent, same Message-ID', async () => {
    smtp.setDelay(25);
    const env = fastWorkerEnv(api, smtp, prefix, '2023-04-03T09:00:00+08:00');
    const first = await startWorker(env);
    workers.push(first);
    await run('reminders-tick');
    await waitFor(async () => smtp.messages.length >= 100, 'a hundred messages to arrive', 90_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = smtp.messages.length;
    const total = await notificationCount(api.db, { kind: 'reminder', periodId });
    expect(total).toBeGreaterThan(300);
    expect(atKill).toBeLessThan(total);

    smtp.setDelay(0);
    workers.push(await startWorker(env));
    const sent = await everySent(api, smtp, { kind: 'reminder', periodId });
    expect(sent).toHaveLength(total);
    const doubled = duplicates(smtp, sent);
    expect(doubled.length).toBeLessThanOrEqual(IN_FLIGHT);
    for (const d of doubled) {
      expect(d.copies).toBe(2);
      expect(d.recipients).toHaveLength(1);
    }
    // Each recipient got exactly one distinct message (one Message-ID), however many copies of it.
    // (Nanchang's demo plan sends its own reminders on the same tick; only this period's are counted.)
    const ids = new Set(sent.map((r) => r.message_id as string));
    const perRecipient = new Map<string, Set<string>>();
    for (const m of smtp.messages.filter((x) => ids.has(x.messageId)))
      for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? new Set()).add(m.messageId));
    expect([...perRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(perRecipient.size).toBe(new Set(sent.map((r) => (r.recipient_email as string).toLowerCase())).size);
    await workers.pop()!.stop('SIGTERM');
  });

  it('two worker processes on the same schedule send each message once', async () => {
    const before = smtp.messages.length;
    const env = fastWorkerEnv(api, smtp, prefix, '2023-04-05T09:00:00+08:00'); // D-1
    const [a, b] = await Promise.all([startWorker(env), startWorker(env)]);
    workers.push(a, b);
    const ticks = await Promise.all([run('reminders-tick'), run('reminders-tick'), run('reminders-tick')]);
    const sent = await everySent(api, smtp, { kind: 'reminder', periodId, keySuffix: '|D-1' });
    expect(sent.length).toBeGreaterThan(300);
    // Settled: the ticks are done and no send is queued, running or retrying, so no late copy can come.
    await jobsFinished(api.env.REDIS_URL, prefix, ticks);
    await mailQueueIdle(api.env.REDIS_URL, prefix);
    // Every message that arrived since the workers started is unique, this period's and the other city's alike.
    const arrived = smtp.messages.slice(before).map((m) => m.messageId);
    expect(new Set(arrived).size).toBe(arrived.length);
    const ids = new Set(sent.map((r) => r.message_id as string));
    expect(arrived.filter((id) => ids.has(id))).toHaveLength(sent.length);
    expect(duplicates(smtp, sent)).toEqual([]);
    await Promise.all([workers.pop()!.stop('SIGTERM'), workers.pop()!.stop('SIGTERM')]);
  });

  it('SIGTERM in the middle of sending finishes the jobs in flight: no message is sent twice', async () => {
    smtp.setDelay(25);
    const before = smtp.messages.length;
    const env = fastWorkerEnv(api, smtp, prefix, '2023-04-07T09:00:00+08:00'); // D+1: escalations to leaders
    const first = await startWorker(env);
    workers.push(first);
    await run('reminders-tick');
    await waitFor(async () => smtp.messages.length - before >= 80, 'escalations to start arriving', 90_000);
    expect(await first.stop('SIGTERM')).toBe(0);
    workers.pop();
    expect(first.output()).toContain('workers drained');
    smtp.setDelay(0);
    workers.push(await startWorker(env));
    const sent = await everySent(api, smtp, { kind: 'escalation', periodId });
    expect(sent.length).toBeGreaterThan(300);
    expect(duplicates(smtp, sent)).toEqual([]);
    await workers.pop()!.stop('SIGTERM');
  });

  it('a mail server answering 421/451 for a while: every message goes out once it recovers, none twice', async () => {
    const env = fastWorkerEnv(api, smtp, prefix, '2023-04-07T09:00:00+08:00');
    workers.push(await startWorker(env));
    const refusalsBefore = smtp.refusals;
    smtp.failFor(2_000, [421, 451]);
    const chase = await api
      .http()
      .post('/api/notifications/chase')
      .set('Authorization', await api.login('office'))
      .send({ periodId })
      .expect(201);
    expect(chase.body.notifications).toBeGreaterThan(300);
    const sent = await everySent(api, smtp, { kind: 'reminder', manual: true });
    expect(sent).toHaveLength(chase.body.notifications);
    expect(smtp.refusals - refusalsBefore).toBeGreaterThan(0);
    expect(duplicates(smtp, sent)).toEqual([]);
    expect(await notificationCount(api.db, { manual: true, retried: true })).toBeGreaterThan(0);
    expect(await notificationCount(api.db, { notStatus: 'sent' })).toBe(0);
    await workers.pop()!.stop('SIGTERM');
  });

  it('a send job queued before batches (one notification id) is sent once; a job naming no row fails at once', async () => {
    workers.push(await startWorker(fastWorkerEnv(api, smtp, prefix, '2023-04-07T09:00:00+08:00')));
    const draft = aNotificationDraft({ recipientEmail: 'legacy-job@example.com' });
    // Queued as an older worker queued it: after the start-up requeue, so the dispatcher leaves the row to this job.
    const id = await aQueuedNotification(api.db, draft);
    const queue = new Queue(QueueName.Mail, { connection: bullConnection(api.env.REDIS_URL), prefix });
    try {
      await queue.add(MailJob.Send, { notificationId: id }, { jobId: id, attempts: 3 });
      const bad = await queue.add(MailJob.Send, { notificationIds: ["x'; --", id] }, { attempts: 3 });
      await everySent(api, smtp, { id });
      const failed = await waitFor(async () => {
        const job = await queue.getJob(bad.id!);
        return (await job?.getState()) === 'failed' ? job : null;
      }, 'the job naming no row to fail');
      expect(failed!.attemptsMade).toBe(1);
      expect(failed!.failedReason).toContain('bad mail job');
      expect(smtp.byMessageId().get(draft.messageId)).toHaveLength(1);
    } finally {
      await queue.close();
    }
    await workers.pop()!.stop('SIGTERM');
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server of this test's own, without persistence: a restart comes back empty. */
async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await waitFor(async () => {
    const client = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    // Refused connections are expected while the server starts; connect() reports them.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }, `redis-server on port ${port}`);
  return child;
}

async function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('reliability: a Redis restart', () => {
  let api: TestApi;
  let smtp: SmtpListener;
  let redis: ChildProcess;
  let port: number;
  let worker: RunningProcess | null = null;
  const prefix = `kc-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    smtp = await startSmtp();
    api = await startApi({
      now: '2023-04-03T09:00:00+08:00',
      env: { QUEUE_PREFIX: prefix, REDIS_URL: `redis://127.0.0.1:${port}/0` },
    });
    await prepare(api);
  });
  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await api.close();
    await stopRedisServer(redis);
    await smtp.close();
  });

  it('the API keeps answering and creating notifications while Redis is down; the worker sends them when it is back', async () => {
    worker = await startWorker(fastWorkerEnv(api, smtp, prefix, '2023-04-03T08:00:00+08:00'));
    const office = await api.login('office');
    const platform = await api.login('platform');
    const periodId = await periodOf(api.db, await planByTitle(api.db, '2023年赣州'), 2023, 3);

    await stopRedisServer(redis);
    const health = await api.http().get('/health');
    expect(health.status).toBe(503);
    expect(health.body.redis).toBe('down');
    await api.http().get('/api/notifications').set('Authorization', office).expect(200);
    const chase = await api
      .http()
      .post('/api/notifications/chase')
      .set('Authorization', office)
      .send({ periodId })
      .expect(201);
    expect(chase.body.notifications).toBeGreaterThan(300);
    expect(await notificationCount(api.db, { status: 'pending', notEnqueued: true })).toBe(chase.body.notifications);
    const runNow = await api.http().post('/api/admin/schedules/dispatch/run').set('Authorization', platform);
    expect(runNow.status).toBe(503);
    expect(runNow.body).toMatchObject({ statusCode: 503, message: expect.stringContaining('Redis') });

    redis = await startRedisServer(port); // comes back empty: no schedulers, no jobs
    const sent = await everySent(api, smtp, { kind: 'reminder' }, 120_000);
    expect(sent).toHaveLength(chase.body.notifications);
    expect(duplicates(smtp, sent)).toEqual([]);
    const q = new Queue(QueueName.Reminders, { connection: bullConnection(api.env.REDIS_URL), prefix });
    expect((await q.getJobSchedulers()).map((s) => s.key).sort()).toEqual([
      'daily-digest',
      'fund-lag-monthly',
      'nudges',
      'reminders-tick',
      'weekly-digest',
    ]);
    await q.close();
    await api.http().get('/health').expect(200);
    expect(await worker.stop('SIGTERM')).toBe(0);
    worker = null;
  });
});
