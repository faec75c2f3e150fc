import { one, type Db } from './sql.js';

export interface StatisticRow {
  indicatorId: string;
  unitId: string;
  year: number;
  month: number;
  value: string;
}

/** The figure of a statistic a year-end evaluation reads for a unit (by code): confirmed first, then the latest month. */
export function statisticRead(db: Db, unitCode: string, indicatorName: string, year: number): Promise<StatisticRow> {
  return one(
    db,
    `${indicatorName} of ${unitCode}`,
    `SELECT v.indicator_id AS "indicatorId", v.unit_id AS "unitId", v.year, v.month, v.value::text AS value
     FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id JOIN units u ON u.id = v.unit_id
     WHERE u.code = $1 AND i.name = $2 AND v.year = $3 AND v.value IS NOT NULL
     ORDER BY (v.confirmation = 'confirmed') DESC, v.month DESC LIMIT 1`,
    [unitCode, indicatorName, year],
  );
}

/** The reasons on the audit entries of one statistic's row, oldest first. */
export async function statisticAuditReasons(db: Db, row: Omit<StatisticRow, 'value'>): Promise<(string | null)[]> {
  const found: { reason: string | null }[] = await db.query(
    `SELECT a.reason FROM audit_log a JOIN indicator_values v ON v.id::text = a.entity_id
     WHERE a.entity = 'indicator_values' AND v.indicator_id = $1 AND v.unit_id = $2 AND v.year = $3 AND v.month = $4
     ORDER BY a.id`,
    [row.indicatorId, row.unitId, row.year, row.month],
  );
  return found.map((r) => r.reason);
}
