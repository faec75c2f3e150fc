import type { DataSource, EntityManager } from 'typeorm';
import { entityColumnsSql, entityFromRow, preparedQuery } from '@app/common';
import type { Unit } from '@app/organisation';
import { Report, type SubjectType } from './entities/report.entity.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';
import { itemJoinsSql, itemLabelSql, itemOfPlanSql, itemUnitSql, unitIndicatorsJoinSql } from './report-items.js';

/*
 * Everything a report's save or submit checks, read in one statement: at the month-end rush these two requests
 * are most of the traffic, and each round trip to PostgreSQL costs the API process more than the checks do.
 * The item and its unit come from the plans' and organisation's published views, like every cross-area read.
 */

/** The reporting unit as the access rules and the report's view need it. */
export type ReportUnit = Pick<Unit, 'id' | 'path' | 'cityId' | 'shortName'>;

export interface EvidenceListed {
  sha256: string;
  filename: string;
  uploadedAt: Date;
}

/** What a save or submit checks: null parts were not found. */
export interface ReportWriteContext {
  period: ReportingPeriod | null;
  /** The item's unit and label; null when the item is not the period's plan's. */
  subject: { unit: ReportUnit; label: string } | null;
  /** Until when an office exception keeps the closed month open for the unit; null without one. */
  exceptionUntil: Date | null;
  report: Report | null;
  evidence: EvidenceListed[];
  /** How many indicator values the report carries (an indicators report needs one to be submitted). */
  valueCount: number;
}

const P = 'p_';
const R = 'r_';

/**
 * The columns after the period's and the report's, and the joins behind them, for a report `r` and period `p`;
 * `unitId` picks the unit whose access rules apply (the item's, or the report's once it exists).
 */
function contextSql(
  dataSource: DataSource,
  type: string,
  id: string,
  unitId: (itemUnitId: string) => string,
): { columns: string; joins: string } {
  return {
    columns: `${entityColumnsSql(dataSource.getMetadata(ReportingPeriod), 'p', P)},
      ${entityColumnsSql(dataSource.getMetadata(Report), 'r', R)},
      ${itemOfPlanSql(type, 'p.plan_id')} AS valid, ${itemLabelSql(type)} AS label,
      u.id AS unit_id, u.path AS unit_path, u.city_id AS unit_city_id, u.short_name AS unit_short_name,
      x.open_until AS exception_until,
      (SELECT coalesce(json_agg(json_build_object('sha256', e.sha256, 'filename', e.filename, 'uploadedAt', e.uploaded_at)
         ORDER BY e.uploaded_at), '[]') FROM report_evidence e WHERE e.report_id = r.id) AS evidence,
      (SELECT count(*)::int FROM plans.indicator_values v WHERE v.report_id = r.id AND ${type} = 'indicators') AS value_count`,
    joins: `${itemJoinsSql(type, id)}
      ${unitIndicatorsJoinSql(type, id, 'p.plan_id')}
      LEFT JOIN organisation.units u ON u.id = ${unitId(itemUnitSql(type))}
      LEFT JOIN entry_exceptions x ON x.period_id = p.id AND x.unit_id = u.id`,
  };
}

function contextFrom(dataSource: DataSource, row: Record<string, unknown> | undefined): ReportWriteContext {
  if (!row) return { period: null, subject: null, exceptionUntil: null, report: null, evidence: [], valueCount: 0 };
  const unit: ReportUnit | null =
    row.valid && row.unit_id
      ? {
          id: row.unit_id as string,
          path: row.unit_path as string,
          cityId: row.unit_city_id as string,
          shortName: row.unit_short_name as string,
        }
      : null;
  return {
    period: row[`${P}id`] ? entityFromRow(dataSource, ReportingPeriod, row, P) : null,
    subject: unit ? { unit, label: row.label as string } : null,
    exceptionUntil: (row.exception_until as Date | null) ?? null,
    report: row[`${R}id`] ? entityFromRow(dataSource, Report, row, R) : null,
    // JSON carries the upload times as text; the view gives them as the entity would, as dates.
    evidence: (row.evidence as { sha256: string; filename: string; uploadedAt: string }[]).map((e) => ({
      ...e,
      uploadedAt: new Date(e.uploadedAt),
    })),
    valueCount: row.value_count as number,
  };
}

/** A save's context: the period, the item named by type and id, and the report of the two if there is one. */
export async function saveContext(
  m: EntityManager,
  input: { periodId: string; subjectType: SubjectType; subjectId: string },
): Promise<ReportWriteContext> {
  const { columns, joins } = contextSql(m.connection, '$2::text', '$3::uuid', (item) => item);
  const rows = await preparedQuery(
    m,
    `SELECT ${columns}
     FROM reporting_periods p
     LEFT JOIN reports r ON r.period_id = p.id AND r.subject_type = $2 AND r.subject_id = $3
     ${joins}
     WHERE p.id = $1`,
    [input.periodId, input.subjectType, input.subjectId],
  );
  return contextFrom(m.connection, rows[0]);
}

/** A submission's context: the report by id, its period and item, and the report's unit. */
export async function submitContext(m: EntityManager, reportId: string): Promise<ReportWriteContext> {
  const { columns, joins } = contextSql(m.connection, 'r.subject_type', 'r.subject_id', () => 'r.unit_id');
  const rows = await preparedQuery(
    m,
    `SELECT ${columns}
     FROM reports r JOIN reporting_periods p ON p.id = r.period_id
     ${joins}
     WHERE r.id = $1`,
    [reportId],
  );
  return contextFrom(m.connection, rows[0]);
}
