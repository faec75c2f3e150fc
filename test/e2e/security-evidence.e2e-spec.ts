import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Queue, QueueEvents } from 'bullmq';
import { bullConnection, MaintenanceJob, QueueName, ScheduleName } from '@app/queue';
import { EvidenceStore, EvidenceSweep, lockEvidence } from '@app/reporting';
import { citeEvidenceInAssessment } from '../factories/assessment.js';
import { allowInserts, refuseInserts, someoneAwaitsAdvisoryLock } from '../factories/faults.js';
import { periodOf, planByDocNumber } from '../factories/plans.js';
import { evidenceOf, linkEvidence, storedEvidence, unreportedAssignmentOf } from '../factories/reporting.js';
import { startApi, type TestApi } from '../setup/api.js';
import { openYearEnd } from '../setup/demo-plans.js';
import { spawnWorker, waitFor, workersStarted } from '../setup/processes.js';
import { obliterateQueues } from '../setup/queues.js';

const MORNING = '2023-04-10T09:00:00+08:00';
const NINETY_MINUTES_LATER = '2023-04-10T10:30:00+08:00';
const TWO_HOURS_LATER = '2023-04-10T11:00:00+08:00';
const FOUR_HOURS_LATER = '2023-04-10T13:00:00+08:00';

interface Evidence {
  bytes: Buffer;
  sha256: string;
}

/** Issue #11 item 4: evidence is written only after authorisation, unlinked under the same rules, and swept by reference. */
describe('evidence files', () => {
  let api: TestApi;
  let dir: string;
  let april: string;

  beforeAll(async () => {
    // A store of its own, so that "no new file" means exactly that.
    dir = await mkdtemp(path.join(os.tmpdir(), 'kc-evidence-'));
    api = await startApi({ env: { EVIDENCE_STORE: 'directory', EVIDENCE_DIR: dir } });
    april = await periodOf(api.db, await planByDocNumber(api.db, '赣市科赋字'), 2023, 4);
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    api.travelTo(MORNING);
  });

  /** Every file in the store's directory, staged or stored, relative to it. */
  const files = async (): Promise<string[]> =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
      .sort();
  /** Names that appear in the staging area while `act` runs: an upload refused before it is received makes none. */
  const stagedDuring = async (act: () => Promise<void>): Promise<string[]> => {
    await mkdir(path.join(dir, '.staging'), { recursive: true });
    const seen: string[] = [];
    const watcher = watch(path.join(dir, '.staging'), (_event, name) => seen.push(String(name)));
    try {
      await act();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      watcher.close();
    }
    return seen;
  };
  const stored = (e: Evidence) => path.join(e.sha256.slice(0, 2), e.sha256.slice(2, 4), e.sha256);
  const staged = (token: string) => path.join('.staging', token);
  const pdf = (label: string): Evidence => {
    const bytes = Buffer.from(`%PDF-1.4\n% ${label} ${randomUUID()}\n%%EOF\n`);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  /** A new April draft of one of the unit's assignments, saved by its liaison. */
  const draft = async (code: string, login: string): Promise<string> => {
    const assignment = { id: await unreportedAssignmentOf(api.db, code, april) };
    const res = await api
      .http()
      .put('/api/reports')
      .set('Authorization', await api.login(login))
      .send({
        periodId: april,
        subjectType: 'assignment',
        subjectId: assignment.id,
        progressStatus: 'on_track',
        completionPercent: 40,
        narrative: '按计划推进。',
      })
      .expect(200);
    return res.body.id;
  };
  const upload = async (login: string, report: string, bytes: Buffer, name = '佐证.pdf') =>
    api
      .http()
      .post(`/api/reports/${report}/evidence`)
      .set('Authorization', await api.login(login))
      .attach('file', bytes, name);
  const unlink = async (login: string, report: string, e: Evidence) =>
    api
      .http()
      .delete(`/api/reports/${report}/evidence/${e.sha256}`)
      .set('Authorization', await api.login(login));
  const linked = (report: string): Promise<string[]> => evidenceOf(api.db, report);
  const attach = async (login: string, report: string, e: Evidence) =>
    expect((await upload(login, report, e.bytes)).status).toBe(201);

  describe('uploads are authorised before anything is written', () => {
    it('answers an upload to a report that does not exist with 404 and writes no file', async () => {
      const before = await files();
      const written = await stagedDuring(async () => {
        const res = await upload('gz-gxj', randomUUID(), pdf('nowhere').bytes);
        expect(res.status).toBe(404);
      });
      expect(written).toEqual([]);
      expect(await files()).toEqual(before);
    });

    it("refuses an upload to a report out of the user's scope and writes no file", async () => {
      const report = await draft('GZ-GXJ', 'gz-gxj');
      const before = await files();
      const written = await stagedDuring(async () => {
        // another unit's liaison, another city's liaison and office, a county's liaison
        for (const login of ['gz-kjj', 'nc-kjj', 'nc-office', 'gz-zgq']) {
          expect(`${login} → ${(await upload(login, report, pdf(login).bytes)).status}`).toBe(`${login} → 404`);
        }
        expect((await upload('leader', report, pdf('leader').bytes)).status).toBe(403);
      });
      expect(written).toEqual([]);
      expect(await files()).toEqual(before);
      expect(await linked(report)).toEqual([]);
    });

    it('changes no evidence of a submitted report, and writes no file trying', async () => {
      const report = await draft('GZ-KX', 'gz-kx');
      const first = pdf('first');
      const withFile = await upload('gz-kx', report, first.bytes);
      expect(withFile.status).toBe(201);
      const submitted = await api
        .http()
        .post(`/api/reports/${report}/submit`)
        .set('Authorization', await api.login('gz-kx'))
        .send({ version: withFile.body.version })
        .expect(200);
      // The submission answers with the report as it is shown: its item and its file.
      const shown = await api
        .http()
        .get(`/api/reports/${report}`)
        .set('Authorization', await api.login('gz-kx'))
        .expect(200);
      expect(submitted.body.evidence).toEqual([expect.objectContaining({ sha256: first.sha256 })]);
      expect(submitted.body.evidence).toEqual(shown.body.evidence);
      expect(submitted.body.subjectLabel).toBe(shown.body.subjectLabel);
      expect(submitted.body.subjectLabel).toMatch(/^任务\d+ /);
      const before = await files();
      const late = await upload('gz-kx', report, pdf('late').bytes);
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('报告已提交');
      expect((await unlink('gz-kx', report, first)).status).toBe(409);
      expect(await files()).toEqual(before);
      expect(await linked(report)).toEqual([first.sha256]);
    });

    it('leaves nothing behind when an upload is refused for its content or its size', async () => {
      const report = await draft('GZ-GXJ', 'gz-gxj');
      const before = await files();
      expect((await upload('gz-gxj', report, Buffer.from('MZ\x90\x00'), 'tool.exe')).status).toBe(400);
      expect((await upload('gz-gxj', report, Buffer.from('not a pdf'), 'fake.pdf')).status).toBe(400);
      expect((await upload('gz-gxj', report, Buffer.alloc(0), 'empty.pdf')).status).toBe(400);
      expect((await upload('gz-gxj', report, Buffer.alloc(21 * 1024 * 1024, 1), 'big.pdf')).status).toBe(413);
      expect(await files()).toEqual(before);
    });

    it('leaves no file when the transaction fails after the file was streamed', async () => {
      const report = await draft('GZ-GXJ', 'gz-gxj');
      const before = await files();
      await refuseInserts(api.db, 'report_evidence');
      try {
        const res = await upload('gz-gxj', report, pdf('doomed').bytes);
        expect(res.status).toBe(500);
      } finally {
        await allowInserts(api.db, 'report_evidence');
      }
      expect(await files()).toEqual(before);
      expect(await linked(report)).toEqual([]);
    });
  });

  describe('removing a file from a report', () => {
    it("is for the unit's liaison and the city's office; it unlinks, and the file stays until swept", async () => {
      const report = await draft('GZ-SWJ', 'gz-swj');
      const [a, b] = [pdf('a'), pdf('b')];
      await attach('gz-swj', report, a);
      await attach('gz-swj', report, b);
      expect((await unlink('gz-swj', report, a)).status).toBe(204);
      expect(await linked(report)).toEqual([b.sha256]);
      const view = await api
        .http()
        .get(`/api/reports/${report}`)
        .set('Authorization', await api.login('gz-swj'))
        .expect(200);
      expect(view.body.evidence.map((e: { sha256: string }) => e.sha256)).toEqual([b.sha256]);
      await api
        .http()
        .get(`/api/reports/${report}/evidence/${a.sha256}`)
        .set('Authorization', await api.login('gz-swj'))
        .expect(404);
      expect((await unlink('office', report, b)).status).toBe(204);
      expect(await linked(report)).toEqual([]);
      expect((await unlink('gz-swj', report, a)).status).toBe(404);
      expect(await files()).toEqual(expect.arrayContaining([stored(a), stored(b)]));
    });

    it('is refused out of scope, and the link is kept', async () => {
      const report = await draft('GZ-JYJ', 'gz-jyj');
      const a = pdf('kept');
      await attach('gz-jyj', report, a);
      // another unit's liaison, another city's liaison and office, a county's liaison: the report is not theirs to see
      for (const login of ['gz-kjj', 'nc-kjj', 'nc-office', 'gz-zgq']) {
        expect(`${login} → ${(await unlink(login, report, a)).status}`).toBe(`${login} → 404`);
      }
      // the leadership reads reports but does not edit them
      expect((await unlink('leader', report, a)).status).toBe(403);
      expect(await linked(report)).toEqual([a.sha256]);
    });
  });

  describe('the sweep', () => {
    it('deletes only files nothing references that are older than an hour; twice at once is harmless', async () => {
      const store = api.app.get(EvidenceStore);
      const sweep = api.app.get(EvidenceSweep);
      const mine = await draft('GZ-GXJ', 'gz-gxj');
      const theirs = await draft('GZ-KJJ', 'gz-kjj');
      const [kept, shared, dropped, assessed, recent] = [
        pdf('kept'),
        pdf('shared'),
        pdf('dropped'),
        pdf('assessed'),
        pdf('recent'),
      ];
      await attach('gz-gxj', mine, kept);
      await attach('gz-gxj', mine, shared);
      await attach('gz-kjj', theirs, shared);
      expect((await unlink('gz-kjj', theirs, shared)).status).toBe(204);
      await attach('gz-gxj', mine, dropped);
      expect((await unlink('gz-gxj', mine, dropped)).status).toBe(204);
      // A year-end self-assessment cites a file by its hash after the report let it go.
      await attach('gz-gxj', mine, assessed);
      await openYearEnd(api, 'department');
      await citeEvidenceInAssessment(api.db, 'GZ-GXJ', 'gz-gxj', assessed.sha256);
      expect((await unlink('gz-gxj', mine, assessed)).status).toBe(204);
      // A stored file no row knows (what an upload refused after writing used to leave), and an upload abandoned while staged.
      const orphan = pdf('orphan');
      const orphanStage = await store.stage(Readable.from(orphan.bytes));
      await store.promote(orphanStage);
      const abandoned = await store.stage(Readable.from(pdf('abandoned').bytes));

      // Half an hour before the sweep: a file unlinked, and an upload still arriving.
      api.travelTo(NINETY_MINUTES_LATER);
      await attach('gz-gxj', mine, recent);
      expect((await unlink('gz-gxj', mine, recent)).status).toBe(204);
      const inFlight = await store.stage(Readable.from(pdf('in flight').bytes));

      api.travelTo(TWO_HOURS_LATER);
      const before = await files();
      const [one, other] = await Promise.all([sweep.run(), sweep.run()]);
      const left = await files();
      // Each file is removed by one of the two, and counted once (earlier tests left unlinked files too).
      const removed = before.filter((f) => !left.includes(f));
      expect(one.removed + other.removed).toBe(removed.filter((f) => !f.startsWith('.staging')).length);
      expect(one.abandoned + other.abandoned).toBe(removed.filter((f) => f.startsWith('.staging')).length);
      expect(left).toEqual(
        expect.arrayContaining([
          stored(kept),
          stored(shared),
          stored(assessed),
          stored(recent),
          staged(inFlight.token),
        ]),
      );
      for (const gone of [stored(dropped), stored(orphan), staged(abandoned.token)]) expect(left).not.toContain(gone);
      const rows = await storedEvidence(
        api.db,
        [kept, shared, dropped, assessed, recent].map((e) => e.sha256),
      );
      expect(rows.sort()).toEqual([kept, shared, assessed, recent].map((e) => e.sha256).sort());
      expect(await sweep.run()).toEqual({ removed: 0, abandoned: 0 });

      const download = await api
        .http()
        .get(`/api/reports/${mine}/evidence/${shared.sha256}`)
        .set('Authorization', await api.login('gz-gxj'))
        .responseType('blob')
        .expect(200);
      expect(Buffer.from(download.body as ArrayBuffer).equals(shared.bytes)).toBe(true);
      // The same bytes uploaded again after their file was swept are stored again.
      await attach('gz-gxj', mine, dropped);
      await api
        .http()
        .get(`/api/reports/${mine}/evidence/${dropped.sha256}`)
        .set('Authorization', await api.login('gz-gxj'))
        .expect(200);
    });

    it('never deletes a file whose new link is committing while it decides', async () => {
      const report = await draft('GZ-KJJ', 'gz-kjj');
      const file = pdf('relinked');
      await attach('gz-kjj', report, file);
      expect((await unlink('gz-kjj', report, file)).status).toBe(204);
      api.travelTo(TWO_HOURS_LATER);
      // An upload of the same bytes holds the file's lock in its transaction, about to link it.
      const upload = api.db.createQueryRunner();
      await upload.connect();
      await upload.startTransaction();
      try {
        await lockEvidence(upload.manager, file.sha256);
        const sweeping = api.app.get(EvidenceSweep).run();
        await waitFor(() => someoneAwaitsAdvisoryLock(api.db), 'the sweep to wait for the lock', 5_000);
        await linkEvidence(upload.manager, {
          reportId: report,
          sha256: file.sha256,
          filename: '再传.pdf',
          username: 'gz-kjj',
        });
        await upload.commitTransaction();
        await sweeping;
      } finally {
        if (upload.isTransactionActive) await upload.rollbackTransaction();
        await upload.release();
      }
      expect(await files()).toContain(stored(file));
      await api
        .http()
        .get(`/api/reports/${report}/evidence/${file.sha256}`)
        .set('Authorization', await api.login('gz-kjj'))
        .expect(200);
    });

    it('runs hourly as a maintenance job of the worker process', async () => {
      const prefix = `kc-test-${randomBytes(4).toString('hex')}`;
      const connection = bullConnection(api.env.REDIS_URL);
      const queue = new Queue(QueueName.Maintenance, { connection, prefix });
      const events = new QueueEvents(QueueName.Maintenance, { connection, prefix });
      await events.waitUntilReady();
      const report = await draft('GZ-KX', 'gz-kx');
      const [stays, goes] = [pdf('stays'), pdf('goes')];
      api.travelTo(TWO_HOURS_LATER);
      await attach('gz-kx', report, stays);
      await attach('gz-kx', report, goes);
      expect((await unlink('gz-kx', report, goes)).status).toBe(204);
      const worker = spawnWorker({
        DATABASE_URL: api.databaseUrl,
        REDIS_URL: api.env.REDIS_URL,
        QUEUE_PREFIX: prefix,
        EVIDENCE_STORE: 'directory',
        EVIDENCE_DIR: dir,
        APP_NOW: FOUR_HOURS_LATER,
      });
      try {
        await workersStarted(worker);
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers.find((s) => s.key === ScheduleName.SweepEvidence)).toMatchObject({
          name: MaintenanceJob.SweepEvidence,
          tz: 'Asia/Shanghai',
        });
        const job = await queue.add(MaintenanceJob.SweepEvidence, {});
        const result = (await job.waitUntilFinished(events, 20_000)) as { removed: number };
        expect(result.removed).toBeGreaterThanOrEqual(1);
        const left = await files();
        expect(left).toContain(stored(stays));
        expect(left).not.toContain(stored(goes));
      } finally {
        expect(await worker.stop('SIGTERM')).toBe(0);
        await obliterateQueues(api.env.REDIS_URL, prefix);
        await queue.close();
        await events.close();
      }
    });
  });
});
