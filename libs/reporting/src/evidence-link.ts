import type { DataSource, EntityManager } from 'typeorm';
import { classifyEvidence, evidenceDisplayName } from './evidence-kinds.js';
import { lockEvidence, recordEvidenceFile } from './evidence-references.js';
import type { EvidenceStore, StagedEvidence } from './evidence-store.js';

/** What the link rows of an upload carry: the name shown for the file, and when it was added. */
export interface LinkedFile {
  sha256: string;
  size: number;
  filename: string;
  uploadedAt: Date;
}

/**
 * Links staged bytes to what they are evidence of, and uses the staged upload up either way. In one transaction:
 * `authorise` checks again, under the target's lock, that the file may be added (the bytes took time to arrive);
 * the file's lock and metadata row; `link` writes the link rows; and last the bytes are put in place, so a store
 * that cannot take them now rolls the rows back: no row ever names a file that is not there (EvidenceStore).
 * Anything failing, a refused file type included, discards the staged bytes; bytes the store cannot drop now are
 * abandoned staging, which the sweep removes.
 */
export async function linkStaged(
  dataSource: DataSource,
  store: EvidenceStore,
  upload: { staged: StagedEvidence; filename: string },
  now: () => Date,
  steps: {
    authorise: (m: EntityManager) => Promise<unknown>;
    link: (m: EntityManager, file: LinkedFile) => Promise<void>;
  },
): Promise<void> {
  const { staged } = upload;
  try {
    const { mime } = classifyEvidence(upload.filename, staged.head, staged.size);
    await dataSource.transaction(async (m) => {
      await steps.authorise(m);
      await lockEvidence(m, staged.sha256);
      const uploadedAt = now();
      await recordEvidenceFile(m, { sha256: staged.sha256, size: staged.size, mime }, uploadedAt);
      const filename = evidenceDisplayName(upload.filename);
      await steps.link(m, { sha256: staged.sha256, size: staged.size, filename, uploadedAt });
      await store.promote(staged, m);
    });
  } catch (error) {
    await store.discard(staged).catch(() => undefined);
    throw error;
  }
}
