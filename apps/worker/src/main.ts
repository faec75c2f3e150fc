import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { closeOnSignals } from '@app/common';
import { WorkerModule } from './worker.module.js';

/** The worker has no HTTP server: it runs BullMQ processors and registers the job schedulers. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const logger = app.get(Logger);
  closeOnSignals(app, (m) => logger.log(m));
  await app.init();
  logger.log('worker started');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
