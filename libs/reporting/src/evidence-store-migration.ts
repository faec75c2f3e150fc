import type { EntityManager } from 'typeorm';
import type { EvidenceStore } from './evidence-store.js';

const PAGE = 500;

export interface EvidenceMigrationResult {
  /** Copied into the target and verified by their hash. */
  copied: number;
  /** In the target already (an earlier run): left as they are. */
  present: number;
  /** Referenced, but in neither store: listed by hash. */
  missing: string[];
  /** Whose bytes in the source no longer hash to their name: not copied, listed by hash. */
  corrupt: string[];
}

/**
 * Copies every file an evidence_files row references from one store into another. The target
 * hashes what it receives while staging it, and the copy is only promoted when that hash is the
 * file's name, so what arrives is verified. Running it again copies only what is not there yet.
 */
export async function migrateEvidence(
  m: EntityManager,
  from: EvidenceStore,
  to: EvidenceStore,
  progress: (done: number) => void = () => undefined,
): Promise<EvidenceMigrationResult> {
  const result: EvidenceMigrationResult = { copied: 0, present: 0, missing: [], corrupt: [] };
  let after = '';
  let done = 0;
  for (;;) {
    const page = (
      (await m.query(`SELECT sha256 FROM evidence_files WHERE sha256 > $1 ORDER BY sha256 LIMIT ${PAGE}`, [after])) as {
        sha256: string;
      }[]
    ).map((r) => r.sha256);
    for (const sha256 of page) {
      await copyOne(sha256, from, to, result);
      progress(++done);
    }
    if (page.length < PAGE) return result;
    after = page[page.length - 1]!;
  }
}

async function copyOne(sha256: string, from: EvidenceStore, to: EvidenceStore, result: EvidenceMigrationResult) {
  if (await to.exists(sha256)) {
    result.present += 1;
    return;
  }
  const source = await from.open(sha256);
  if (!source) {
    result.missing.push(sha256);
    return;
  }
  try {
    const staged = await to.stage(source.stream);
    if (staged.sha256 !== sha256 || staged.size !== source.size) {
      await to.discard(staged);
      result.corrupt.push(sha256);
      return;
    }
    await to.promote(staged);
    result.copied += 1;
  } finally {
    // A store drains a source it refuses (an upload's owner waits for that) and one failing before it reads leaves the
    // source untouched; here nothing needs the rest, so the file or download is let go at once, whatever happened.
    source.stream.destroy();
  }
}
