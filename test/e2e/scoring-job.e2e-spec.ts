import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { ScoringRunsService } from '@app/assessment';
import { lockAgainstWrites, releaseLocks, waitingOnTable } from '../factories/faults.js';
import { yearEndMails } from '../factories/year-end-notices.js';
import { startApi, type TestApi } from '../setup/api.js';
import { demoAssessment } from '../setup/demo-plans.js';
import { spawnWorker, waitFor, workersStarted, type RunningProcess } from '../setup/processes.js';
import { obliterateQueues } from '../setup/queues.js';
import { type SmtpListener, startSmtp } from '../setup/smtp.js';
import { departmentReview, reviewEveryUnit, scoringSettled, type ScoringRunView } from '../setup/year-end-cycle.js';

jest.setTimeout(240_000);

/**
 * Year-end results are computed by the worker, not in the leadership's request: the approval answers at once, and a
 * worker killed in the middle of the computation leaves a run that the next worker completes, once.
 */
describe('year-end scoring as a worker job', () => {
  let api: TestApi;
  let smtp: SmtpListener;
  let holder: pg.Client;
  let assessment: string;
  const workers: RunningProcess[] = [];
  const prefix = `kc-scoring-${randomBytes(4).toString('hex')}`;

  async function startWorker(): Promise<RunningProcess> {
    const worker = spawnWorker({
      DATABASE_URL: api.databaseUrl,
      REDIS_URL: api.env.REDIS_URL,
      QUEUE_PREFIX: prefix,
      APP_NOW: '2024-01-20T09:00:00+08:00',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      // A killed worker's job comes back after ~1.5 s instead of 30 s.
      WORKER_LOCK_MS: '1500',
      WORKER_STALLED_INTERVAL_MS: '500',
    });
    workers.push(worker);
    await workersStarted(worker, 90_000);
    return worker;
  }

  async function run(): Promise<ScoringRunView> {
    const res = await api
      .http()
      .get(`/api/assessments/${assessment}/scoring`)
      .set('Authorization', await api.login('leader'))
      .expect(200);
    return res.body as ScoringRunView;
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    // No scoring in the test process: only the worker processes compute.
    api = await startApi({ demo: 'year-end', scoring: false, env: { QUEUE_PREFIX: prefix } });
    holder = new pg.Client({ connectionString: api.databaseUrl });
    await holder.connect();
    assessment = await demoAssessment(api, 'department');
    await reviewEveryUnit(api, assessment, departmentReview);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await holder.end();
    await obliterateQueues(api.env.REDIS_URL, prefix);
    await api.close();
    await smtp.close();
  });

  it('answers the approval at once as 审定计算中, with nothing computed in the request', async () => {
    const leader = await api.login('leader');
    const approved = await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', leader)
      .expect(202);
    expect(approved.body).toMatchObject({ status: 'scoring', revision: 1, results: null });
    expect(await run()).toMatchObject({ revision: 1, kind: 'approval', status: 'queued', attempts: 0 });
    // Asked twice, it is refused while the first is pending; the results are not readable yet.
    const again = await api
      .http()
      .post(`/api/assessments/${assessment}/approve`)
      .set('Authorization', leader)
      .expect(409);
    expect(again.body.message).toBe('已审定，正在计算考评结果');
    await api.http().get(`/api/assessments/${assessment}/results`).set('Authorization', leader).expect(404);
    // Review entries are as frozen as after approval.
    const office = await api.login('office');
    const progress = await api.http().get(`/api/assessments/${assessment}/progress`).set('Authorization', office);
    const unit = (progress.body as { unitId: string }[])[0]!.unitId;
    await api
      .http()
      .put(`/api/assessments/${assessment}/units/${unit}/review`)
      .set('Authorization', office)
      .send({ entries: departmentReview() })
      .expect(409);
  });

  it('SIGKILL mid-scoring: the next worker completes the revision once, approval notices once', async () => {
    // The computation's last writes wait behind this lock: the first worker is killed with the run in hand.
    await lockAgainstWrites(holder, 'assessment_revisions');
    const first = await startWorker();
    await waitFor(async () => (await run()).status === 'running', 'the worker to start the run', 60_000);
    await waitFor(() => waitingOnTable(api.db, 'assessment_revisions'), 'the run to reach its writes', 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    await releaseLocks(holder);
    expect(await run()).toMatchObject({ status: 'running', attempts: 1 });

    await startWorker();
    const done = await scoringSettled(api, assessment, 'done', 90_000);
    expect(done).toMatchObject({ revision: 1, status: 'done', attempts: 2, error: null });
    const office = await api.login('office');
    const assessmentNow = await api.http().get(`/api/assessments/${assessment}/results`).set('Authorization', office);
    expect(assessmentNow.body.assessment).toMatchObject({ status: 'approved', revision: 1 });
    const revisions = await api.http().get(`/api/assessments/${assessment}/revisions`).set('Authorization', office);
    expect((revisions.body as { revision: number }[]).map((r) => r.revision)).toEqual([1]);
    // One approval notice per recipient, however often the job ran.
    const notices = await yearEndMails(api.db, `approved:${assessment}:r1`);
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices.map((n) => n.recipientEmail)).size).toBe(notices.length);
  });

  it('a job run again for a computed revision changes nothing', async () => {
    const before = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', await api.login('office'));
    const runs = api.app.get(ScoringRunsService);
    await expect(runs.run((await run()).id, assessment)).resolves.toMatchObject({ outcome: 'already', status: 'done' });
    const after = await api
      .http()
      .get(`/api/assessments/${assessment}/results`)
      .set('Authorization', await api.login('office'));
    expect(after.body).toEqual(before.body);
  });
});
