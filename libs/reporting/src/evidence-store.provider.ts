import type { FactoryProvider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { DirectoryEvidenceStore } from './directory-evidence-store.js';
import { EvidenceStore } from './evidence-store.js';
import { PostgresEvidenceStore } from './postgres-evidence-store.js';
import { S3EvidenceStore } from './s3-evidence-store.js';

export type EvidenceStoreKind = AppEnv['EVIDENCE_STORE'];
export const EVIDENCE_STORE_KINDS: readonly EvidenceStoreKind[] = ['postgres', 's3', 'directory'];

/** A store of the given kind, configured from the environment (the migration command opens two). */
export function createEvidenceStore(
  kind: EvidenceStoreKind,
  env: AppEnv,
  clock: Clock,
  dataSource: DataSource,
): EvidenceStore {
  switch (kind) {
    case 's3':
      return new S3EvidenceStore(env, clock);
    case 'directory':
      return new DirectoryEvidenceStore(env, clock);
    case 'postgres':
      return new PostgresEvidenceStore(dataSource, env, clock);
  }
}

/** The store EVIDENCE_STORE names: PostgreSQL by default, an S3-compatible object store, or a shared directory. */
export const evidenceStoreProvider: FactoryProvider<EvidenceStore> = {
  provide: EvidenceStore,
  inject: [AppEnv, Clock, getDataSourceToken()],
  useFactory: (env: AppEnv, clock: Clock, dataSource: DataSource): EvidenceStore =>
    createEvidenceStore(env.EVIDENCE_STORE, env, clock, dataSource),
};
