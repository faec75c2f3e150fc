import type { EntityManager } from 'typeorm';
import { type LocalDate, localDate, overdueAssignedWorkCount } from '@app/domain';

/**
 * Overdue assigned work items (逾期交办事项) per unit for the year-end late-work leaf: the units'
 * parts in items due within the assessment's year, judged by the domain's rule on `today`. One
 * statement over the reporting library's published views for all units.
 */
export async function overdueAssignedWork(
  m: EntityManager,
  unitIds: readonly string[],
  year: number,
  today: LocalDate,
): Promise<Map<string, number>> {
  const rows: { unitId: string; dueDate: string; closedOn: string | null }[] = await m.query(
    `SELECT p.unit_id AS "unitId", to_char(i.due_date, 'YYYY-MM-DD') AS "dueDate", to_char(p.closed_on, 'YYYY-MM-DD') AS "closedOn"
     FROM reporting.assigned_work_units p JOIN reporting.assigned_work_items i ON i.id = p.item_id
     WHERE p.unit_id = ANY($1) AND i.due_date BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)`,
    [unitIds, year],
  );
  const terms = new Map<string, { dueDate: LocalDate; closedOn: LocalDate | null }[]>();
  for (const r of rows) {
    const own = terms.get(r.unitId) ?? terms.set(r.unitId, []).get(r.unitId)!;
    own.push({ dueDate: localDate(r.dueDate), closedOn: r.closedOn ? localDate(r.closedOn) : null });
  }
  return new Map([...terms].map(([unitId, own]) => [unitId, overdueAssignedWorkCount(own, today)]));
}
