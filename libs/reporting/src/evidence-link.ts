import type { DataSource, EntityManager } from 'typeorm';
import type { EvidenceStore, StagedEvidence } from './evidence-store.js';

/**
 * Links staged bytes to what they are evidence of, and uses the staged upload up either way. `link` checks the
 * target under its lock and writes the rows; the bytes are put in place last, inside the same transaction, so a
 * store that cannot take them now rolls the rows back: no row ever names a file that is not there (EvidenceStore).
 * Anything failing discards the staged bytes; bytes the store cannot drop now are abandoned staging, which the
 * sweep removes.
 */
export async function linkStaged(
  dataSource: DataSource,
  store: EvidenceStore,
  staged: StagedEvidence,
  link: (m: EntityManager) => Promise<void>,
): Promise<void> {
  try {
    await dataSource.transaction(async (m) => {
      await link(m);
      await store.promote(staged);
    });
  } catch (error) {
    await store.discard(staged).catch(() => undefined);
    throw error;
  }
}
