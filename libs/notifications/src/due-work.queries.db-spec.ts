import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { Unit } from '@app/organisation';
import { Assignment, Plan, PlanStatus, Task } from '@app/plans';
import { Report, ReportingPeriod } from '@app/reporting';
import { aCity, aUnit } from '../../../test/factories/organisation.js';
import { anAssignment, aPlan, aTask } from '../../../test/factories/plans.js';
import { anAssignmentReport, aReportingPeriod } from '../../../test/factories/reporting.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import {
  citiesWithPublishedPlans,
  findPeriod,
  periodsWithDeadlineBetween,
  publishedPlans,
  staleAssignments,
} from './due-work.queries.js';

const day = 86_400_000;
const shanghai = (date: string, hhmm = '17:00') => new Date(`${date}T${hhmm}:00+08:00`);

describe('due-work queries (against PostgreSQL)', () => {
  let source: TestDataSource;
  let m: EntityManager;
  let city: Unit;
  let disabled: Unit;
  let published: Plan;
  let draft: Plan;
  let removed: Plan;
  let ofDisabled: Plan;

  beforeAll(async () => {
    source = await openTestDataSource([Unit, Plan, Task, Assignment, ReportingPeriod, Report]);
    m = source.db.manager;
    city = await aCity(m, { name: '甲市' });
    disabled = await aCity(m, { name: '乙市', disabledAt: shanghai('2023-03-01') });
    published = await aPlan(m, city, { reminderRule: { nudgeAfterDays: 30 } });
    draft = await aPlan(m, city, { status: PlanStatus.Draft, publishedAt: null });
    removed = await aPlan(m, city);
    await m.getRepository(Plan).softDelete(removed.id);
    ofDisabled = await aPlan(m, disabled);
  });
  afterAll(() => source.close());

  it('finds the periods due in a window of published plans of enabled cities, by deadline', async () => {
    const april = await aReportingPeriod(m, published, { year: 2023, month: 4 });
    const march = await aReportingPeriod(m, published, { year: 2023, month: 3 });
    await aReportingPeriod(m, published, { year: 2023, month: 5 });
    for (const plan of [draft, removed, ofDisabled]) await aReportingPeriod(m, plan, { year: 2023, month: 3 });

    // The window is closed at both ends: a deadline exactly on either bound counts.
    const found = await periodsWithDeadlineBetween(m, shanghai('2023-04-06'), shanghai('2023-05-06'));
    expect(found.map((p) => p.periodId)).toEqual([march.id, april.id]);
    expect(found[0]).toEqual({
      periodId: march.id,
      planId: published.id,
      planTitle: published.title,
      cityId: city.id,
      year: 2023,
      month: 3,
      deadline: shanghai('2023-04-06'),
      reminderRule: { nudgeAfterDays: 30 },
    });
    expect(
      (await periodsWithDeadlineBetween(m, shanghai('2023-04-06'), shanghai('2023-05-06'), [april.id])).map(
        (p) => p.periodId,
      ),
    ).toEqual([april.id]);
    expect(
      await periodsWithDeadlineBetween(m, shanghai('2023-04-06', '17:01'), shanghai('2023-05-06', '16:59')),
    ).toEqual([]);
  });

  it('finds one period for the office’s chase whatever its city’s state, but not of a removed plan', async () => {
    const period = await aReportingPeriod(m, ofDisabled, { year: 2023, month: 6 });
    const gone = await aReportingPeriod(m, removed, { year: 2023, month: 6 });
    expect(await findPeriod(m, period.id)).toMatchObject({ periodId: period.id, cityId: disabled.id, month: 6 });
    expect(await findPeriod(m, gone.id)).toBeNull();
    expect(await findPeriod(m, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('lists the enabled cities with a published plan once each, and their published plans', async () => {
    await aPlan(m, city);
    const noPlans = await aCity(m);
    await aPlan(m, noPlans, { status: PlanStatus.Draft });
    expect(await citiesWithPublishedPlans(m)).toEqual([{ cityId: city.id, cityName: '甲市' }]);
    const plans = await publishedPlans(m);
    expect(plans.every((p) => p.cityId === city.id)).toBe(true);
    expect(plans.map((p) => p.planId)).toContain(published.id);
    expect(plans.map((p) => p.planId)).not.toContain(draft.id);
    expect(plans.map((p) => p.planId)).not.toContain(removed.id);
  });

  it('finds assignments without an update for the plan’s days, from their last submission, publication or creation', async () => {
    const now = shanghai('2023-04-10', '09:00');
    const plan = await aPlan(m, city, { publishedAt: new Date(now.getTime() - 40 * day) });
    const fresh = await aPlan(m, city, { publishedAt: new Date(now.getTime() - 5 * day) });
    const first = await aUnit(m, city);
    const second = await aUnit(m, city);
    const task1 = await aTask(m, plan, { number: 1 });
    const task2 = await aTask(m, plan, { number: 2 });
    const removedTask = await aTask(m, plan, { number: 3 });
    await m.getRepository(Task).softDelete(removedTask.id);

    const neverReported = await anAssignment(m, task2, first);
    const reportedLongAgo = await anAssignment(m, task1, second);
    const reportedRecently = await anAssignment(m, task1, first);
    await anAssignment(m, task2, second, { active: false });
    await anAssignment(m, removedTask, first);
    await anAssignment(m, await aTask(m, plan, { number: 4 }), first, { startsOn: '2023-05-01' });
    const removedUnit = await aUnit(m, city);
    await anAssignment(m, await aTask(m, plan, { number: 5 }), removedUnit);
    await m.getRepository(Unit).softDelete(removedUnit.id);
    const unpublishedLongAgo = await anAssignment(m, await aTask(m, fresh), first);

    const period = await aReportingPeriod(m, plan, { year: 2023, month: 3 });
    const february = await aReportingPeriod(m, plan, { year: 2023, month: 2 });
    await anAssignmentReport(m, period, reportedLongAgo, new Date(now.getTime() - 31 * day));
    await anAssignmentReport(m, february, reportedLongAgo, new Date(now.getTime() - 35 * day));
    await anAssignmentReport(m, period, reportedRecently, new Date(now.getTime() - 2 * day));
    await anAssignmentReport(m, february, reportedRecently, new Date(now.getTime() - 32 * day));
    // A draft is no update.
    await anAssignmentReport(m, period, neverReported, null);

    const stale = await staleAssignments(
      m,
      [
        { planId: plan.id, days: 30 },
        { planId: fresh.id, days: 30 },
      ],
      now,
      '2023-04-10',
    );
    // By the unit's place in the tree, then task number.
    const expected = [first, second]
      .sort((a, b) => a.path.localeCompare(b.path))
      .flatMap((u) => (u.id === first.id ? [neverReported.id] : [reportedLongAgo.id]));
    expect(stale.map((s) => s.assignmentId)).toEqual(expected);
    expect(stale.find((s) => s.assignmentId === reportedLongAgo.id)).toMatchObject({
      planId: plan.id,
      cityId: city.id,
      unitId: second.id,
      unitName: second.name,
      taskNumber: 1,
      lastUpdate: new Date(now.getTime() - 31 * day),
      nudgeAfterDays: 30,
    });
    expect(stale.find((s) => s.assignmentId === neverReported.id)!.lastUpdate).toEqual(plan.publishedAt);
    expect(stale.map((s) => s.assignmentId)).not.toContain(unpublishedLongAgo.id);

    // A longer interval, or none at all, nudges nothing.
    expect(await staleAssignments(m, [{ planId: plan.id, days: 45 }], now, '2023-04-10')).toEqual([]);
    expect(await staleAssignments(m, [{ planId: plan.id, days: 0 }], now, '2023-04-10')).toEqual([]);
    expect(await staleAssignments(m, [], now, '2023-04-10')).toEqual([]);
  });
});
