import type { EntityManager } from 'typeorm';
import { assessedPlaces } from '@app/organisation';
import { expectedReports } from '@app/reporting';

/**
 * The months of the year in which each of `unitIds` had a required report late or missing (附表3-2's
 * occurrences), a county counting its sub-units' reports with its own (the roll-up rule, assessed-county.ts).
 */
export async function lateReportMonths(
  m: EntityManager,
  planId: string,
  year: number,
  unitIds: readonly string[],
  now: Date,
): Promise<Map<string, Set<number>>> {
  const months = new Map<string, Set<number>>();
  const periodIds: string[] = (
    await m.query(`SELECT id FROM reporting.reporting_periods WHERE plan_id = $1 AND year = $2`, [planId, year])
  ).map((r: { id: string }) => r.id);
  if (periodIds.length === 0 || unitIds.length === 0) return months;
  const overdue = (await expectedReports(m, { planIds: [planId], periodIds }, now)).filter(
    (e) => e.timeliness === 'late' || e.timeliness === 'missing',
  );
  const places = await assessedPlaces(m, [...new Set(overdue.map((e) => e.unitId))], year);
  const wanted = new Set(unitIds);
  for (const e of overdue) {
    const owner = places.get(e.unitId)?.assessedId;
    if (owner && wanted.has(owner)) (months.get(owner) ?? months.set(owner, new Set()).get(owner)!).add(e.month);
  }
  return months;
}
