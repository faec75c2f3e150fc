import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QuarterlyRankingService } from '@app/assessment';
import { bulletinCount } from '../factories/bulletins.js';
import { ganzhouPlan, nanchangPlan } from '../setup/demo-plans.js';
import { startApi, type TestApi } from '../setup/api.js';

/** The worker's quarterly run (and the platform's run-now of it) reports what it actually did, plan by plan. */
describe('the quarterly ranking run', () => {
  let api: TestApi;
  let plan: string;
  let other: string;

  beforeAll(async () => {
    api = await startApi();
    plan = await ganzhouPlan(api);
    other = await nanchangPlan(api);
  });
  afterAll(async () => {
    await api.close();
  });

  const run = () => api.app.get(QuarterlyRankingService).publishDue();

  it('says a quarter published before was found published, not published again', async () => {
    const before = await bulletinCount(api.db);
    const result = await run();
    expect(result.published).toEqual([]);
    expect(result.quarterKey).toBe('2023-Q1');
    expect(result.alreadyPublished).toEqual([{ planId: plan, bulletinId: expect.any(String), revision: 1 }]);
    expect(await bulletinCount(api.db)).toBe(before);
    // Nanchang's plan has no quarterly scheme: skipped, and the run says why.
    expect(result.skipped).toEqual([{ planId: other, reason: '没有启用的 2023 年季度评分方案' }]);
  });

  it('says it published a quarter that had just ended, and only once', async () => {
    api.travelTo('2023-07-11T09:00:00+08:00');
    const before = await bulletinCount(api.db);
    const first = await run();
    expect(first.quarterKey).toBe('2023-Q2');
    expect(first.published).toEqual([{ planId: plan, bulletinId: expect.any(String), revision: 1 }]);
    expect(first.alreadyPublished).toEqual([]);
    expect(await bulletinCount(api.db)).toBe(before + 1);

    const again = await run();
    expect(again.published).toEqual([]);
    expect(again.alreadyPublished).toEqual(first.published);
    expect(await bulletinCount(api.db)).toBe(before + 1);
  });
});
