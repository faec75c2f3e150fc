import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/config';
import { lockEvidence, unreferencedEvidence, unreferencedEvidenceRows } from './evidence-references.js';
import { EvidenceStore } from './evidence-store.js';

/**
 * How long an unreferenced file is left alone: an upload in flight has its bytes staged before its
 * row commits, and a file just unlinked may still be being downloaded.
 */
export const EVIDENCE_GRACE_MS = 60 * 60 * 1000;
const ROW_PAGE = 500;

export interface EvidenceSweepResult {
  /** Files (with their metadata rows) that nothing referenced. */
  removed: number;
  /** Staged uploads that never committed. */
  abandoned: number;
}

/**
 * Deletes evidence nothing references, older than the grace period, and uploads abandoned while
 * staged. Safe to run any number of times and on several workers at once: each file is decided
 * under its advisory lock, which an upload's transaction takes too, and deleting what is already
 * gone is a no-op.
 */
@Injectable()
export class EvidenceSweep {
  private readonly logger = new Logger(EvidenceSweep.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: EvidenceStore,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<EvidenceSweepResult> {
    const cutoff = new Date(this.clock.now().getTime() - EVIDENCE_GRACE_MS);
    const abandoned = await this.store.removeStagedBefore(cutoff);
    let removed = 0;
    for await (const batch of this.store.listStoredBefore(cutoff)) {
      for (const sha256 of await unreferencedEvidence(this.dataSource.manager, batch))
        if (await this.collect(sha256, cutoff)) removed += 1;
    }
    // Rows whose file is already gone (a process stopped between commit and putting the file in place).
    let after = '';
    for (;;) {
      const page = await unreferencedEvidenceRows(this.dataSource.manager, cutoff, after, ROW_PAGE);
      for (const sha256 of page) if (await this.collect(sha256, cutoff)) removed += 1;
      if (page.length < ROW_PAGE) break;
      after = page[page.length - 1]!;
    }
    if (removed || abandoned)
      this.logger.log(`evidence sweep removed ${removed} unreferenced files and ${abandoned} abandoned uploads`);
    return { removed, abandoned };
  }

  /** Deletes one file and its row if, under the file's lock, nothing references it and it is not fresh. */
  private collect(sha256: string, cutoff: Date): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      await lockEvidence(m, sha256);
      if ((await unreferencedEvidence(m, [sha256])).length === 0) return false;
      const storedAt = await this.store.storedAt(sha256);
      if (storedAt && storedAt.getTime() >= cutoff.getTime()) return false;
      const row: { created_at: Date }[] = await m.query(`SELECT created_at FROM evidence_files WHERE sha256 = $1`, [
        sha256,
      ]);
      if (row[0] && row[0].created_at.getTime() >= cutoff.getTime()) return false;
      if (!storedAt && !row[0]) return false;
      await m.query(`DELETE FROM evidence_files WHERE sha256 = $1`, [sha256]);
      // Inside the transaction: should the commit fail, the row is left without its file, and the
      // next sweep deletes it (the rows pass above); never the other way round.
      await this.store.delete(sha256);
      return true;
    });
  }
}
