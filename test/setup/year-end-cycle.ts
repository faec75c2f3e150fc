import type { TestApi } from './api.js';

export interface ReviewEntry {
  criterionId: string;
  input: Record<string, unknown>;
  reason: string;
}

/** The office's reviewed values for a county (附表3-1), varied by the unit's place in the list. */
export const countyReview = (i: number): ReviewEntry[] => [
  { criterionId: 'c1.1', input: { value: 60 + i }, reason: '综合考核得分' },
  { criterionId: 'c2.1', input: { score: 6 + (i % 4), reason: '核实' }, reason: '核实' },
  { criterionId: 'c2.2', input: { actual: 8 + (i % 3), planned: 10 }, reason: '核实' },
  { criterionId: 'c3.1', input: { score: 7 + (i % 3), reason: '核实' }, reason: '核实' },
  { criterionId: 'c3.2', input: { score: 3 + (i % 2), reason: '核实' }, reason: '核实' },
];

/** The office's reviewed values for a department (附表3-2); the late-work leaf is the platform's. */
export const departmentReview = (): ReviewEntry[] => [
  { criterionId: 'd1.1', input: { satisfied: ['leader', 'section'] }, reason: '办公室核定' },
  { criterionId: 'd1.2', input: { satisfied: ['plan'] }, reason: '办公室核定' },
  { criterionId: 'd1.3', input: { score: 4, reason: '每季度召开专题会议' }, reason: '办公室核定' },
  { criterionId: 'd2', input: { score: 60, reason: '牵头任务均按节点推进' }, reason: '办公室核定' },
];

/**
 * The year-end cycle up to approval as the office and the leadership run it through the API: review
 * opened, every unit reviewed, the leadership approves.
 */
export async function reviewEveryUnitAndApprove(
  api: TestApi,
  assessmentId: string,
  entries: (i: number) => ReviewEntry[],
): Promise<void> {
  await reviewEveryUnit(api, assessmentId, entries);
  await api
    .http()
    .post(`/api/assessments/${assessmentId}/approve`)
    .set('Authorization', await api.login('leader'))
    .expect(202);
  await scoringSettled(api, assessmentId);
}

/** The office opens the review and reviews every unit of the assessment. */
export async function reviewEveryUnit(
  api: TestApi,
  assessmentId: string,
  entries: (i: number) => ReviewEntry[],
): Promise<void> {
  const office = await api.login('office');
  await api.http().post(`/api/assessments/${assessmentId}/review`).set('Authorization', office).expect(200);
  const progress = await api
    .http()
    .get(`/api/assessments/${assessmentId}/progress`)
    .set('Authorization', office)
    .expect(200);
  for (const [i, row] of (progress.body as { unitId: string }[]).entries()) {
    await api
      .http()
      .put(`/api/assessments/${assessmentId}/units/${row.unitId}/review`)
      .set('Authorization', office)
      .send({ entries: entries(i) })
      .expect(200);
  }
}

export interface ScoringRunView {
  id: string;
  revision: number;
  kind: 'approval' | 'appeal';
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  error: string | null;
}

/**
 * Waits for an assessment's newest scoring run to end: the leadership's approval and an upheld appeal are computed
 * by a worker (the test API's own, or the worker processes a spec starts). Fails when it ends otherwise than `expected`.
 */
export async function scoringSettled(
  api: TestApi,
  assessmentId: string,
  expected: ScoringRunView['status'] = 'done',
  timeoutMs = 30_000,
): Promise<ScoringRunView> {
  const leader = await api.login('leader');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.http().get(`/api/assessments/${assessmentId}/scoring`).set('Authorization', leader);
    if (res.status !== 200) throw new Error(`scoring of ${assessmentId}: ${res.status} ${JSON.stringify(res.body)}`);
    const run = res.body as ScoringRunView | null;
    if (run && (run.status === 'done' || run.status === 'failed')) {
      if (run.status !== expected) throw new Error(`scoring run ended ${run.status}: ${run.error ?? ''}`);
      return run;
    }
    if (Date.now() > until) throw new Error(`scoring of ${assessmentId} still ${run?.status ?? 'not asked for'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
