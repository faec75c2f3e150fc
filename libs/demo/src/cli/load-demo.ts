import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DemoLoader } from '../demo-loader.js';
import { DemoModule } from '../demo.module.js';

/** `load-demo [--reset]`: loads what is missing; --reset empties the database first. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(DemoModule, { logger: ['error', 'warn'] });
  try {
    const summary = await app.get(DemoLoader).load({ reset: process.argv.includes('--reset') });
    const created = Object.entries(summary.created).map(([k, v]) => `${k} +${v}`).join(', ');
    console.log(`demo data: ${created}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
