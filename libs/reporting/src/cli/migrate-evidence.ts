import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { SystemClock, validateEnv } from '@app/config';
import { dataSourceOptions } from '@app/persistence';
import { migrateEvidence } from '../evidence-store-migration.js';
import { createEvidenceStore, EVIDENCE_STORE_KINDS, type EvidenceStoreKind } from '../evidence-store.provider.js';

const USAGE = 'usage: npm run evidence:migrate -- --from directory --to postgres|s3';

function kindOf(value: string | undefined, option: string): EvidenceStoreKind {
  const kind = EVIDENCE_STORE_KINDS.find((k) => k === value);
  if (!kind) throw new Error(`--${option} must be one of ${EVIDENCE_STORE_KINDS.join(', ')}\n${USAGE}`);
  return kind;
}

/**
 * Copies every referenced evidence file from one store to another (both configured by the same
 * environment as the application: EVIDENCE_DIR, EVIDENCE_S3_*), verifying each by its SHA-256.
 * Safe to run again: files already in the target are left alone. Switch EVIDENCE_STORE afterwards.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  const from = kindOf(values.from, 'from');
  const to = kindOf(values.to, 'to');
  if (from === to) throw new Error(`--from and --to name the same store\n${USAGE}`);
  // The S3 settings are checked only when S3 is one of the two stores.
  const env = validateEnv({ ...process.env, EVIDENCE_STORE: from === 's3' || to === 's3' ? 's3' : from });
  const dataSource = new DataSource(dataSourceOptions(env.DATABASE_URL));
  await dataSource.initialize();
  const clock = new SystemClock();
  try {
    const result = await migrateEvidence(
      dataSource.manager,
      createEvidenceStore(from, env, clock, dataSource),
      createEvidenceStore(to, env, clock, dataSource),
      (done) => {
        if (done % 100 === 0) console.log(`${done} files checked`);
      },
    );
    console.log(
      `copied ${result.copied}, already there ${result.present}, missing ${result.missing.length}, corrupt ${result.corrupt.length}`,
    );
    for (const sha256 of result.missing) console.log(`missing in ${from}: ${sha256}`);
    for (const sha256 of result.corrupt) console.log(`does not match its hash in ${from}: ${sha256}`);
    return result.missing.length || result.corrupt.length ? 2 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
