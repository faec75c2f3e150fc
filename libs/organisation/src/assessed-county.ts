import type { EntityManager } from 'typeorm';

/*
 * The roll-up rule, in one place. A county-level assessment unit (a unit with a county tier, 一类/二类/三类,
 * that year) answers for every unit in its subtree: 赣县区（赣州高新区） for 赣州高新区管委会, a county for
 * its own bureaux. A unit's reports, tasks and late months therefore count for the deepest unit with a tier
 * that year that is the unit itself or an ancestor (its path prefixes the unit's path); a unit under no such
 * county (a city department) counts for itself. The quarterly ranking, the bulletin's late list, the
 * completeness matrix, the lagging list and the year-end late-report input all place units with it.
 */

/**
 * A LEFT JOIN LATERAL that gives the assessed county of the `organisation.units` row aliased `unit`, for
 * the year the SQL expression `year` names, as `as` (columns id, short_name, path, tier; all null for a
 * unit under no county).
 */
export function assessedCountyJoin(unit: string, year: string, as: string): string {
  // The unit and its ancestors are the ids on its path, deepest last: a few key lookups per row, where
  // matching the path against every tiered unit's path was a scan per row (most of a quarterly ranking's time).
  return `LEFT JOIN LATERAL (
       SELECT c.id, c.short_name, c.path, ct.tier
       FROM unnest(string_to_array(trim(BOTH '/' FROM ${unit}.path), '/')::uuid[]) WITH ORDINALITY a(id, depth)
       JOIN organisation.county_tiers ct ON ct.unit_id = a.id AND ct.year = ${year}
       JOIN organisation.units c ON c.id = ct.unit_id
       ORDER BY a.depth DESC LIMIT 1) ${as} ON true`;
}

/** Where a unit's figures count: its assessed county, or itself when it is under none. */
export interface AssessedPlace {
  unitId: string;
  unitName: string;
  /** The unit its figures count for: its county, or itself. */
  assessedId: string;
  assessedName: string;
  /** Null for a unit under no county that year. */
  countyId: string | null;
}

/** Each unit's place under the roll-up rule for a year, in one query. */
export async function assessedPlaces(
  m: EntityManager,
  unitIds: readonly string[],
  year: number,
): Promise<Map<string, AssessedPlace>> {
  if (unitIds.length === 0) return new Map();
  const rows: AssessedPlace[] = await m.query(
    `SELECT u.id AS "unitId", u.short_name AS "unitName", coalesce(c.id, u.id) AS "assessedId",
            coalesce(c.short_name, u.short_name) AS "assessedName", c.id AS "countyId"
     FROM organisation.units u ${assessedCountyJoin('u', '$2', 'c')}
     WHERE u.id = ANY($1::uuid[])`,
    [[...new Set(unitIds)], year],
  );
  return new Map(rows.map((r) => [r.unitId, r]));
}

/**
 * How a county is named where its sub-units' figures are counted with its own:
 * 赣县区（赣州高新区）（含赣州高新区管委会）.
 */
export function nameWithSubUnits(countyName: string, subUnitNames: readonly string[]): string {
  const names = [...new Set(subUnitNames)];
  return names.length ? `${countyName}（含${names.join('、')}）` : countyName;
}

/**
 * The units whose figures count for these (each one itself, and a county's sub-units): what a row of
 * the completeness matrix stands for, so that chasing a county's row reaches the sub-unit that is late.
 */
export async function unitsCountingFor(
  m: EntityManager,
  assessedIds: readonly string[],
  year: number,
): Promise<string[]> {
  if (assessedIds.length === 0) return [];
  const rows: { id: string }[] = await m.query(
    `SELECT u.id FROM organisation.units u ${assessedCountyJoin('u', '$2', 'c')}
     WHERE u.id = ANY($1::uuid[]) OR c.id = ANY($1::uuid[])`,
    [[...new Set(assessedIds)], year],
  );
  return rows.map((r) => r.id);
}
