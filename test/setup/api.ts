import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type Job, Worker } from 'bullmq';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { ScoringRunsService } from '@app/assessment';
import { AppEnv, Clock, FixedClock, validateEnv } from '@app/config';
import { bullConnection, QueueName, type ScoringPayloads } from '@app/queue';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/bootstrap.js';
import { obliterateQueues } from './queues.js';
import { createTestDatabase, DEMO_DB, demoDates, type DemoDate, TEMPLATE_DB, YEAR_END_DEMO_DB } from './database.js';

export const DEMO_PASSWORD = 'Demo@2023';

/**
 * The API has no default signing key. Each test file makes its own, shared by every API it starts
 * (two APIs on one database accept each other's tokens, as in a deployment).
 */
const JWT_SECRET = randomBytes(32).toString('base64url');

export interface TestApi {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  db: DataSource;
  clock: FixedClock;
  env: AppEnv;
  databaseUrl: string;
  /** Signs in and returns an Authorization header value (cached until the clock moves). */
  login: (username: string, password?: string) => Promise<string>;
  /** Moves the platform clock; sessions signed before are forgotten, as their tokens may expire. */
  travelTo: (instant: string) => void;
  close: () => Promise<void>;
}

export interface StartOptions {
  /** Default: the date the chosen demo was loaded at. */
  now?: string;
  /** The demo to start from: its spring date (default), its year-end date, or none (false). */
  demo?: DemoDate | false;
  env?: Record<string, string>;
  /** Run on this database (another API's) instead of a fresh clone; it is left in place on close. */
  databaseUrl?: string;
  /** Controllers of the spec's own, mounted beside the API's under the same global guard and prefix. */
  controllers?: Type[];
  /**
   * Runs year-end scoring jobs in this process, as a worker would (default true). A spec that starts real worker
   * processes to compute them (fault tests) turns it off.
   */
  scoring?: boolean;
}

/** Boots the real API module on a fresh cloned database, with a clock the test controls. */
export async function startApi(options: StartOptions = {}): Promise<TestApi> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : await createTestDatabase(
        options.demo === false ? TEMPLATE_DB : options.demo === 'year-end' ? YEAR_END_DEMO_DB : DEMO_DB,
      );
  // A queue prefix of its own unless the spec shares one on purpose: the scoring worker below takes jobs by
  // prefix, and another API's jobs belong to another database.
  const ownPrefix = options.env?.QUEUE_PREFIX
    ? null
    : `${process.env.QUEUE_PREFIX ?? 'kc-test'}-${randomBytes(4).toString('hex')}`;
  const env = validateEnv({
    ...process.env,
    NODE_ENV: 'test',
    JWT_SECRET,
    DATABASE_URL: database.url,
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    ...(ownPrefix ? { QUEUE_PREFIX: ownPrefix } : {}),
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? demoDates[options.demo || 'spring']));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule], controllers: options.controllers ?? [] })
    .overrideProvider(AppEnv)
    .useValue(env)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  const db = app.get<DataSource>(getDataSourceToken());
  const http = () => request(app.getHttpServer());
  const scoring =
    options.scoring === false
      ? null
      : new Worker(
          QueueName.Scoring,
          (job: Job<ScoringPayloads['score']>) =>
            app
              .get(ScoringRunsService)
              .run(job.data.runId, job.data.assessmentId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)),
          { connection: bullConnection(env.REDIS_URL), prefix: env.QUEUE_PREFIX, concurrency: 1 },
        );
  scoring?.on('error', () => undefined);
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    db,
    clock,
    env,
    databaseUrl: database.url,
    async login(username, password = DEMO_PASSWORD) {
      const cached = tokens.get(`${username}:${password}`);
      if (cached) return cached;
      const res = await http().post('/api/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const header = `Bearer ${res.body.accessToken}`;
      tokens.set(`${username}:${password}`, header);
      return header;
    },
    travelTo(instant: string) {
      clock.set(new Date(instant));
      tokens.clear();
    },
    async close() {
      await scoring?.close();
      if (ownPrefix) await obliterateQueues(env.REDIS_URL, ownPrefix);
      await app.close();
      await database.drop();
    },
  };
}
