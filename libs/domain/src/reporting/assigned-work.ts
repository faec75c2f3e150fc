import { compareDates, type LocalDate } from '../calendar/local-date.js';

/** One assigned unit's part in an assigned work item (交办事项), as the overdue rule needs it. */
export interface AssignedWorkTerm {
  /** 办理时限: the last calendar day (in the platform's time zone) on which closing is on time. */
  dueDate: LocalDate;
  /** The calendar day of the closure that stands (办结, not returned); null while the item is open. */
  closedOn: LocalDate | null;
}

/** 办理中: not closed; 已办结: closed (whether on time or not). Overdue is judged separately. */
export type AssignedWorkState = 'open' | 'closed';

/**
 * Overdue (逾期): not closed by the end of its due date. A closure on the due date is on time; a
 * closure after it makes the item overdue, once, for good; an item still open is overdue from the
 * day after its due date. Dates are calendar dates in the platform's time zone (Asia/Shanghai):
 * the time of day does not count, so a closure at 23:59 on the due date is on time.
 */
export function isAssignedWorkOverdue(term: AssignedWorkTerm, today: LocalDate): boolean {
  if (term.closedOn !== null) return compareDates(term.closedOn, term.dueDate) > 0;
  return compareDates(today, term.dueDate) > 0;
}

export function assignedWorkState(term: AssignedWorkTerm): AssignedWorkState {
  return term.closedOn === null ? 'open' : 'closed';
}

/**
 * Occurrences for the late-work deduction (附表3-2 "没有及时…完成交办工作的，每次扣1分"): one per
 * overdue item. Each unit's part counts for that unit, so an item assigned to two units that both
 * missed it counts once for each.
 */
export function overdueAssignedWorkCount(terms: readonly AssignedWorkTerm[], today: LocalDate): number {
  return terms.filter((t) => isAssignedWorkOverdue(t, today)).length;
}
