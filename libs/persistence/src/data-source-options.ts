import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { ParameterFreeQueryLogger } from './query-logger.js';

/** Schema changes only through migrations; never `synchronize`. */
export function dataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  const logging = extra.logging ?? ['error'];
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging,
    // Failed queries are logged without their parameters (passwords, tokens, personal data).
    logger: new ParameterFreeQueryLogger(logging),
    extra: { max: 20, application_name: 'kechuang' },
    ...extra,
  } as DataSourceOptions;
}
