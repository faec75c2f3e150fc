import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateEnv } from '@app/config';
import { dataSourceOptions } from '../data-source-options.js';

/** `migrate` applies pending migrations; `migrate revert` undoes the last one. */
async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const dataSource = new DataSource(dataSourceOptions(env.DATABASE_URL, { logging: ['error', 'migration'] }));
  await dataSource.initialize();
  try {
    if (process.argv[2] === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
