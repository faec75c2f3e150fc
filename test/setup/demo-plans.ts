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
