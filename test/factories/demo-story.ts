import { rows, type Db } from './sql.js';

/** The latest date of each kind of record the demo writes: none may lie after the demo's clock. */
export interface DemoStoryDates {
  reportSubmittedAt: Date | null;
  reportReviewedAt: Date | null;
  /** 'YYYY-MM' of the latest indicator value. */
  indicatorMonth: string | null;
  statisticConfirmedAt: Date | null;
  /** 'YYYY-MM' of the latest fund execution record. */
  executionMonth: string | null;
  bulletinQuarters: string[];
  actuals: number;
  surveys: number;
  fundEvaluations: number;
  assessments: number;
}

export async function demoStoryDates(db: Db): Promise<DemoStoryDates> {
  const [dates] = await rows<Omit<DemoStoryDates, 'bulletinQuarters'>>(
    db,
    `SELECT (SELECT max(submitted_at) FROM reports) AS "reportSubmittedAt",
            (SELECT max(reviewed_at) FROM reports) AS "reportReviewedAt",
            (SELECT max(year || '-' || lpad(month::text, 2, '0')) FROM indicator_values) AS "indicatorMonth",
            (SELECT max(confirmed_at) FROM indicator_values) AS "statisticConfirmedAt",
            (SELECT max(month) FROM fund_executions) AS "executionMonth",
            (SELECT count(*)::int FROM performance_actuals) AS actuals,
            (SELECT count(*)::int FROM fund_surveys) AS surveys,
            (SELECT count(*)::int FROM fund_evaluations) AS "fundEvaluations",
            (SELECT count(*)::int FROM assessments) AS assessments`,
  );
  const quarters = await rows<{ key: string }>(db, `SELECT quarter_key AS key FROM bulletins ORDER BY quarter_key`);
  return { ...dates!, bulletinQuarters: quarters.map((q) => q.key) };
}
