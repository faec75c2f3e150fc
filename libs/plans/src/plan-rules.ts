import type { EntityManager } from 'typeorm';
import { Plan } from './entities/plan.entity.js';

/*
 * Rules other areas define for a plan and the plan keeps: reporting's deadline rule, notifications'
 * reminder rule. Each area validates its own rule and loads the plan through PlanAccess; the plan is
 * saved here, through its entity, so the audit trail records the change.
 */

export function saveDeadlineRule(m: EntityManager, plan: Plan, rule: Plan['deadlineRule']): Promise<Plan> {
  plan.deadlineRule = rule;
  return m.getRepository(Plan).save(plan);
}

export function saveReminderRule(m: EntityManager, plan: Plan, rule: Plan['reminderRule']): Promise<Plan> {
  plan.reminderRule = rule;
  return m.getRepository(Plan).save(plan);
}
