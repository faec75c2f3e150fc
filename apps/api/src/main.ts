import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { closeOnSignals } from '@app/common';
import { AppEnv } from '@app/config';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { configureApp } from './bootstrap.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, bodyParser: false });
  configureApp(app);
  const env = app.get(AppEnv);
  const logger = app.get(Logger);
  closeOnSignals(app, (m) => logger.log(m));
  await app.listen(env.PORT, '0.0.0.0');
  logger.log(`api listening on port ${env.PORT}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
