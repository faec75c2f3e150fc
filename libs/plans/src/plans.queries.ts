import { type EntityManager, In } from 'typeorm';
import { publishedUnits } from '@app/organisation';
import { Assignment } from './entities/assignment.entity.js';
import { Indicator } from './entities/indicator.entity.js';
import { Plan, PlanStatus } from './entities/plan.entity.js';
import { Project } from './entities/project.entity.js';
import { Task } from './entities/task.entity.js';

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

/** An assignment with its task; null when either is gone (a removed task's assignments name nothing). */
export async function findAssignmentWithTask(
  m: EntityManager,
  id: string,
): Promise<{ assignment: Assignment; task: Task } | null> {
  // One round trip: a report's save and submit both ask. The join leaves out a removed task, as a soft delete should.
  const found: (Assignment & { task?: Task }) | null = await m
    .getRepository(Assignment)
    .createQueryBuilder('a')
    .innerJoinAndMapOne('a.task', Task, 't', 't.id = a.task_id AND t.deleted_at IS NULL')
    .where('a.id = :id', { id })
    .getOne();
  if (!found?.task) return null;
  const { task, ...assignment } = found;
  return { assignment: Object.assign(new Assignment(), assignment), task };
}

export function findProject(m: EntityManager, id: string): Promise<Project | null> {
  return m.getRepository(Project).findOne({ where: { id } });
}
