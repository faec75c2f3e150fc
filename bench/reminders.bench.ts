import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { readMailOptions } from '@app/mail';
import { bullConnection, QueueName, RemindersJob } from '@app/queue';
import { startSmtp } from '../test/setup/smtp.js';
import { cpuMs, peakRssMb } from './support.js';

/**
 * Reminder throughput: one reminder tick fanning out to 10,000 liaisons (the Ganzhou plan's
 * March 2023 period, D-3), written to PostgreSQL, dispatched and sent by one worker process to a
 * local SMTP listener through the pooled transport; no Message-ID may arrive twice. The floor, in
 * the same run: nodemailer's pooled transport sending the same messages to the same listener.
 * Last line: `ratio` = the platform's messages/s ÷ the floor's (aim ≥ 0.5). Run with `bash scripts/bench.sh bench/reminders.bench.ts` (or set
 * BENCH_PG_URL and REDIS_URL yourself).
 */
const RECIPIENTS = 10_000;
const DB = 'kechuang_bench_reminders';

async function freshDemoDatabase(server: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB}"`);
  await admin.end();
  const url = `${server}/${DB}`;
  const env = { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', APP_NOW: '2023-04-10T09:00:00+08:00' };
  for (const script of ['libs/persistence/src/cli/migrate.ts', 'libs/demo/src/cli/load-demo.ts']) {
    execFileSync(process.execPath, ['--import', './scripts/ts-loader.mjs', script], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return url;
}

async function main(): Promise<void> {
  const server = process.env.BENCH_PG_URL;
  if (!server) throw new Error('BENCH_PG_URL is not set: run through scripts/bench.sh');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/14';
  const prefix = `kc-bench-${randomBytes(4).toString('hex')}`;
  const databaseUrl = await freshDemoDatabase(server);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  // The March period, and exactly RECIPIENTS liaisons spread over the units that owe reports.
  const {
    rows: [plan],
  } = await db.query(`SELECT id FROM plans WHERE title LIKE '2023年赣州%'`);
  const {
    rows: [period],
  } = await db.query(
    `INSERT INTO reporting_periods (plan_id, year, month, opens_on, due_date, deadline)
     VALUES ($1, 2023, 3, '2023-03-01', '2023-04-06', '2023-04-06T17:00:00+08:00')
     ON CONFLICT (plan_id, year, month) DO UPDATE SET deadline = EXCLUDED.deadline RETURNING id`,
    [plan.id],
  );
  await db.query(`UPDATE contacts SET active = false WHERE role = 'liaison'`);
  await db.query(
    `UPDATE reports SET status = 'draft', first_submitted_at = NULL, submitted_at = NULL, late = NULL WHERE period_id = $1`,
    [period.id],
  );
  await db.query(
    `WITH units AS (SELECT unit_id, row_number() OVER (ORDER BY unit_id) - 1 AS k, count(*) OVER () AS n
                    FROM (SELECT DISTINCT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = $1 AND a.active) x)
     INSERT INTO contacts (unit_id, name, email, role)
     SELECT u.unit_id, '联络员' || i, 'liaison' || i || '@bench.example.com', 'liaison'
     FROM generate_series(0, $2 - 1) i JOIN units u ON u.k = i % u.n`,
    [plan.id, RECIPIENTS],
  );

  const smtp = await startSmtp();
  // BENCH_WORKER_NODE_ARGS: extra node flags for the worker, e.g. `--cpu-prof --cpu-prof-dir=…` to profile it.
  const extra = process.env.BENCH_WORKER_NODE_ARGS ? process.env.BENCH_WORKER_NODE_ARGS.split(' ') : [];
  const worker = spawn(process.execPath, [...extra, '--import', './scripts/ts-loader.mjs', 'apps/worker/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      APP_NOW: '2023-04-03T09:00:00+08:00',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      LOG_LEVEL: 'info',
      NOTIFY_DISPATCH_EVERY_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  worker.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!log.includes('job schedulers registered')) {
    if (Date.now() > deadline || worker.exitCode !== null)
      throw new Error(`worker did not start:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const queue = new Queue(QueueName.Reminders, { connection: bullConnection(redisUrl), prefix });
  const started = performance.now();
  const cpuAtStart = cpuMs(worker.pid!);
  await queue.add(RemindersJob.Tick, {});
  let rowsAt = 0;
  for (;;) {
    const elapsed = performance.now() - started;
    if (!rowsAt) {
      const {
        rows: [{ n }],
      } = await db.query(`SELECT count(*)::int AS n FROM notifications`);
      if (n >= RECIPIENTS) rowsAt = elapsed;
    }
    if (smtp.byMessageId().size >= RECIPIENTS || elapsed > 180_000) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 1000)); // anything sent twice would arrive now
  const {
    rows: [counts],
  } = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notifications`,
  );
  const distinct = smtp.byMessageId().size;
  const doubled = smtp.messages.length - distinct;
  const workerPeakMb = peakRssMb(worker.pid!);
  const workerCpuMs = cpuMs(worker.pid!) - cpuAtStart;
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  for (const name of [QueueName.Mail, QueueName.MailDispatch, QueueName.Maintenance]) {
    const q = new Queue(name, { connection: bullConnection(redisUrl), prefix });
    await q.obliterate({ force: true }).catch(() => undefined);
    await q.close();
  }

  // The floor: the same messages through nodemailer's pooled transport with the worker's pool size, straight to the
  // same listener from this process: no rows, no queue, no locks.
  const { rows: mails } = await db.query(
    `SELECT recipient_email AS "to", subject, body_text AS text, body_html AS html FROM notifications ORDER BY created_at, id`,
  );
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: readMailOptions().poolSize,
    maxMessages: 1000,
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  const before = smtp.messages.length;
  const floorStarted = performance.now();
  await Promise.all(
    mails.map((mail: { to: string; subject: string; text: string; html: string }, i: number) =>
      transport.sendMail({ from: 'bench@bench.example.com', ...mail, messageId: `<floor-${i}@bench.example.com>` }),
    ),
  );
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  const floorAccepted = smtp.messages.length - before;
  transport.close();

  console.log(
    `reminders: ${counts.total} notification rows written in ${(rowsAt / 1000).toFixed(1)} s ` +
      `(tick: expected reports → contacts → batched INSERT … SELECT unnest)`,
  );
  console.log(
    `reminders: ${distinct} of ${RECIPIENTS} accepted by the SMTP listener in ${seconds.toFixed(1)} s ` +
      `(${(distinct / seconds).toFixed(0)} messages/s from tick to last acceptance), ${counts.sent} marked sent, ` +
      `${doubled} sent twice (target 0); the worker used ${(workerCpuMs / 1000).toFixed(1)} s of CPU for it ` +
      `(${(workerCpuMs / RECIPIENTS).toFixed(2)} ms per message)`,
  );
  console.log(
    `floor, nodemailer's pooled transport (${readMailOptions().poolSize} connections) sending the same ${floorAccepted} ` +
      `messages to the same listener: ${floorSeconds.toFixed(1)} s (${(floorAccepted / floorSeconds).toFixed(0)} messages/s)`,
  );
  console.log(
    `peak resident memory: worker ${workerPeakMb.toFixed(0)} MB, ` +
      `benchmark process with the listener and the floor's transport ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log(`ratio ${(distinct / seconds / (floorAccepted / floorSeconds)).toFixed(2)}`);

  await smtp.close();
  await db.end();
  if (distinct < RECIPIENTS || doubled > 0 || floorAccepted < distinct) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
