import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { closeOnSignals } from '@app/common';
import { AppEnv, requireJwtSecret, validateEnv } from '@app/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './bootstrap.js';
import { forkApiProcesses } from './cluster.js';

async function serve(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  const env = app.get(AppEnv);
  const logger = app.get(Logger);
  closeOnSignals(app, (m) => logger.log(m));
  await app.listen(env.PORT, '0.0.0.0');
  logger.log(`api listening on port ${env.PORT} (process ${process.pid})`);
}

async function main(): Promise<void> {
  // Checked once here as well, so a wrong setting stops the primary instead of every forked process in turn.
  const env = validateEnv(process.env);
  requireJwtSecret(env);
  const log = (message: string): void => {
    if (env.LOG_LEVEL !== 'silent') console.log(`[api primary ${process.pid}] ${message}`);
  };
  if (forkApiProcesses({ processes: env.API_PROCESSES, log })) await serve();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
