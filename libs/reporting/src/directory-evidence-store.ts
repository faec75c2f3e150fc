import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppEnv, Clock } from '@app/config';
import { digestInto } from './evidence-digest.js';
import {
  EvidenceStore,
  type OpenedEvidence,
  type RangeChoice,
  SHA256_PATTERN,
  type StagedEvidence,
} from './evidence-store.js';

/** Inside EVIDENCE_DIR, so that promoting is a rename on one file system (atomic, no copy). */
const STAGING_DIR = '.staging';
/** `<platform time in ms>-<uuid>`: a staged file's age is in its name, whatever the disk's clock says. */
const TOKEN_PATTERN = /^(\d{1,15})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHARD_PATTERN = /^[0-9a-f]{2}$/;
const LIST_BATCH = 500;

/**
 * Evidence files in one directory every process reaches (EVIDENCE_DIR): `ab/cd/<sha256>`, staged
 * under `.staging/` first. A stored file's modification time is set to the platform clock when it
 * is put in place, which is what `storedAt` and the sweep read.
 */
@Injectable()
export class DirectoryEvidenceStore extends EvidenceStore {
  constructor(
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {
    super();
  }

  get maxBytes(): number {
    return this.env.EVIDENCE_MAX_BYTES;
  }

  async stage(content: Readable): Promise<StagedEvidence> {
    const token = `${this.clock.now().getTime()}-${randomUUID()}`;
    const file = this.stagingPath(token);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      return { token, ...(await digestInto(content, createWriteStream(file, { flags: 'wx' }), this.maxBytes)) };
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  async promote(staged: StagedEvidence): Promise<void> {
    const from = this.stagingPath(staged.token);
    const target = this.pathOf(staged.sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const now = this.clock.now();
    try {
      await utimes(from, now, now);
      // Replacing a file already there is harmless: the name is the hash of the bytes.
      await rename(from, target);
    } catch (error) {
      // Promoted before (a retry): the staged file is gone and the stored one is in place.
      if (isMissing(error) && (await this.storedAt(staged.sha256))) return;
      throw error;
    }
  }

  async discard(staged: StagedEvidence): Promise<void> {
    await rm(this.stagingPath(staged.token), { force: true });
  }

  async open(sha256: string, choose?: RangeChoice): Promise<OpenedEvidence | null> {
    let handle: FileHandle;
    try {
      handle = await open(this.pathOf(sha256), 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      const range = choose?.(size);
      return { stream: handle.createReadStream(range ?? {}), size, ...(range ? { range } : {}) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async storedAt(sha256: string): Promise<Date | null> {
    try {
      return (await stat(this.pathOf(sha256))).mtime;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async *listStoredBefore(cutoff: Date): AsyncIterable<string[]> {
    let batch: string[] = [];
    for (const first of await entries(this.root)) {
      if (!SHARD_PATTERN.test(first)) continue;
      for (const second of await entries(path.join(this.root, first))) {
        if (!SHARD_PATTERN.test(second)) continue;
        for (const name of await entries(path.join(this.root, first, second))) {
          if (!SHA256_PATTERN.test(name) || !name.startsWith(first + second)) continue;
          const storedAt = await this.storedAt(name);
          if (storedAt === null || storedAt.getTime() >= cutoff.getTime()) continue;
          batch.push(name);
          if (batch.length >= LIST_BATCH) {
            yield batch;
            batch = [];
          }
        }
      }
    }
    if (batch.length) yield batch;
  }

  async removeStagedBefore(cutoff: Date): Promise<number> {
    let removed = 0;
    for (const name of await entries(path.join(this.root, STAGING_DIR))) {
      const stagedAt = Number(TOKEN_PATTERN.exec(name)?.[1] ?? NaN);
      if (!(stagedAt < cutoff.getTime())) continue;
      // Counted only by the sweep that actually removed it, when two run at once.
      try {
        await unlink(path.join(this.root, STAGING_DIR, name));
        removed += 1;
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return removed;
  }

  private get root(): string {
    return path.resolve(this.env.EVIDENCE_DIR);
  }

  private pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  private stagingPath(token: string): string {
    if (!TOKEN_PATTERN.test(token)) throw new Error(`not a staging token: ${token}`);
    return path.join(this.root, STAGING_DIR, token);
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** A directory's names; none when it does not exist (yet, or any more: another sweep removed it). */
async function entries(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory)).sort();
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}
