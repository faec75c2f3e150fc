import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations/index.js';
import { ParameterFreeQueryLogger } from './query-logger.js';

/**
 * Schema changes only through migrations; never `synchronize`. No entity list here: each feature
 * library registers its own entities (TypeOrmModule.forFeature) and the Nest module loads them.
 */
export function dataSourceOptions(
  databaseUrl: string,
  extra: Partial<DataSourceOptions> = {},
  settings: { lockTimeoutMs?: number } = {},
): DataSourceOptions {
  // Set per connection at connect time, so every statement of the pool waits at most this long for a lock.
  const options = settings.lockTimeoutMs ? { options: `-c lock_timeout=${settings.lockTimeoutMs}` } : {};
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
    extra: { max: 20, application_name: 'kechuang', ...options },
    ...extra,
  } as DataSourceOptions;
}
