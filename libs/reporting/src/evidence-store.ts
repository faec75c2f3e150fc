import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@app/common';
import type { EvidenceDigest } from './evidence-digest.js';

/** Bytes received and hashed but not yet addressable: the upload's transaction has not committed. */
export interface StagedEvidence extends EvidenceDigest {
  /** The store's own handle on the staged bytes (a temporary file, a row, an object key). */
  readonly token: string;
}

/** Bytes `start` to `end` of a file, both included (as HTTP counts them). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Picks the part of a file to send once its size is known: undefined for all of it. Throws (the
 * range is not satisfiable) when the part asked for lies beyond the end.
 */
export type RangeChoice = (size: number) => ByteRange | undefined;

export interface OpenedEvidence {
  /** The bytes of `range`, or all of them. */
  stream: Readable;
  /** The whole file's size, also when only a range is read. */
  size: number;
  range?: ByteRange;
}

/**
 * Where evidence bytes live, addressed by their SHA-256 so the same file is kept once however
 * often it is attached. The database says which files are wanted; the store only keeps bytes:
 *
 * 1. the caller authorises the upload, then `stage`s the bytes into the store's temporary area;
 * 2. the transaction that references the hash `promote`s the staged bytes last, under the file's
 *    advisory lock, and then commits (anything failing `discard`s them). A store that fails to
 *    promote rolls the rows back, so no row names a file that is not there; a commit that fails
 *    after the promotion leaves a file no row wants, stamped now, which the sweep takes after its
 *    grace period (the lock keeps the sweep off the file meanwhile);
 * 3. the sweep deletes what no row references, going by `listStoredBefore` and `storedAt`, and
 *    staged bytes an upload abandoned (`removeStagedBefore`).
 *
 * Times are the platform clock's: a store stamps what it writes with it, so "older than an hour"
 * means the same in every process and in tests with a frozen clock. Every operation is idempotent,
 * so two sweeps or a retried job do no harm.
 */
export abstract class EvidenceStore {
  /** The largest file `stage` accepts: more fails the upload before anything is kept. */
  abstract readonly maxBytes: number;

  /** Streams the bytes into the temporary area, hashing them on the way (too large fails). */
  abstract stage(content: Readable): Promise<StagedEvidence>;

  /**
   * Makes staged bytes readable under their hash (stamped now); inside the referencing transaction, before it
   * commits. A store that keeps its bytes in the database works on `within`, that transaction's connection: an
   * upload taking a second connection while it holds the first (and the target's lock) starves the pool as soon as
   * more uploads wait for that lock than it has connections.
   */
  abstract promote(staged: StagedEvidence, within?: EntityManager): Promise<void>;

  /** Drops staged bytes: the upload was refused or its transaction failed. */
  abstract discard(staged: StagedEvidence): Promise<void>;

  /** The stored bytes (those `range` picks, when given), or null when there are none. */
  abstract open(sha256: string, range?: RangeChoice): Promise<OpenedEvidence | null>;

  /** When the bytes were last put in place, or null when they are not stored. */
  abstract storedAt(sha256: string): Promise<Date | null>;

  abstract delete(sha256: string): Promise<void>;

  /** Hashes of everything put in place before `cutoff`, a batch at a time. */
  abstract listStoredBefore(cutoff: Date): AsyncIterable<string[]>;

  /** Removes bytes staged before `cutoff` (uploads a crashed or stalled process left); returns how many. */
  abstract removeStagedBefore(cutoff: Date): Promise<number>;

  async exists(sha256: string): Promise<boolean> {
    return (await this.storedAt(sha256)) !== null;
  }
}

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** What an upload or a download answers while the store cannot be reached (503): nothing was kept. */
export function evidenceStoreUnavailable(cause: unknown): DomainError {
  return new DomainError(ErrorCode.Unavailable, '文件存储暂不可用，请稍后重试', [], { cause });
}
