import { type EntityManager, In } from 'typeorm';
import { publishedUnits } from '@app/organisation';
import { Indicator } from './entities/indicator.entity.js';
import { Plan, PlanStatus } from './entities/plan.entity.js';

/*
 * The plans library's reads for other areas. Other libraries never query plans, tasks, assignments,
 * indicators or projects themselves: they call these (inside their own transaction, hence the
 * manager) or, in a set-based statement, join the published views (`plans.tasks`, `plans.assignments` …).
 * A plan's access rules stay with PlanAccess: these only look rows up.
 */

export function findPlan(m: EntityManager, id: string): Promise<Plan | null> {
  return m.getRepository(Plan).findOne({ where: { id } });
}

/** The plan a stored row points to: its absence is a broken reference, not a user error. */
export function getPlan(m: EntityManager, id: string): Promise<Plan> {
  return m.getRepository(Plan).findOneOrFail({ where: { id } });
}

/** Published plans of the cities the platform has not disabled. */
export function publishedPlansOfEnabledCities(m: EntityManager): Promise<Plan[]> {
  return m
    .getRepository(Plan)
    .createQueryBuilder('p')
    .innerJoin(publishedUnits, 'city', 'city.id = p.city_id AND city.disabled_at IS NULL')
    .where('p.status = :status', { status: PlanStatus.Published })
    .getMany();
}

export function findIndicators(m: EntityManager, ids: readonly string[]): Promise<Indicator[]> {
  return m.getRepository(Indicator).findBy({ id: In([...ids]) });
}
