import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EvidenceStore } from '@app/reporting';
import { lockAgainstWrites, releaseLocks, waitingOnTable } from '../factories/faults.js';
import { periodOf, planByDocNumber } from '../factories/plans.js';
import { evidenceOf, storedEvidence, unreportedAssignmentOf } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import { startObjectStore, type TestObjectStore } from '../setup/object-store.js';
import { waitFor } from '../setup/processes.js';

/** A PDF by its first bytes, about 5 MB of random content after them. */
function aLargePdf(): { bytes: Buffer; sha256: string } {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(5 * 1024 * 1024 + 321)]);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Issue #17 point 1: evidence without a shared disk, through the API, in PostgreSQL and in an S3-compatible store. */
describe.each(['postgres', 's3'] as const)('evidence kept in %s', (kind) => {
  let api: TestApi;
  let objectStore: TestObjectStore | null = null;
  let report: string;

  beforeAll(async () => {
    objectStore = kind === 's3' ? await startObjectStore('kc/') : null;
    // The suite's default store is PostgreSQL, so that one is started without naming it.
    api = await startApi({ env: objectStore?.env ?? {} });
    const april = await periodOf(api.db, await planByDocNumber(api.db, '赣市科赋字'), 2023, 4);
    const assignment = await unreportedAssignmentOf(api.db, 'GZ-GXJ', april);
    const res = await api
      .http()
      .put('/api/reports')
      .set('Authorization', await api.login('gz-gxj'))
      .send({
        periodId: april,
        subjectType: 'assignment',
        subjectId: assignment,
        progressStatus: 'on_track',
        completionPercent: 40,
        narrative: '按计划推进。',
      })
      .expect(200);
    report = res.body.id;
  });
  afterAll(async () => {
    await api.close();
    await objectStore?.close();
  });

  const upload = async (bytes: Buffer) =>
    api
      .http()
      .post(`/api/reports/${report}/evidence`)
      .set('Authorization', await api.login('gz-gxj'))
      .attach('file', bytes, '佐证.pdf');
  const download = async (sha256: string, range?: string, route = '') => {
    const req = api
      .http()
      .get(`/api/reports/${report}/evidence/${sha256}${route}`)
      .set('Authorization', await api.login('gz-gxj'))
      .responseType('blob');
    return range ? req.set('Range', range) : req;
  };

  it('uses the configured store', () => {
    expect(api.app.get(EvidenceStore).constructor.name).toBe(
      kind === 's3' ? 'S3EvidenceStore' : 'PostgresEvidenceStore',
    );
  });

  it('gives back byte for byte what was uploaded, whole or in the range asked for', async () => {
    const file = aLargePdf();
    expect((await upload(file.bytes)).status).toBe(201);

    const whole = await download(file.sha256);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe(String(file.bytes.length));
    expect(Buffer.compare(whole.body as Buffer, file.bytes)).toBe(0);

    const part = await download(file.sha256, 'bytes=1048570-2097160');
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1048570-2097160/${file.bytes.length}`);
    expect(Buffer.compare(part.body as Buffer, file.bytes.subarray(1048570, 2097161))).toBe(0);

    const tail = await download(file.sha256, 'bytes=-100', '/preview');
    expect(tail.status).toBe(206);
    expect(tail.headers['content-disposition']).toMatch(/^inline;/);
    expect(Buffer.compare(tail.body as Buffer, file.bytes.subarray(file.bytes.length - 100))).toBe(0);

    const head = await api
      .http()
      .head(`/api/reports/${report}/evidence/${file.sha256}`)
      .set('Authorization', await api.login('gz-gxj'));
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(file.bytes.length));

    const beyond = await download(file.sha256, `bytes=${file.bytes.length}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${file.bytes.length}`);
  });

  it('takes more uploads to one report at once than the API has database connections, each of them', async () => {
    // Each upload waits for the report's lock in a transaction of its own: the file must be put in place on that
    // transaction's connection, or the one holding the lock waits for a connection the waiting ones hold.
    const files = Array.from({ length: 24 }, () => {
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]);
      return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
    const answers = await Promise.all(files.map((file) => upload(file.bytes).then((res) => res.status)));
    expect(answers).toEqual(files.map(() => 201));
    expect(await evidenceOf(api.db, report)).toEqual(expect.arrayContaining(files.map((f) => f.sha256)));
    for (const file of files.slice(0, 3))
      expect(Buffer.compare((await download(file.sha256)).body as Buffer, file.bytes)).toBe(0);
  }, 30_000);

  if (kind === 's3') {
    it('answers 503 while the object store is down, keeping nothing of the upload; works again once it is back', async () => {
      const kept = aLargePdf();
      expect((await upload(kept.bytes)).status).toBe(201);
      const before = await evidenceOf(api.db, report);
      await objectStore!.stop();
      try {
        const refused = aLargePdf();
        const res = await upload(refused.bytes);
        expect(res.status).toBe(503);
        expect(res.body.message).toBe('文件存储暂不可用，请稍后重试');
        expect(res.headers['retry-after']).toBeDefined();
        expect(await evidenceOf(api.db, report)).toEqual(before);
        expect(await storedEvidence(api.db, [refused.sha256])).toEqual([]);
        expect((await download(kept.sha256)).status).toBe(503);
      } finally {
        await objectStore!.start();
      }
      const again = aLargePdf();
      expect((await upload(again.bytes)).status).toBe(201);
      expect(Buffer.compare((await download(again.sha256)).body as Buffer, again.bytes)).toBe(0);
      expect(await api.app.get(EvidenceStore).removeStagedBefore(new Date(Date.now() + 86_400_000))).toBe(0);
    });

    it('keeps no row of an upload whose file the store could not put in place, when it went down after the bytes arrived', async () => {
      const before = await evidenceOf(api.db, report);
      const file = aLargePdf();
      // The upload's transaction is held at its first write, its bytes already staged; the store goes down meanwhile.
      const holder = new pg.Client({ connectionString: api.databaseUrl });
      await holder.connect();
      try {
        await lockAgainstWrites(holder, 'evidence_files');
        const pending = upload(file.bytes);
        await waitFor(() => waitingOnTable(api.db, 'evidence_files'), 'the upload to wait for its first write');
        await objectStore!.stop();
        await releaseLocks(holder);
        const res = await pending;
        expect(res.status).toBe(503);
        expect(res.body.message).toBe('文件存储暂不可用，请稍后重试');
      } finally {
        await holder.end();
        await objectStore!.start();
      }
      // Nothing names a file that is not there: neither the report's link nor the file's own row.
      expect(await evidenceOf(api.db, report)).toEqual(before);
      expect(await storedEvidence(api.db, [file.sha256])).toEqual([]);
      // The staged bytes the store could not drop while down are abandoned staging, which the sweep takes.
      await api.app.get(EvidenceStore).removeStagedBefore(new Date(Date.now() + 86_400_000));
      const again = await upload(file.bytes);
      expect(again.status).toBe(201);
      expect(Buffer.compare((await download(file.sha256)).body as Buffer, file.bytes)).toBe(0);
    });
  }
});
