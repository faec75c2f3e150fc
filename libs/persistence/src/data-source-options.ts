import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';
import { ParameterFreeQueryLogger } from './query-logger.js';

/**
 * Schema changes only through migrations; never `synchronize`. No entity list here: each feature
 * library registers its own entities (TypeOrmModule.forFeature) and the Nest module loads them.
 */
export function dataSourceOptions(databaseUrl: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  const logging = extra.logging ?? ['error'];
  return {
    type: 'postgres',
    url: databaseUrl,
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
