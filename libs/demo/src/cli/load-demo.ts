import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DemoLoader } from '../demo-loader.js';
import { DemoModule } from '../demo.module.js';

/** `load-demo [--reset]`: loads what is missing; --reset empties the database first. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(DemoModule, { logger: ['error', 'warn'] });
  try {
    const summary = await app.get(DemoLoader).load({ reset: process.argv.includes('--reset') });
    const created = Object.entries(summary.created)
      .map(([k, v]) => `${k} +${v}`)
      .join(', ');
    if (process.argv.includes('--print-logins')) {
      // The launcher shows this table; the summary goes to stderr so it still reaches the terminal.
      console.error(`demo data: ${created}`);
      const width = Math.max(...summary.logins.map((l) => l.username.length));
      for (const login of summary.logins)
        console.log(`${login.username.padEnd(width)}  ${login.roles.join(',').padEnd(8)} ${login.unit}`);
    } else {
      console.log(`demo data: ${created}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
