import type { EntityManager } from 'typeorm';
import { Confirmation, IndicatorValue } from './entities/indicator-value.entity.js';

/*
 * Indicator values belong to the plans library (the plan import writes baselines); reporting writes
 * the figures counties report and the office or an authority enters, through these. Rows are saved
 * through the entity, so the audit trail records every change.
 */

export interface IndicatorValueKey {
  indicatorId: string;
  unitId: string;
  year: number;
  /** 1–12 for a value to date; 0 for the year's figure. */
  month: number;
}

export type IndicatorValueFields = Partial<
  Pick<
    IndicatorValue,
    | 'value'
    | 'textValue'
    | 'source'
    | 'confirmation'
    | 'confirmedAt'
    | 'confirmedByUserId'
    | 'reportId'
    | 'reportedByUserId'
  >
>;

export function findIndicatorValue(m: EntityManager, key: IndicatorValueKey): Promise<IndicatorValue | null> {
  const { indicatorId, unitId, year, month } = key;
  return m.getRepository(IndicatorValue).findOne({ where: { indicatorId, unitId, year, month } });
}

/**
 * Changes `existing` (the row findIndicatorValue gave for the key), or creates the key's row:
 * reported, unconfirmed and from no report unless the fields say otherwise.
 */
export function saveIndicatorValue(
  m: EntityManager,
  existing: IndicatorValue | null,
  key: IndicatorValueKey,
  fields: IndicatorValueFields,
): Promise<IndicatorValue> {
  const repo = m.getRepository(IndicatorValue);
  return repo.save(
    existing
      ? Object.assign(existing, fields)
      : repo.create({
          ...key,
          confirmation: Confirmation.Reported,
          confirmedAt: null,
          confirmedByUserId: null,
          reportId: null,
          ...fields,
        }),
  );
}

/**
 * The approved or published year-end assessments whose frozen inputs read this statistic (its indicator by name, in
 * its city and year): changing it moves none of their results, so it changes only with a reason on record.
 */
export async function assessmentsFedBy(m: EntityManager, key: IndicatorValueKey): Promise<string[]> {
  const rows: { assessment_id: string }[] = await m.query(
    `SELECT DISTINCT f.assessment_id FROM assessment.frozen_statistics f
     JOIN indicators i ON i.name = f.indicator_name AND i.city_id = f.city_id
     WHERE i.id = $1 AND f.year = $2`,
    [key.indicatorId, key.year],
  );
  return rows.map((r) => r.assessment_id);
}

export function countIndicatorValuesOfReport(m: EntityManager, reportId: string): Promise<number> {
  return m.getRepository(IndicatorValue).count({ where: { reportId } });
}
