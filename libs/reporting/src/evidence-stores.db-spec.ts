import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '@app/common';
import { FixedClock, validateEnv } from '@app/config';
import { startObjectStore, type TestObjectStore } from '../../../test/setup/object-store.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { DirectoryEvidenceStore } from './directory-evidence-store.js';
import { recordEvidenceFile } from './evidence-references.js';
import { migrateEvidence } from './evidence-store-migration.js';
import type { ByteRange, EvidenceStore } from './evidence-store.js';
import { EVIDENCE_CHUNK_BYTES, PostgresEvidenceStore } from './postgres-evidence-store.js';
import { S3EvidenceStore } from './s3-evidence-store.js';

const HOUR = 3_600_000;
const START = new Date('2023-04-10T09:00:00+08:00');
/** Past the S3 client's 5 MiB part size, so the object store receives a multipart upload. */
const FIVE_MB = randomBytes(5 * 1024 * 1024 + 12_345);

type Make = (env?: Record<string, string>) => EvidenceStore;

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** Chunks of uneven sizes, as an upload arrives. */
const streamOf = (bytes: Buffer) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 65_537) }, (_, i) => bytes.subarray(i * 65_537, (i + 1) * 65_537)),
  );

async function all<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}

async function read(store: EvidenceStore, sha256: string, range?: ByteRange): Promise<Buffer | null> {
  const opened = await store.open(sha256, range ? () => range : undefined);
  if (!opened) return null;
  expect(opened.range).toEqual(range);
  return buffer(opened.stream);
}

/** The contract every evidence store keeps, whatever holds the bytes. */
function storeContract(
  name: string,
  setUp: () => Promise<{ make: Make; clock: FixedClock; tearDown: () => Promise<void> }>,
) {
  describe(`${name} evidence store`, () => {
    let make: Make;
    let clock: FixedClock;
    let tearDown: () => Promise<void>;
    let store: EvidenceStore;

    beforeAll(async () => {
      ({ make, clock, tearDown } = await setUp());
      store = make();
    });
    afterAll(() => tearDown());

    it('gives back byte for byte what it stored, whole and in ranges across its chunks', async () => {
      const staged = await store.stage(streamOf(FIVE_MB));
      expect(staged).toMatchObject({ sha256: sha256Of(FIVE_MB), size: FIVE_MB.length });
      expect(staged.head).toEqual(FIVE_MB.subarray(0, 8));
      expect(await store.open(staged.sha256)).toBeNull();
      await store.promote(staged);

      const whole = await read(store, staged.sha256);
      expect(whole?.length).toBe(FIVE_MB.length);
      expect(whole?.equals(FIVE_MB)).toBe(true);
      for (const range of [
        // Not 0-0: s3rver reads `bytes=0-0` as the whole object (its `end || Infinity`); S3 itself does not.
        { start: 0, end: 1 },
        { start: EVIDENCE_CHUNK_BYTES - 10, end: 3 * EVIDENCE_CHUNK_BYTES + 9 },
        { start: 1_234_567, end: 1_234_567 + 100 },
        { start: FIVE_MB.length - 5, end: FIVE_MB.length - 1 },
      ]) {
        const part = await read(store, staged.sha256, range);
        expect(part?.equals(FIVE_MB.subarray(range.start, range.end + 1))).toBe(true);
      }
      const opened = await store.open(staged.sha256);
      // Opened for its size only: the stream is let go, as a HEAD request does, so its file is closed now.
      opened?.stream.destroy();
      expect(opened?.size).toBe(FIVE_MB.length);
    });

    it('keeps the same bytes once, however often they are promoted', async () => {
      const bytes = randomBytes(3000);
      const first = await store.stage(streamOf(bytes));
      const second = await store.stage(streamOf(bytes));
      expect(second.token).not.toBe(first.token);
      await store.promote(first);
      await store.promote(second);
      await store.promote(second);
      expect((await read(store, first.sha256))?.equals(bytes)).toBe(true);
      const listed = await all(store.listStoredBefore(new Date(clock.now().getTime() + HOUR)));
      expect(listed.filter((sha256) => sha256 === first.sha256)).toHaveLength(1);
      // Nothing of either upload is left staged.
      expect(await store.removeStagedBefore(new Date(clock.now().getTime() + HOUR))).toBe(0);
    });

    it('refuses a file over the limit while it streams, leaving nothing staged or stored', async () => {
      const small = make({ EVIDENCE_MAX_BYTES: '1024' });
      const bytes = randomBytes(200_000);
      await expect(small.stage(streamOf(bytes))).rejects.toThrow('附件不能超过 1 KB');
      expect(await small.removeStagedBefore(new Date(clock.now().getTime() + HOUR))).toBe(0);
      expect(await small.exists(sha256Of(bytes))).toBe(false);
      expect(await all(small.listStoredBefore(new Date(clock.now().getTime() + HOUR)))).not.toContain(sha256Of(bytes));
    });

    it('drops discarded uploads, and sweeps only what is older than the cutoff by the platform clock', async () => {
      const discarded = await store.stage(streamOf(randomBytes(100)));
      await store.discard(discarded);
      await store.discard(discarded);
      expect(await store.exists(discarded.sha256)).toBe(false);

      clock.set(new Date(START.getTime() + 10 * HOUR));
      const abandoned = await store.stage(streamOf(randomBytes(100)));
      const old = randomBytes(500);
      const oldStaged = await store.stage(streamOf(old));
      await store.promote(oldStaged);
      expect(await store.storedAt(oldStaged.sha256)).toEqual(clock.now());

      clock.set(new Date(START.getTime() + 12 * HOUR));
      const fresh = await store.stage(streamOf(randomBytes(700)));
      await store.promote(fresh);
      const pending = await store.stage(streamOf(randomBytes(100)));

      const cutoff = new Date(START.getTime() + 11 * HOUR);
      const before = await all(store.listStoredBefore(cutoff));
      expect(before).toContain(oldStaged.sha256);
      expect(before).not.toContain(fresh.sha256);
      expect(await store.removeStagedBefore(cutoff)).toBe(1);
      expect(await store.removeStagedBefore(cutoff)).toBe(0);
      await expect(store.promote(abandoned)).rejects.toThrow();
      // The younger staged upload is untouched and still promotes.
      await store.promote(pending);
      expect(await store.exists(pending.sha256)).toBe(true);

      await store.delete(oldStaged.sha256);
      await store.delete(oldStaged.sha256);
      expect(await store.open(oldStaged.sha256)).toBeNull();
      expect(await store.storedAt(oldStaged.sha256)).toBeNull();
      expect(await all(store.listStoredBefore(cutoff))).not.toContain(oldStaged.sha256);
    });
  });
}

function envOf(extra: Record<string, string>) {
  return validateEnv({ NODE_ENV: 'test', ...extra });
}

storeContract('PostgreSQL', async () => {
  const source: TestDataSource = await openTestDataSource([]);
  const clock = new FixedClock(START);
  return {
    clock,
    make: (env = {}) => new PostgresEvidenceStore(source.db, envOf({ EVIDENCE_STORE: 'postgres', ...env }), clock),
    tearDown: () => source.close(),
  };
});

storeContract('S3 (s3rver)', async () => {
  const server = await startObjectStore('kechuang/');
  const clock = new FixedClock(START);
  const made: S3EvidenceStore[] = [];
  return {
    clock,
    make: (env = {}) => {
      const store = new S3EvidenceStore(envOf({ ...server.env, ...env }), clock);
      made.push(store);
      return store;
    },
    tearDown: async () => {
      made.forEach((store) => store.onModuleDestroy());
      await server.close();
    },
  };
});

storeContract('directory', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kc-evidence-store-'));
  const clock = new FixedClock(START);
  return {
    clock,
    make: (env = {}) =>
      new DirectoryEvidenceStore(envOf({ EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir, ...env }), clock),
    tearDown: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('S3 evidence store with the server down', () => {
  let server: TestObjectStore;
  let store: S3EvidenceStore;

  beforeAll(async () => {
    server = await startObjectStore();
    store = new S3EvidenceStore(envOf(server.env), new FixedClock(START));
  });
  afterAll(async () => {
    store.onModuleDestroy();
    await server.close();
  });

  it('reports "unavailable" for uploads and downloads, and works again once the server is back', async () => {
    const kept = await store.stage(streamOf(randomBytes(1000)));
    await store.promote(kept);
    await server.stop();

    const refused = await store.stage(streamOf(randomBytes(100_000))).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe(ErrorCode.Unavailable);
    expect((refused as DomainError).message).toBe('文件存储暂不可用，请稍后重试');
    await expect(store.open(kept.sha256)).rejects.toMatchObject({ code: ErrorCode.Unavailable });

    await server.start();
    const bytes = randomBytes(2000);
    const staged = await store.stage(streamOf(bytes));
    await store.promote(staged);
    expect((await read(store, staged.sha256))?.equals(bytes)).toBe(true);
    expect(await store.removeStagedBefore(new Date(START.getTime() + HOUR))).toBe(0);
  });
});

describe('moving evidence from the directory into another store', () => {
  let source: TestDataSource;
  let server: TestObjectStore;
  let dir: string;

  beforeAll(async () => {
    source = await openTestDataSource([]);
    server = await startObjectStore();
    dir = await mkdtemp(path.join(os.tmpdir(), 'kc-evidence-from-'));
  });
  afterAll(async () => {
    await source.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['postgres', 's3'] as const)(
    'copies every referenced file to %s verified by its hash, and a second run copies nothing',
    async (kind) => {
      const clock = new FixedClock(START);
      const m = source.db.manager;
      await m.query(`DELETE FROM evidence_files`);
      const from = new DirectoryEvidenceStore(envOf({ EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir }), clock);
      const env = envOf(kind === 's3' ? server.env : { EVIDENCE_STORE: 'postgres' });
      const to = kind === 's3' ? new S3EvidenceStore(env, clock) : new PostgresEvidenceStore(source.db, env, clock);
      const files = [randomBytes(2_500_000), randomBytes(10), randomBytes(70_000)];
      for (const bytes of files) {
        const staged = await from.stage(streamOf(bytes));
        await from.promote(staged);
        await recordEvidenceFile(m, { sha256: staged.sha256, size: bytes.length, mime: 'application/pdf' }, START);
      }
      // A row whose file was never put in place, and a file whose bytes changed on disk.
      const lost = sha256Of(Buffer.from('lost'));
      await recordEvidenceFile(m, { sha256: lost, size: 4, mime: 'application/pdf' }, START);
      const tampered = randomBytes(100);
      const tamperedSha = sha256Of(tampered);
      await mkdir(path.join(dir, tamperedSha.slice(0, 2), tamperedSha.slice(2, 4)), { recursive: true });
      await writeFile(path.join(dir, tamperedSha.slice(0, 2), tamperedSha.slice(2, 4), tamperedSha), randomBytes(100));
      await recordEvidenceFile(m, { sha256: tamperedSha, size: 100, mime: 'application/pdf' }, START);

      expect(await migrateEvidence(m, from, to)).toEqual({
        copied: 3,
        present: 0,
        missing: [lost],
        corrupt: [tamperedSha],
      });
      for (const bytes of files) expect((await read(to, sha256Of(bytes)))?.equals(bytes)).toBe(true);
      expect(await to.exists(tamperedSha)).toBe(false);
      expect(await to.removeStagedBefore(new Date(START.getTime() + HOUR))).toBe(0);
      expect(await migrateEvidence(m, from, to)).toEqual({
        copied: 0,
        present: 3,
        missing: [lost],
        corrupt: [tamperedSha],
      });
      if (to instanceof S3EvidenceStore) to.onModuleDestroy();
    },
  );

  it('lets go of the source file when the target refuses it part-way (a smaller size limit there)', async () => {
    const clock = new FixedClock(START);
    const m = source.db.manager;
    await m.query(`DELETE FROM evidence_files`);
    const from = new DirectoryEvidenceStore(envOf({ EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir }), clock);
    const to = new PostgresEvidenceStore(
      source.db,
      envOf({ EVIDENCE_STORE: 'postgres', EVIDENCE_MAX_BYTES: '1000000' }),
      clock,
    );
    const bytes = randomBytes(2_500_000);
    const staged = await from.stage(streamOf(bytes));
    await from.promote(staged);
    await recordEvidenceFile(m, { sha256: staged.sha256, size: bytes.length, mime: 'application/pdf' }, START);
    const opened: Readable[] = [];
    const open = from.open.bind(from);
    from.open = async (...args) => {
      const file = await open(...args);
      if (file) opened.push(file.stream);
      return file;
    };

    await expect(migrateEvidence(m, from, to)).rejects.toMatchObject({ code: ErrorCode.TooLarge });
    // Drained by the store instead, the rest of the file would be read for nothing (downloaded, from an object store).
    expect(opened.map((stream) => stream.destroyed)).toEqual([true]);
    expect(await to.exists(staged.sha256)).toBe(false);
  });
});
