import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '@app/persistence';
import { createTestDatabase, TEMPLATE_DB } from './database.js';

export interface TestDataSource {
  db: DataSource;
  close: () => Promise<void>;
}

/**
 * A data source on a fresh clone of the migrated template, mapping only the entities a repository
 * spec needs (as a library's module would register them): a spec sees exactly its own tables'
 * classes, and the database has every table and published view.
 */
export async function openTestDataSource(
  entities: NonNullable<DataSourceOptions['entities']>,
  template = TEMPLATE_DB,
): Promise<TestDataSource> {
  const database = await createTestDatabase(template);
  const db = new DataSource({ ...dataSourceOptions(database.url), entities });
  await db.initialize();
  return {
    db,
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}
