import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { Unit } from '@app/organisation';
import { aCity } from '../../../test/factories/organisation.js';
import { aPlan } from '../../../test/factories/plans.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { Assignment } from './entities/assignment.entity.js';
import { Indicator } from './entities/indicator.entity.js';
import { Plan, PlanStatus } from './entities/plan.entity.js';
import { Task } from './entities/task.entity.js';
import { findIndicators, findPlan, getPlan, publishedPlansOfEnabledCities } from './plans.queries.js';

const missing = '00000000-0000-4000-8000-000000000000';

describe('plans queries (against PostgreSQL)', () => {
  let source: TestDataSource;
  let m: EntityManager;
  let city: Unit;

  beforeAll(async () => {
    source = await openTestDataSource([Unit, Plan, Task, Assignment, Indicator]);
    m = source.db.manager;
    city = await aCity(m);
  });
  afterAll(() => source.close());

  it('finds a plan; a removed one is no plan, and getting it is an error', async () => {
    const plan = await aPlan(m, city);
    const removed = await aPlan(m, city);
    await m.getRepository(Plan).softDelete(removed.id);
    expect((await findPlan(m, plan.id))?.title).toBe(plan.title);
    expect(await findPlan(m, removed.id)).toBeNull();
    expect((await getPlan(m, plan.id)).id).toBe(plan.id);
    await expect(getPlan(m, removed.id)).rejects.toThrow();
    await expect(getPlan(m, missing)).rejects.toThrow();
  });

  it('lists the published plans of enabled cities only', async () => {
    const enabled = await aCity(m);
    const disabled = await aCity(m, { disabledAt: new Date('2023-03-01T00:00:00Z') });
    const published = await aPlan(m, enabled);
    await aPlan(m, enabled, { status: PlanStatus.Draft });
    await aPlan(m, enabled, { status: PlanStatus.Archived });
    const removed = await aPlan(m, enabled);
    await m.getRepository(Plan).softDelete(removed.id);
    await aPlan(m, disabled);
    const found = (await publishedPlansOfEnabledCities(m)).filter((p) => p.cityId !== city.id);
    expect(found.map((p) => p.id)).toEqual([published.id]);
  });

  it('finds indicators by id, repeats and an empty list included', async () => {
    const save = (name: string) =>
      m.getRepository(Indicator).save({
        cityId: city.id,
        name,
        unitOfMeasure: '%',
        direction: 'higher',
        aggregation: 'ratio',
      } as Indicator);
    const a = await save('研发投入强度');
    const b = await save('高新技术企业数');
    await save('技术合同成交额');
    expect((await findIndicators(m, [a.id, b.id, a.id])).map((i) => i.name).sort()).toEqual(
      ['研发投入强度', '高新技术企业数'].sort(),
    );
    expect(await findIndicators(m, [])).toEqual([]);
  });
});
