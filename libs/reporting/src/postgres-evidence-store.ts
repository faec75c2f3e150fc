import { Readable, Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { digestInto } from './evidence-digest.js';
import {
  type ByteRange,
  EvidenceStore,
  type OpenedEvidence,
  type RangeChoice,
  SHA256_PATTERN,
  type StagedEvidence,
} from './evidence-store.js';

/** Every chunk but a blob's last holds exactly this many bytes, so a range maps onto chunks by arithmetic. */
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;
const LIST_BATCH = 500;
const TOKEN_PATTERN = /^[1-9]\d{0,18}$/;

/**
 * Evidence bytes in the platform's own PostgreSQL (tables evidence_blobs and evidence_blob_chunks):
 * nothing else to install or share between hosts. A staged blob has no hash yet; promoting sets
 * it, or, when the same bytes are stored already, refreshes that blob's time and drops the copy.
 */
@Injectable()
export class PostgresEvidenceStore extends EvidenceStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {
    super();
  }

  get maxBytes(): number {
    return this.env.EVIDENCE_MAX_BYTES;
  }

  async stage(content: Readable): Promise<StagedEvidence> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO evidence_blobs (staged_at) VALUES ($1) RETURNING id::text AS id`,
      [this.clock.now()],
    )) as { id: string }[];
    const token = row!.id;
    try {
      const digest = await digestInto(content, this.chunkWriter(token), this.maxBytes);
      await this.dataSource.query(`UPDATE evidence_blobs SET size = $2 WHERE id = $1`, [token, digest.size]);
      return { token, ...digest };
    } catch (error) {
      await this.discardToken(token);
      throw error;
    }
  }

  async promote(staged: StagedEvidence, within?: EntityManager): Promise<void> {
    const id = this.blobId(staged.token);
    const now = this.clock.now();
    const put = async (m: EntityManager): Promise<void> => {
      // Two uploads of the same bytes promoting at once: the second waits, then finds the first's blob.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`evidence-blob:${staged.sha256}`]);
      const existing = (await m.query(`UPDATE evidence_blobs SET stored_at = $2 WHERE sha256 = $1 RETURNING id::text`, [
        staged.sha256,
        now,
      ])) as [unknown[], number];
      if (existing[1] > 0) {
        await m.query(`DELETE FROM evidence_blobs WHERE id = $1 AND sha256 IS NULL`, [id]);
        return;
      }
      const [, promoted] = (await m.query(
        `UPDATE evidence_blobs SET sha256 = $2, stored_at = $3 WHERE id = $1 AND sha256 IS NULL`,
        [id, staged.sha256, now],
      )) as [unknown[], number];
      // The staged bytes are gone (a sweep took an upload that stalled past the grace period).
      if (promoted === 0) throw new Error(`staged evidence ${staged.token} is gone; ${staged.sha256} is not stored`);
    };
    // In the linking transaction, the blob is promoted or not with its rows.
    await (within ? put(within) : this.dataSource.transaction(put));
  }

  async discard(staged: StagedEvidence): Promise<void> {
    await this.discardToken(staged.token);
  }

  async open(sha256: string, choose?: RangeChoice): Promise<OpenedEvidence | null> {
    const [row] = (await this.dataSource.query(
      `SELECT id::text AS id, size::float8 AS size FROM evidence_blobs WHERE sha256 = $1`,
      [this.checked(sha256)],
    )) as { id: string; size: number }[];
    if (!row) return null;
    const range = choose?.(row.size);
    const whole: ByteRange = { start: 0, end: row.size - 1 };
    return { stream: this.chunkReader(row.id, range ?? whole), size: row.size, ...(range ? { range } : {}) };
  }

  async storedAt(sha256: string): Promise<Date | null> {
    const [row] = (await this.dataSource.query(`SELECT stored_at FROM evidence_blobs WHERE sha256 = $1`, [
      this.checked(sha256),
    ])) as { stored_at: Date }[];
    return row?.stored_at ?? null;
  }

  async delete(sha256: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM evidence_blobs WHERE sha256 = $1`, [this.checked(sha256)]);
  }

  async *listStoredBefore(cutoff: Date): AsyncIterable<string[]> {
    let after = '';
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT sha256 FROM evidence_blobs WHERE sha256 > $1 AND stored_at < $2 ORDER BY sha256 LIMIT ${LIST_BATCH}`,
        [after, cutoff],
      )) as { sha256: string }[];
      if (rows.length) yield rows.map((r) => r.sha256);
      if (rows.length < LIST_BATCH) return;
      after = rows[rows.length - 1]!.sha256;
    }
  }

  async removeStagedBefore(cutoff: Date): Promise<number> {
    const [, removed] = (await this.dataSource.query(
      `DELETE FROM evidence_blobs WHERE sha256 IS NULL AND staged_at < $1 RETURNING id`,
      [cutoff],
    )) as [unknown[], number];
    return removed;
  }

  /** Writes the staged blob's chunks as the bytes arrive: at most one chunk is held in memory. */
  private chunkWriter(token: string): Writable {
    const id = this.blobId(token);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    const flush = async (final: boolean) => {
      const all = Buffer.concat(pending);
      let offset = 0;
      while (all.length - offset >= EVIDENCE_CHUNK_BYTES || (final && offset < all.length)) {
        const data = all.subarray(offset, offset + EVIDENCE_CHUNK_BYTES);
        await this.dataSource.query(`INSERT INTO evidence_blob_chunks (blob_id, seq, data) VALUES ($1, $2, $3)`, [
          id,
          seq++,
          data,
        ]);
        offset += data.length;
      }
      pending = offset < all.length ? [all.subarray(offset)] : [];
      pendingBytes = all.length - offset;
    };
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < EVIDENCE_CHUNK_BYTES) return callback();
        flush(false).then(() => callback(), callback);
      },
      final(callback) {
        flush(true).then(() => callback(), callback);
      },
    });
  }

  /** Reads one chunk per pull, cut to the range, so a download holds one chunk in memory. */
  private chunkReader(id: string, range: ByteRange): Readable {
    const first = Math.floor(range.start / EVIDENCE_CHUNK_BYTES);
    const last = Math.floor(range.end / EVIDENCE_CHUNK_BYTES);
    let seq = first;
    const dataSource = this.dataSource;
    return new Readable({
      read() {
        if (seq > last || range.end < range.start) {
          this.push(null);
          return;
        }
        const chunkStart = seq * EVIDENCE_CHUNK_BYTES;
        const from = Math.max(range.start - chunkStart, 0);
        const to = Math.min(range.end - chunkStart, EVIDENCE_CHUNK_BYTES - 1);
        const current = seq++;
        dataSource
          .query(
            `SELECT substring(data FROM $3 FOR $4) AS data FROM evidence_blob_chunks WHERE blob_id = $1 AND seq = $2`,
            [id, current, from + 1, to - from + 1],
          )
          .then(
            (rows: { data: Buffer }[]) => {
              // The blob was deleted while being read (a sweep): the download fails rather than ends short.
              if (!rows[0]) this.destroy(new Error(`evidence chunk ${current} of blob ${id} is missing`));
              else this.push(rows[0].data);
            },
            (error: Error) => this.destroy(error),
          );
      },
    });
  }

  private discardToken(token: string): Promise<unknown> {
    return this.dataSource.query(`DELETE FROM evidence_blobs WHERE id = $1 AND sha256 IS NULL`, [this.blobId(token)]);
  }

  private blobId(token: string): string {
    if (!TOKEN_PATTERN.test(token)) throw new Error(`not a staging token: ${token}`);
    return token;
  }

  private checked(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return sha256;
  }
}
