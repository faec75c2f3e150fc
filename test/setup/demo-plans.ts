import type { TestApi } from './api.js';

/** Ganzhou's 2023 plan (赣市科赋字〔2023〕1号) as its office lists it: the plan most specs report, import and score on. */
export async function ganzhouPlan(api: TestApi): Promise<string> {
  const plans = await api
    .http()
    .get('/api/plans')
    .set('Authorization', await api.login('office'))
    .expect(200);
  const plan = plans.body.items.find((p: { docNumber: string }) => p.docNumber === '赣市科赋字〔2023〕1号');
  if (!plan) throw new Error('the demo has no 赣市科赋字〔2023〕1号 plan');
  return plan.id;
}

/** Nanchang's demo plan as its office lists it: another city's plan, for the forbidden paths. */
export async function nanchangPlan(api: TestApi): Promise<string> {
  const plans = await api
    .http()
    .get('/api/plans')
    .set('Authorization', await api.login('nc-office'))
    .expect(200);
  return plans.body.items[0].id;
}

/**
 * Opens the year-end assessment of Ganzhou's plan under its scheme of this kind, as the office does.
 * The spring demo has none (its year is not over); the year-end demo has both open already.
 */
export async function openYearEnd(api: TestApi, kind: 'county' | 'department'): Promise<string> {
  const office = await api.login('office');
  const schemes = await api.http().get('/api/schemes').query({ kind }).set('Authorization', office).expect(200);
  const created = await api
    .http()
    .post('/api/assessments')
    .set('Authorization', office)
    .send({ planId: await ganzhouPlan(api), schemeId: schemes.body[0].id })
    .expect(201);
  return created.body.id;
}

/** The Ganzhou plan's year-end assessment of `kind` that the year-end demo has open. */
export async function demoAssessment(api: TestApi, kind: 'county' | 'department'): Promise<string> {
  const list = await api
    .http()
    .get(`/api/assessments/of-plan/${await ganzhouPlan(api)}`)
    .set('Authorization', await api.login('office'))
    .expect(200);
  return (list.body as { id: string; subjectKind: string }[]).find((a) => a.subjectKind === kind)!.id;
}
